import type { HttpHandler } from "msw";
import { findAccount, type MockContext } from "../context.js";
import { verifierMatches } from "../oauth/pkce.js";
import { signIdToken } from "./claims.js";
import { tokenLifetime } from "./context.js";
import { clientEndpoint, oauthError, oidcJson } from "./respond.js";
import type { OidcCode, OidcGrant } from "./store.js";
import type { MockOidcClient } from "./types.js";

const invalidGrant = (description: string) => oauthError(400, "invalid_grant", description);

/** RFC 7636 §4.6, and RFC 9700 §2.1.1: a verifier for a code sent without a challenge is refused. */
function pkceHolds(code: OidcCode, verifier: string | null): Promise<boolean> | boolean {
  if (code.codeChallenge === undefined) return verifier === null;
  return verifierMatches(code.codeChallenge, verifier);
}

/** A fresh access token, refresh token and id_token for `grant`. */
async function issue(
  context: MockContext,
  client: MockOidcClient,
  grant: OidcGrant,
  nonce: string | undefined,
): Promise<Response> {
  const account = findAccount(context, grant.login);
  if (!account) return invalidGrant("The account no longer exists.");
  const lifetimeSeconds = tokenLifetime(client);
  const { accessToken, refreshToken } = context.oidc.store.issueTokens(grant, lifetimeSeconds);
  const idToken = await signIdToken(context, account, grant, {
    accessToken,
    lifetimeSeconds,
    nonce,
  });
  return oidcJson({
    access_token: accessToken,
    token_type: "Bearer",
    expires_in: lifetimeSeconds,
    refresh_token: refreshToken,
    id_token: idToken,
    scope: grant.scopes.join(" "),
  });
}

async function codeGrant(
  context: MockContext,
  client: MockOidcClient,
  params: URLSearchParams,
): Promise<Response> {
  const value = params.get("code");
  if (!value) return oauthError(400, "invalid_request", "code is required.");
  const code = context.oidc.store.redeemCode(value, client.clientId);
  if (!code) return invalidGrant("The code is invalid, expired or already used.");
  if (params.get("redirect_uri") !== code.redirectUri) {
    return invalidGrant("redirect_uri does not match the authorization request's.");
  }
  if (!(await pkceHolds(code, params.get("code_verifier")))) {
    return invalidGrant("PKCE verification failed.");
  }
  return issue(context, client, code.grant, code.nonce);
}

async function refreshGrant(
  context: MockContext,
  client: MockOidcClient,
  params: URLSearchParams,
): Promise<Response> {
  const token = params.get("refresh_token");
  if (!token) return oauthError(400, "invalid_request", "refresh_token is required.");
  // RFC 6749 §6: a refresh may narrow the scope, never widen it; checked before the token is spent.
  const held = context.oidc.store.refreshGrant(token, client.clientId);
  const wider = (params.get("scope") ?? "")
    .split(" ")
    .find((scope) => scope !== "" && held !== undefined && !held.scopes.includes(scope));
  if (wider !== undefined) {
    return oauthError(400, "invalid_scope", `"${wider}" was not granted.`);
  }
  const grant = context.oidc.store.spendRefreshToken(token, client.clientId);
  if (!grant) return invalidGrant("The refresh token is invalid, expired or revoked.");
  // OIDC Core §12.2: a refreshed id_token carries no nonce.
  return issue(context, client, grant, undefined);
}

export function oidcTokenHandlers(context: MockContext): HttpHandler[] {
  return [
    clientEndpoint(context, "/token", (client, form) => {
      const grantType = form.get("grant_type");
      switch (grantType) {
        case "authorization_code":
          return codeGrant(context, client, form);
        case "refresh_token":
          return refreshGrant(context, client, form);
        case null:
          return oauthError(400, "invalid_request", "grant_type is required.");
        default:
          return oauthError(400, "unsupported_grant_type", `"${grantType}" is not supported.`);
      }
    }),
  ];
}
