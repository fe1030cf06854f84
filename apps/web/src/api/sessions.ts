import type { SessionSummary, SessionsBody } from "@latchkey/contracts";
import { CSRF_HEADERS } from "./gateway";
import { apiUrl, discardBody, ensureOk, readJson, send } from "./http";
import {
  expectArray,
  expectBoolean,
  expectNullableString,
  expectRecord,
  expectString,
} from "./parse";

// Only the Sessions page uses these, so they arrive with its chunk (see routes.tsx).

/** The signed-in user's live sessions, newest first, as the gateway lists them. */
export async function getSessions(signal?: AbortSignal): Promise<SessionSummary[]> {
  const response = await send(apiUrl("/api/sessions"), {
    headers: { Accept: "application/json" },
    signal,
  });
  return readJson(await ensureOk(response), parseSessions);
}

/** Ends one of the user's sessions; an ended one answers 404 `session_not_found`. */
export async function endSession(id: string): Promise<void> {
  const path = `/api/sessions/${encodeURIComponent(id)}`;
  await ensureOk(await send(apiUrl(path), { method: "DELETE", headers: CSRF_HEADERS }));
}

/** Ends every session of the user, this one too; already signed out (401) counts as done. */
export async function endAllSessions(): Promise<void> {
  const response = await send(apiUrl("/api/sessions"), {
    method: "DELETE",
    headers: CSRF_HEADERS,
  });
  if (response.status === 401) {
    await discardBody(response);
    return;
  }
  await ensureOk(response);
}

export function parseSessions(body: unknown): SessionsBody["sessions"] {
  const list = expectArray(expectRecord(body, "body").sessions, "sessions");
  return list.map((value, index) => {
    const session = expectRecord(value, `sessions[${index}]`);
    const prefix = `sessions[${index}].`;
    return {
      id: expectString(session, "id", prefix),
      current: expectBoolean(session, "current", prefix),
      browser: expectNullableString(session, "browser", prefix),
      system: expectNullableString(session, "system", prefix),
      signedInAt: expectString(session, "signedInAt", prefix),
      lastSeenAt: expectString(session, "lastSeenAt", prefix),
      expiresAt: expectString(session, "expiresAt", prefix),
    };
  });
}
