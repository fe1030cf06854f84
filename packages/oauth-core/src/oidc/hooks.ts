import * as oauth from "oauth4webapi";
import type { ClientCredentials } from "../client-auth.js";
import type { HttpResponse, RequestContext } from "../http.js";
import type { JsonObject } from "../parse.js";
import type { ProviderApi, RefreshSupport, TokenType } from "../provider.js";
import type { NormalizedUser } from "../types.js";

/**
 * Where a provider built on `oidc()` departs from the standard. Each provider file passes its
 * own; the engine applies them and knows no provider by name.
 */
export interface OidcHooks {
  /** Default true. Off only for a provider known to mishandle PKCE: say why where you do. */
  pkce?: boolean;
  /** Added to every authorization request (Google's `access_type`, Twitch's `claims`). */
  authorizationParams?: Readonly<Record<string, string>>;
  /**
   * The issuer the discovery document states, when it is not the URL discovery is fetched
   * from (Microsoft's multi-tenant endpoints state a `{tenantid}` template).
   */
  documentIssuer?: string;
  /**
   * The `iss` an id_token must carry, from its claims before the signature is checked (which
   * still happens after); default the document's issuer.
   */
  idTokenIssuer?: (claims: Readonly<JsonObject>, documentIssuer: string) => string;
  /**
   * Sees the token and userinfo answers first: throws the provider's own error shapes (errors
   * sent with HTTP 200) or returns the body with non-standard fields made standard.
   */
  adaptResponse?: (endpoint: "token" | "userinfo", status: number, body: unknown) => unknown;
  /** Adjusts the user normalized from standard claims (a login from another claim, say). */
  normalizeUser?: (user: NormalizedUser, raw: JsonObject, status: number) => NormalizedUser;
  /**
   * Replaces RFC 7009 revocation at the discovered `revocation_endpoint`; when set, the
   * provider can revoke whether or not discovery lists that endpoint.
   */
  revokeToken?: (
    ctx: RequestContext,
    token: string,
    client: ClientCredentials,
    revocationEndpoint: string | undefined,
    tokenType: TokenType,
  ) => Promise<void>;
  /**
   * Whether `revokeToken` takes refresh tokens too; default: true for RFC 7009 at the
   * discovered endpoint, false for a provider's own `revokeToken` unless it says so.
   */
  revokesRefreshTokens?: boolean;
}

/** What a provider built on `oidc()` is besides what discovery tells. */
export interface OidcFacts {
  /** Its REST API, when it has one. */
  readonly api?: ProviderApi | undefined;
  /** Default "on request" (the `offline_access` scope, or a setting at the provider). */
  readonly refresh?: RefreshSupport;
  /**
   * Whether every address the user gets as `email` is verified; default false, and then an
   * address admits someone only when their claims say `email_verified: true`. When true, an
   * address comes only with `email_verified: true` (Google, GitLab, LinkedIn and Twitch send it).
   */
  readonly verifiedEmail?: boolean;
  /** Whether `email` rules can apply at all; false for Microsoft, whose `email` claim is unverified. */
  readonly emailRules?: boolean;
  /** Whether `preferred_username` names one account (GitLab); default false. */
  readonly uniqueLogin?: boolean;
}

/** The response with `body` in place of the one received (status and headers kept). */
export function withJsonBody(response: HttpResponse, body: unknown): HttpResponse {
  const { status, ok, headers } = response;
  return { status, ok, headers, text: JSON.stringify(body), json: () => body };
}

export function withParams(url: string, params: Readonly<Record<string, string>> = {}): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.href;
}

/**
 * oauth4webapi compares an id_token's `iss` with `as.issuer`, or with what this symbol's
 * function answers. It is not in the typings; openid-client, by the same author, uses it for
 * Microsoft's `{tenantid}` issuers. Without it every such id_token fails the `iss` check, so
 * its absence fails closed.
 */
const EXPECTED_ISSUER: unknown = Reflect.get(oauth, "_expectedIssuer");

export function withIdTokenIssuer(
  server: oauth.AuthorizationServer,
  issuerFor: OidcHooks["idTokenIssuer"],
): oauth.AuthorizationServer {
  if (!issuerFor || typeof EXPECTED_ISSUER !== "symbol") return server;
  const expected = ({ claims }: { claims: JsonObject }) => issuerFor(claims, server.issuer);
  return Object.freeze({ ...server, [EXPECTED_ISSUER]: expected });
}
