import { defineProvider } from "../engine.js";
import { ArgumentError, UnsupportedError } from "../errors.js";
import { contextFor } from "../http.js";
import { IssuerKeys } from "../jwks.js";
import type { ClientAuthMethod, Provider, TokenType } from "../provider.js";
import { revokeTokenRfc7009 } from "../rfc7009.js";
import { Secret } from "../secret.js";
import { assertNonEmptyString, assertScopes, assertTimeout } from "../validate.js";
import { oidcAccess } from "./access.js";
import { discover } from "./discovery.js";
import {
  type OidcFacts,
  type OidcHooks,
  withIdTokenIssuer,
  withJsonBody,
  withParams,
} from "./hooks.js";
import { processOidcTokenResponse } from "./id-token.js";
import { assertIssuer } from "./support.js";
import { fetchOidcUser } from "./userinfo.js";

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
      ? (ctx: Parameters<typeof revoke>[0], token: string, tokenType: TokenType) =>
          revoke(ctx, token, client, revocation, tokenType)
      : revocation &&
        ((ctx: Parameters<typeof revokeTokenRfc7009>[0], token: string, tokenType: TokenType) =>
          revokeTokenRfc7009(ctx, client, revocation, token, tokenType));
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
          ...(metadata.endSessionEndpoint && { endSession: metadata.endSessionEndpoint }),
        },
        capabilities: {
          refresh: facts.refresh ?? "on request",
          revoke: revokeToken !== undefined,
          revokeRefresh: revokeToken !== undefined && (hooks.revokesRefreshTokens ?? !revoke),
          // An id_token from the device grant would need checks that are not written yet.
          device: false,
          pkce: hooks.pkce ?? true,
          verifiedEmail: facts.verifiedEmail ?? false,
          uniqueLogin: facts.uniqueLogin ?? false,
          endSession: metadata.endSessionEndpoint !== undefined,
          backchannelLogout: metadata.backchannelLogout,
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
        issuerKeys: new IssuerKeys(metadata.jwksUri),
      },
    );
  });
}
