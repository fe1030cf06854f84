import { type HttpHandler, HttpResponse, http } from "msw";
import { parseBasic } from "../api/auth.js";
import type { MockContext } from "../context.js";
import { DEVICE_CODE_GRANT, deviceTokenReply } from "../device/token.js";
import type { AuthorizationCode } from "../state.js";
import type { MockClient } from "../types.js";
import { grantTokens, type TokenFields } from "./grant-tokens.js";
import { escapeHtml } from "./html.js";
import { verifierMatches } from "./pkce.js";

const DOCS =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors";

// GitHub's exact error bodies. It sends them with HTTP 200, and clients must cope.
const ERRORS = {
  incorrect_client_credentials: [
    "The client_id and/or client_secret passed are incorrect.",
    "#incorrect-client-credentials",
  ],
  redirect_uri_mismatch: [
    "The redirect_uri MUST match the registered callback URL for this application.",
    "#redirect-uri-mismatch2",
  ],
  bad_verification_code: ["The code passed is incorrect or expired.", "#bad-verification-code"],
  bad_refresh_token: ["The refresh token passed is incorrect or expired.", "#bad-refresh-token"],
  unsupported_grant_type: ["The grant type passed is not supported.", "#unsupported-grant-type"],
} as const;
type ErrorCode = keyof typeof ERRORS;

/** GitHub takes parameters from the query, a form body or a JSON body. */
export async function readParams(request: Request): Promise<Map<string, string>> {
  const params = new Map(new URL(request.url).searchParams);
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const text = await request.text();
  if (type.includes("json")) {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return params;
    }
    if (typeof json === "object" && json !== null) {
      for (const [key, value] of Object.entries(json)) {
        if (typeof value === "string") params.set(key, value);
      }
    }
  } else {
    for (const [key, value] of new URLSearchParams(text)) params.set(key, value);
  }
  return params;
}

function authenticate(context: MockContext, request: Request, params: Map<string, string>) {
  const basic = parseBasic(request.headers.get("authorization") ?? "");
  const clientId = basic?.user ?? params.get("client_id");
  const secret = basic?.password ?? params.get("client_secret");
  const client: MockClient | undefined =
    clientId === undefined ? undefined : context.clients.get(clientId);
  return client && client.clientSecret === secret ? client : undefined;
}

async function pkceMatches(
  grant: AuthorizationCode,
  verifier: string | undefined,
): Promise<boolean> {
  return grant.codeChallenge === undefined || verifierMatches(grant.codeChallenge, verifier);
}

/** JSON, XML or (by default, like GitHub) a form-encoded body, chosen by Accept. */
export function tokenReply(request: Request, fields: TokenFields): Response {
  const accept = (request.headers.get("accept") ?? "").toLowerCase();
  const headers = { "cache-control": "no-store", "content-type": "" };
  let body: string;
  if (accept.includes("application/json")) {
    headers["content-type"] = "application/json; charset=utf-8";
    body = JSON.stringify(fields);
  } else if (accept.includes("application/xml")) {
    headers["content-type"] = "application/xml; charset=utf-8";
    const xml = Object.entries(fields).map(
      ([key, value]) => `<${key}>${escapeHtml(String(value))}</${key}>`,
    );
    body = `<OAuth>${xml.join("")}</OAuth>`;
  } else {
    headers["content-type"] = "application/x-www-form-urlencoded; charset=utf-8";
    const entries = Object.entries(fields).map(([key, value]): [string, string] => [
      key,
      String(value),
    ]);
    body = new URLSearchParams(entries).toString();
  }
  return HttpResponse.text(body, { status: 200, headers });
}

function oauthError(request: Request, error: ErrorCode): Response {
  const [description, anchor] = ERRORS[error];
  return tokenReply(request, {
    error,
    error_description: description,
    error_uri: `${DOCS}/${anchor}`,
  });
}

export function tokenHandlers(context: MockContext): HttpHandler[] {
  return [
    http.post(`${context.baseUrl}/login/oauth/access_token`, async ({ request }) => {
      const params = await readParams(request);
      // The device flow identifies the client without a secret; it has its own answers.
      if (params.get("grant_type") === DEVICE_CODE_GRANT) {
        return deviceTokenReply(context, request, params);
      }
      const client = authenticate(context, request, params);
      if (!client) return oauthError(request, "incorrect_client_credentials");

      const grantType = params.get("grant_type") ?? "authorization_code";
      if (grantType === "refresh_token") {
        // An OAuth app's tokens never expire: it has no refresh token to present.
        const refreshed = client.expiringTokens
          ? context.state.takeRefreshToken(params.get("refresh_token") ?? "", client.clientId)
          : undefined;
        if (!refreshed) return oauthError(request, "bad_refresh_token");
        return tokenReply(request, grantTokens(context, client, refreshed));
      }
      if (grantType !== "authorization_code") return oauthError(request, "unsupported_grant_type");

      const grant = context.state.takeCode(params.get("code") ?? "", client.clientId);
      if (!grant) return oauthError(request, "bad_verification_code");
      const redirectUri = params.get("redirect_uri");
      if (redirectUri !== undefined && redirectUri !== grant.redirectUri) {
        return oauthError(request, "redirect_uri_mismatch");
      }
      if (!(await pkceMatches(grant, params.get("code_verifier")))) {
        return oauthError(request, "bad_verification_code");
      }
      const { clientId, login, scopes } = grant;
      return tokenReply(request, grantTokens(context, client, { clientId, login, scopes }));
    }),
  ];
}
