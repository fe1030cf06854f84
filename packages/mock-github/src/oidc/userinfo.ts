import { type HttpHandler, http } from "msw";
import { findAccount, type MockContext } from "../context.js";
import { userClaims } from "./claims.js";
import { oauthError, oidcJson } from "./respond.js";

/** RFC 6750 §3: the challenge names the problem only when a token was sent. */
function unauthorized(context: MockContext, sent: boolean): Response {
  const realm = `Bearer realm="${context.oidc.issuer}"`;
  return sent
    ? oauthError(401, "invalid_token", "The access token is invalid, expired or revoked.", {
        "www-authenticate": `${realm}, error="invalid_token"`,
      })
    : oauthError(401, "invalid_request", "An access token is required.", {
        "www-authenticate": realm,
      });
}

export function oidcUserinfoHandlers(context: MockContext): HttpHandler[] {
  const { issuer, store } = context.oidc;
  // OIDC Core §5.3.1: GET and POST alike, the token in the Authorization header.
  const userinfo = ({ request }: { request: Request }) => {
    const header = request.headers.get("authorization");
    const token = header === null ? undefined : /^bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    const found = token === undefined ? undefined : store.findAccessToken(token);
    const account = found && findAccount(context, found.grant.login);
    if (!found || !account) return unauthorized(context, header !== null);
    return oidcJson(userClaims(context, account, found.grant.scopes));
  };
  return [http.get(`${issuer}/userinfo`, userinfo), http.post(`${issuer}/userinfo`, userinfo)];
}
