import type { MockContext } from "../context.js";
import type { MockClient } from "../types.js";
import { errorPage } from "./html.js";
import { parseScopes } from "./scopes.js";

export interface AuthorizeRequest {
  client: MockClient;
  redirectUri: string;
  scopes: string[];
  state: string | undefined;
  codeChallenge: string | undefined;
  /** GitHub's `login` hint: the account to suggest. */
  login: string | undefined;
}

const DOCS =
  "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-authorization-request-errors";
// RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is always 43 characters.
export const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

/**
 * Checks an authorization request the way GitHub does, for the page (GET) and again for
 * the decision (POST), since the form's hidden fields come back from the browser.
 * Problems the user should see are error pages; a redirect_uri outside the app's
 * registered callback is reported to that callback, as GitHub does.
 */
export function validateAuthorize(
  context: MockContext,
  params: URLSearchParams,
): { ok: true; request: AuthorizeRequest } | { ok: false; response: Response } {
  const fail = (status: number, heading: string, message: string) => ({
    ok: false as const,
    response: errorPage(status, heading, message),
  });
  const client = context.clients.get(params.get("client_id") ?? "");
  if (!client) {
    return fail(404, "Not Found", "No OAuth application is registered with this client_id.");
  }
  const redirectUri = params.get("redirect_uri");
  if (!redirectUri) {
    return fail(
      400,
      "Missing redirect_uri",
      "The redirect_uri parameter is required by this server.",
    );
  }
  if (!isHttpUrl(redirectUri)) {
    return fail(
      400,
      "Invalid redirect_uri",
      "The redirect_uri must be an absolute http(s) URL without a fragment.",
    );
  }
  const state = params.get("state") ?? undefined;
  if (client.callbackUrl && !isUnderCallback(redirectUri, client.callbackUrl)) {
    const location = new URL(client.callbackUrl);
    location.searchParams.set("error", "redirect_uri_mismatch");
    location.searchParams.set(
      "error_description",
      "The redirect_uri MUST match the registered callback URL for this application.",
    );
    location.searchParams.set("error_uri", `${DOCS}/#redirect-uri-mismatch`);
    if (state !== undefined) location.searchParams.set("state", state);
    return { ok: false, response: redirect(location.href) };
  }
  const codeChallenge = params.get("code_challenge") ?? undefined;
  if (codeChallenge !== undefined) {
    if (params.get("code_challenge_method") !== "S256") {
      return fail(
        400,
        "Unsupported code_challenge_method",
        "Only code_challenge_method=S256 is supported.",
      );
    }
    if (!S256_CHALLENGE.test(codeChallenge)) {
      return fail(
        400,
        "Invalid code_challenge",
        "The code_challenge must be 43 base64url characters.",
      );
    }
  }
  return {
    ok: true,
    request: {
      client,
      redirectUri,
      scopes: parseScopes(params.get("scope")),
      state,
      codeChallenge,
      login: params.get("login") ?? undefined,
    },
  };
}

export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && !value.includes("#");
  } catch {
    return false;
  }
}

/** GitHub's rule: same host and port as the callback URL, and a path at or below its path. */
function isUnderCallback(redirectUri: string, callbackUrl: string): boolean {
  const asked = new URL(redirectUri);
  const registered = new URL(callbackUrl);
  const base = registered.pathname.endsWith("/") ? registered.pathname : `${registered.pathname}/`;
  return (
    asked.protocol === registered.protocol &&
    asked.host === registered.host &&
    (asked.pathname === registered.pathname || asked.pathname.startsWith(base))
  );
}

export function redirect(location: string): Response {
  return new Response(null, { status: 302, headers: { location, "cache-control": "no-store" } });
}
