import { basicAuthorization } from "../../encoding.js";
import { ResponseError } from "../../errors.js";
import type { HttpResponse, RequestContext } from "../../http.js";
import {
  assertJsonArray,
  assertJsonObject,
  readId,
  readNullableString,
  readOptionalBoolean,
  readString,
} from "../../parse.js";
import { assertTokenAccepted } from "../../provider-errors.js";
import type { Secret } from "../../secret.js";
import { toHttpUrl } from "../../text.js";
import type { NormalizedUser, UserInfo } from "../../types.js";

/** The REST API version this code and the proxy's default are written against. */
export const API_VERSION = "2022-11-28";
/** Scopes that let a token read the private email addresses at /user/emails. */
const EMAIL_SCOPES = new Set(["user:email", "user"]);

/** GitHub refuses API requests without a User-Agent. */
function apiHeaders(authorization: string): Record<string, string> {
  return {
    Accept: "application/vnd.github+json",
    Authorization: authorization,
    "X-GitHub-Api-Version": API_VERSION,
    "User-Agent": "latchkey",
  };
}

export async function apiGet(
  ctx: RequestContext,
  url: string,
  accessToken: string,
): Promise<HttpResponse> {
  const response = await ctx.request(url, {
    headers: apiHeaders(`Bearer ${accessToken}`),
    // Reads only: a 502/503/504 or a dropped connection is worth another try (D2).
    retry: "idempotent",
  });
  assertTokenAccepted(response);
  if (!response.ok) {
    throw new ResponseError(`the GitHub API answered HTTP ${response.status}`, response.status);
  }
  return response;
}

export async function fetchGitHubUser(
  ctx: RequestContext,
  apiUrl: string,
  accessToken: string,
  scopes: readonly string[],
): Promise<UserInfo> {
  const response = await apiGet(ctx, `${apiUrl}/user`, accessToken);
  const raw = response.json();
  const user = normalizeGitHubUser(raw, response.status);
  // The profile shows only the public email; without the scope /user/emails would answer 404.
  if (user.email === null && scopes.some((scope) => EMAIL_SCOPES.has(scope))) {
    user.email = await fetchPrimaryEmail(ctx, apiUrl, accessToken);
  }
  return { user, raw };
}

export function normalizeGitHubUser(raw: unknown, status: number): NormalizedUser {
  assertJsonObject(raw, status, "the user");
  return {
    provider: "github",
    id: readId(raw, "id", status),
    login: readString(raw, "login", status),
    name: readNullableString(raw, "name", status),
    email: readNullableString(raw, "email", status),
    avatarUrl: toHttpUrl(readNullableString(raw, "avatar_url", status)),
    profileUrl: toHttpUrl(readNullableString(raw, "html_url", status)),
  };
}

/** The primary verified address, else the first verified one: an unverified one proves nothing. */
async function fetchPrimaryEmail(
  ctx: RequestContext,
  apiUrl: string,
  accessToken: string,
): Promise<string | null> {
  const response = await apiGet(ctx, `${apiUrl}/user/emails`, accessToken);
  const body = response.json();
  assertJsonArray(body, response.status, "the email list");
  const emails = body.map((entry) => {
    assertJsonObject(entry, response.status, "an email entry");
    return {
      email: readString(entry, "email", response.status),
      primary: readOptionalBoolean(entry, "primary", response.status) ?? false,
      verified: readOptionalBoolean(entry, "verified", response.status) ?? false,
    };
  });
  const verified = emails.filter((entry) => entry.verified);
  return (verified.find((entry) => entry.primary) ?? verified[0])?.email ?? null;
}

export interface GitHubApp {
  apiUrl: string;
  clientId: string;
  clientSecret: Secret;
}

/** DELETE /applications/{client_id}/token, authenticated as the OAuth App itself. */
export async function revokeGitHubToken(
  ctx: RequestContext,
  app: GitHubApp,
  accessToken: string,
): Promise<void> {
  const response = await ctx.request(
    `${app.apiUrl}/applications/${encodeURIComponent(app.clientId)}/token`,
    {
      method: "DELETE",
      headers: {
        ...apiHeaders(basicAuthorization(app.clientId, app.clientSecret.reveal())),
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ access_token: accessToken }),
    },
  );
  // 404 and 422 mean the token is already unusable, which is what revoking wants.
  if (response.status === 204 || response.status === 404 || response.status === 422) return;
  throw new ResponseError(`token revocation answered HTTP ${response.status}`, response.status);
}
