import type { ProviderDefinition } from "../definition.js";
import { ArgumentError, UnsupportedError } from "../errors.js";
import { contextFor } from "../http.js";
import { discover, type OidcMetadata } from "../oidc/discovery.js";
import { type OidcHooks, withIdTokenIssuer, withJsonBody, withParams } from "../oidc/hooks.js";
import { processOidcTokenResponse } from "../oidc/id-token.js";
import { assertIssuer, onceSucceeded } from "../oidc/support.js";
import { fetchOidcUser } from "../oidc/userinfo.js";
import type { ClientAuthMethod, OAuthProvider } from "../provider.js";
import { revokeTokenRfc7009 } from "../rfc7009.js";
import { Secret } from "../secret.js";
import { assertNonEmptyString, assertScopes, assertTimeout } from "../validate.js";

const DEFAULT_SCOPES = ["openid", "profile", "email"];

/** Options of {@link oidc}: any OpenID Connect provider, by its issuer. */
export interface OidcOptions {
  /** The provider's id in routes and in `NormalizedUser.provider`; default "oidc". */
  id?: string;
  /** Shown to people ("Sign in with …"); default "OpenID Connect". */
  name?: string;
  /**
   * The issuer identifier, exactly as the discovery document states it (a trailing slash
   * counts): an https URL without query or fragment; http only on `localhost`, `127.0.0.1` or
   * `[::1]`, for local mocks. Discovery reads `<issuer>/.well-known/openid-configuration`.
   */
  issuer: string;
  /** The client id registered with the provider (non-empty); also the id_token's `aud`. */
  clientId: string;
  /** The client secret (non-empty), kept as a {@link Secret}. */
  clientSecret: string;
  /** Default ["openid", "profile", "email"]; must include "openid". */
  scopes?: string[];
  /** Default "client_secret_basic", the OpenID Connect default. */
  clientAuth?: ClientAuthMethod;
  /**
   * The `fetch` for every request (discovery, JWKS, token, userinfo, revocation); default
   * `globalThis.fetch`, looked up on each call.
   */
  fetch?: typeof fetch;
  /** Milliseconds per request, default 10 000. */
  timeout?: number;
  /** How a provider departs from the standard; for provider files such as google.ts. */
  hooks?: OidcHooks;
}

/**
 * Any OpenID Connect provider, configured from its discovery document. Discovery happens on
 * first use (the factory stays synchronous) and is kept for the life of this object; a failed
 * one is tried again next time. The document's `issuer` must equal `issuer` exactly and its
 * endpoints must be https (http only when the issuer itself is on loopback).
 *
 * Every login gets S256 PKCE and a `nonce`; {@link exchangeCode} requires that nonce and
 * validates the id_token (with oauth4webapi: signature against the issuer's JWKS, `alg`, `iss`,
 * `aud`, `azp`, `exp` with 30 s of clock tolerance, `iat`, `sub`, `nonce`). User info comes
 * from the discovered `userinfo_endpoint` (email dropped when `email_verified` is false);
 * revocation uses the discovered `revocation_endpoint` (RFC 7009), when there is one.
 *
 * @throws {@link ArgumentError} when `issuer` is not as described, `clientId`, `clientSecret` or
 * `id` is empty, a scope is invalid, `scopes` lacks `"openid"`, or `timeout` is not positive.
 */
export function oidc(options: OidcOptions): OAuthProvider {
  const { issuer, clientId, id = "oidc", name = "OpenID Connect", hooks = {} } = options;
  assertIssuer(issuer);
  assertNonEmptyString(clientId, "clientId");
  assertNonEmptyString(options.clientSecret, "clientSecret");
  assertNonEmptyString(id, "id");
  const scopes = Object.freeze([...(options.scopes ?? DEFAULT_SCOPES)]);
  assertScopes(scopes, "scopes");
  if (!scopes.includes("openid")) throw new ArgumentError("scopes", 'must include "openid"');
  assertTimeout(options.timeout, "timeout");
  const base = {
    id,
    name,
    clientId,
    issuer,
    apiUrl: undefined,
    scopes,
    pkce: hooks.pkce ?? true,
    requiresNonce: true,
    clientAuth: options.clientAuth ?? "client_secret_basic",
    clientSecret: new Secret(options.clientSecret),
    fetch: options.fetch,
    timeout: options.timeout,
  } as const;

  const withMetadata = (discovered: OidcMetadata): OAuthProvider => {
    const { userinfoEndpoint: userinfo, revocationEndpoint: revocation } = discovered;
    const metadata = {
      ...discovered,
      server: withIdTokenIssuer(discovered.server, hooks.idTokenIssuer),
    };
    const { adaptResponse: adapt, revokeToken: revoke } = hooks;
    const provider: OAuthProvider = Object.freeze({
      ...base,
      authorizationEndpoint: withParams(metadata.authorizationEndpoint, hooks.authorizationParams),
      tokenEndpoint: metadata.tokenEndpoint,
      requiresIssuerParameter: metadata.requiresIssuerParameter,
      processTokenResponse: (ctx, response, checks) => {
        const adapted = adapt
          ? withJsonBody(response, adapt("token", response.status, response.json()))
          : response;
        return processOidcTokenResponse(ctx, metadata, clientId, adapted, checks);
      },
      fetchUser: async (ctx, accessToken, { expectedSubject }) => {
        if (!userinfo) throw new UnsupportedError(`${name} has no userinfo endpoint`);
        return fetchOidcUser(ctx, userinfo, accessToken, {
          providerId: id,
          expectedSubject,
          hooks,
        });
      },
      ...(revoke
        ? { revokeToken: (ctx, token) => revoke(ctx, token, provider, revocation) }
        : revocation && {
            revokeToken: (ctx, token) => revokeTokenRfc7009(ctx, provider, revocation, token),
          }),
    } satisfies OAuthProvider);
    return provider;
  };

  let resolved: OAuthProvider | undefined;
  const resolve = onceSucceeded(async () => {
    resolved = withMetadata(await discover(contextFor(base), issuer, hooks.documentIssuer));
    return resolved;
  });

  return Object.freeze({
    ...base,
    // Known once discovery has run: the engine calls `resolve()` before it needs them.
    get authorizationEndpoint() {
      return resolved?.authorizationEndpoint ?? "";
    },
    get tokenEndpoint() {
      return resolved?.tokenEndpoint ?? "";
    },
    get requiresIssuerParameter() {
      return resolved?.requiresIssuerParameter ?? false;
    },
    resolve,
    fetchUser: async (ctx, accessToken, userOptions) =>
      (await resolve()).fetchUser(ctx, accessToken, userOptions),
  } satisfies OAuthProvider);
}

/** The catalogue entry for {@link oidc}: how to make it from configuration, how to set it up. */
export const oidcDefinition: ProviderDefinition = {
  id: "oidc",
  name: "OpenID Connect",
  protocol: "oidc",
  create: (o) =>
    oidc({ ...o, issuer: String(o.issuer), ...(typeof o.name === "string" && { name: o.name }) }),
  settings: [
    {
      option: "issuer",
      env: "ISSUER",
      required: true,
      description: "the issuer URL (its /.well-known/openid-configuration is read)",
    },
    {
      option: "name",
      env: "NAME",
      required: false,
      description: 'shown as "Sign in with <NAME>"',
    },
  ],
  setup: {
    console: "your identity provider's admin console",
    defaultScopes: ["openid", "profile", "email"],
    refresh: "on request",
    revocation: true,
    pkce: true,
    notes:
      "Any OpenID Connect provider by discovery; revocation when it advertises a revocation_endpoint.",
  },
};
