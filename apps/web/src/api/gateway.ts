import type { LogoutBody, Me, NormalizedUser } from "@latchkey/contracts";
import { parseApis } from "./apis";
import { ShapeError } from "./errors";
import { apiUrl, discardBody, ensureOk, readJson, send } from "./http";
import { expectNullableString, expectRecord, expectString, safeHttpUrl } from "./parse";

// Every mutating or token-using call carries it: a cross-site form cannot set a custom header.
export const CSRF_HEADERS = { "X-CSRF": "1" } as const;

/**
 * The signed-in user, or null when there is no session (401). `slide: false` is for the app's
 * own background checks: asking that way does not count as the person being active, so an
 * open tab never keeps an unattended session alive.
 */
export async function getMe({ slide = true }: { slide?: boolean } = {}): Promise<Me | null> {
  const url = apiUrl("/api/me", slide ? {} : { slide: "false" });
  const response = await send(url, { headers: { Accept: "application/json" } });
  if (response.status === 401) {
    await discardBody(response);
    return null;
  }
  return readJson(await ensureOk(response), parseMe);
}

/**
 * Ends the session at the gateway; already signed out (401) counts as done. Answers the
 * provider's end-session URL when the gateway wants the provider's session ended too (200 with
 * `{ endSessionUrl }`), else null (204).
 */
export async function logout(): Promise<string | null> {
  const response = await send(apiUrl("/auth/logout"), { method: "POST", headers: CSRF_HEADERS });
  if (response.status === 401) {
    await discardBody(response);
    return null;
  }
  await ensureOk(response);
  if (response.status === 204) return null;
  return (await readJson(response, parseLogout)).endSessionUrl;
}

/** `POST /auth/logout`'s 200 body. The browser is sent there, so only http(s) will do. */
export function parseLogout(body: unknown): LogoutBody {
  const url = safeHttpUrl(expectString(expectRecord(body, "body"), "endSessionUrl", ""));
  if (url === null) throw new ShapeError('"endSessionUrl" must be an http(s) URL');
  return { endSessionUrl: url };
}

/** `GET /api/me`'s body, checked field by field: the types say what the gateway means to send. */
export function parseMe(body: unknown): Me {
  const me = expectRecord(body, "body");
  const provider = expectString(me, "provider", "");
  return {
    user: parseUser(me.user),
    provider,
    // Newer than the rest of the body: a gateway without it is named by the provider's id.
    providerName:
      typeof me.providerName === "string" && me.providerName !== "" ? me.providerName : provider,
    expiresAt: expectString(me, "expiresAt", ""),
    apis: parseApis(me.apis),
  };
}

function parseUser(value: unknown): NormalizedUser {
  const user = expectRecord(value, "user");
  return {
    provider: expectString(user, "provider", "user."),
    id: expectString(user, "id", "user."),
    login: expectString(user, "login", "user."),
    name: expectNullableString(user, "name", "user."),
    email: expectNullableString(user, "email", "user."),
    avatarUrl: expectNullableString(user, "avatarUrl", "user."),
    profileUrl: expectNullableString(user, "profileUrl", "user."),
  };
}
