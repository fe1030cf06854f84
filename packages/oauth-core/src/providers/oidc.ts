import type { ProviderDefinition } from "../definition.js";
import { defineProvider } from "../engine.js";
import { ArgumentError, UnsupportedError } from "../errors.js";
import { contextFor } from "../http.js";
import { oidcAccess } from "../oidc/access.js";
import { discover } from "../oidc/discovery.js";
import {
  type OidcFacts,
  type OidcHooks,
  withIdTokenIssuer,
  withJsonBody,
  withParams,
} from "../oidc/hooks.js";
import { processOidcTokenResponse } from "../oidc/id-token.js";
import { assertIssuer } from "../oidc/support.js";
import { fetchOidcUser } from "../oidc/userinfo.js";
import type { ClientAuthMethod, Provider } from "../provider.js";
import { revokeTokenRfc7009 } from "../rfc7009.js";
import { Secret } from "../secret.js";
import { stringSetting } from "../settings.js";
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
}

/**
 * Any OpenID Connect provider, configured from its discovery document: the promise settles
 * once discovery has run, with a provider whose endpoints are all known. The document's
 * `issuer` must equal `issuer` exactly and its endpoints must be https (http only when the
 * issuer itself is on loopback). Make the provider once and reuse it; when discovery fails,
 * call `oidc()` again later.
 *
 * Every login gets S256 PKCE and a `nonce`; {@link exchangeCode} requires that nonce and
 * validates the id_token (with oauth4webapi: signature against the issuer's JWKS, `alg`, `iss`,
 * `aud`, `azp`, `exp` with 30 s of clock tolerance, `iat`, `sub`, `nonce`). User info comes
 * from the discovered `userinfo_endpoint` (email dropped when `email_verified` is false);
 * revocation uses the discovered `revocation_endpoint` (RFC 7009), when there is one.
 *
 * @throws {@link ArgumentError} at once (not in the promise) when `issuer` is not as described,
 * `clientId`, `clientSecret` or `id` is empty, a scope is invalid, `scopes` lacks `"openid"`, or
 * `timeout` is not positive.
 * @throws In the promise: {@link ResponseError} when the discovery document is invalid or
 * names another issuer; {@link NetworkError} or {@link TimeoutError} when it cannot be fetched.
 */
export function oidc(options: OidcOptions): Promise<Provider> {
  return oidcProvider(options);
}

/**
 * {@link oidc} for provider files: `hooks` say how the provider departs from the standard and
 * `facts` what discovery cannot tell (its API, its refresh policy). Checks the options at once
 * and returns the discovery as a promise.
 */
export function oidcProvider(
  options: OidcOptions,
  hooks: OidcHooks = {},
  facts: OidcFacts = {},
): Promise<Provider> {
  const { issuer, clientId, id = "oidc", name = "OpenID Connect" } = options;
  assertIssuer(issuer);
  assertNonEmptyString(clientId, "clientId");
  assertNonEmptyString(options.clientSecret, "clientSecret");
  assertNonEmptyString(id, "id");
  const scopes = Object.freeze([...(options.scopes ?? DEFAULT_SCOPES)]);
  assertScopes(scopes, "scopes");
  if (!scopes.includes("openid")) throw new ArgumentError("scopes", 'must include "openid"');
  assertTimeout(options.timeout, "timeout");
  const settings = { fetch: options.fetch, timeout: options.timeout };
  const client = {
    clientId,
    clientSecret: new Secret(options.clientSecret),
    clientAuth: options.clientAuth ?? "client_secret_basic",
  } as const;
  const access = oidcAccess(facts);

  return discover(contextFor(settings), issuer, hooks.documentIssuer).then((discovered) => {
    const { userinfoEndpoint: userinfo, revocationEndpoint: revocation } = discovered;
    const metadata = {
      ...discovered,
      server: withIdTokenIssuer(discovered.server, hooks.idTokenIssuer),
    };
    const { adaptResponse: adapt, revokeToken: revoke } = hooks;
    const revokeToken = revoke
      ? (ctx: Parameters<typeof revoke>[0], token: string) => revoke(ctx, token, client, revocation)
      : revocation &&
        ((ctx: Parameters<typeof revokeTokenRfc7009>[0], token: string) =>
          revokeTokenRfc7009(ctx, client, revocation, token));
    return defineProvider(
      {
        id,
        name,
        protocol: "oidc",
        clientId,
        scopes,
        issuer,
        issuerParameter: metadata.requiresIssuerParameter,
        endpoints: {
          authorization: withParams(metadata.authorizationEndpoint, hooks.authorizationParams),
          token: metadata.tokenEndpoint,
        },
        capabilities: {
          refresh: facts.refresh ?? "on request",
          revoke: revokeToken !== undefined,
          // An id_token from the device grant would need checks that are not written yet.
          device: false,
          pkce: hooks.pkce ?? true,
          verifiedEmail: facts.verifiedEmail ?? false,
          uniqueLogin: facts.uniqueLogin ?? false,
        },
        access,
        api: facts.api,
        tokenParams: [],
      },
      {
        ...client,
        settings,
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
            requireVerifiedEmail: facts.verifiedEmail,
            hooks,
          });
        },
        ...(revokeToken && { revokeToken }),
      },
    );
  });
}

/** The catalogue entry for {@link oidc}: how to make it from configuration, how to set it up. */
export const oidcDefinition: ProviderDefinition = {
  id: "oidc",
  name: "OpenID Connect",
  protocol: "oidc",
  create: (o) =>
    oidc({
      ...o,
      issuer: String(o.issuer),
      ...(stringSetting(o.name) && { name: String(o.name) }),
    }),
  access: oidcAccess(),
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
      "Any OpenID Connect provider by discovery; revocation when it advertises a revocation_endpoint. Email rules admit an address only when its email_verified claim is true.",
  },
};
