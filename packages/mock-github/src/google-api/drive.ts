import { type HttpHandler, HttpResponse, http } from "msw";
import { findAccount, type MockContext } from "../context.js";
import type { SeedAccount } from "../types.js";

/** Where the mock serves Google APIs: what `https://www.googleapis.com` is for Google. */
export function googleApiUrl(context: MockContext): string {
  return `${context.baseUrl}/googleapis`;
}

/**
 * Google APIs' error shape (`{"error": {"code", "message", "status"}}`), with the RFC 6750
 * challenge Google sends on a 401.
 */
function googleError(code: number, message: string, status: string): Response {
  return HttpResponse.json(
    { error: { code, message, status } },
    {
      status: code,
      headers:
        code === 401 ? { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' } : {},
    },
  );
}

/** A few files per account, fixed, so tests and the demo page can name them. */
function filesOf(account: SeedAccount) {
  return [
    {
      kind: "drive#file",
      id: `${account.id}-welcome`,
      name: "Welcome to Drive",
      mimeType: "application/pdf",
    },
    {
      kind: "drive#file",
      id: `${account.id}-notes`,
      name: `${account.login}'s notes`,
      mimeType: "application/vnd.google-apps.document",
    },
  ];
}

/**
 * Drive's `files.list`, enough of it for a signed-in page to call Google's API through the
 * gateway: the token must be one the mock's OpenID provider issued and still honours, and the
 * answer carries an ETag that `If-None-Match` turns into a 304, as Google's APIs do.
 */
export function googleDriveHandlers(context: MockContext): HttpHandler[] {
  return [
    http.get(`${googleApiUrl(context)}/drive/v3/files`, ({ request }) => {
      const header = request.headers.get("authorization");
      const token = header === null ? undefined : /^bearer\s+(\S+)\s*$/i.exec(header)?.[1];
      const found = token === undefined ? undefined : context.oidc.store.findAccessToken(token);
      const account = found && findAccount(context, found.grant.login);
      if (!account) {
        return googleError(
          401,
          "Request had invalid authentication credentials.",
          "UNAUTHENTICATED",
        );
      }
      const body = { kind: "drive#fileList", incompleteSearch: false, files: filesOf(account) };
      const etag = `"${account.id}-${body.files.length}"`;
      if (request.headers.get("if-none-match") === etag) {
        return new HttpResponse(null, { status: 304, headers: { etag } });
      }
      return HttpResponse.json(body, { headers: { etag, "cache-control": "private, max-age=0" } });
    }),
  ];
}
