import type { SessionData } from "../../src/session/session.js";
import type { SessionRecord } from "../../src/session/store-contract.js";
import { TOKEN, USER } from "./stored.js";

/** A session's record as the registry keeps it, with values a test can look for in a store. */
export function sessionRecord(overrides: Partial<SessionRecord> & { sid: string }): SessionRecord {
  const now = Date.now();
  return {
    provider: "github",
    userId: "user-583231",
    providerSid: undefined,
    subject: undefined,
    browser: "Firefox",
    system: "Linux",
    createdAt: now - 1_000,
    lastSeenAt: now - 1_000,
    expiresAt: now + 60_000,
    ...overrides,
  };
}

/** A whole session body (user and token), as a server-side session keeps it. */
export function sessionBody(sid: string, expiresAt: number): SessionData {
  const now = Date.now();
  return {
    v: 2,
    sid,
    provider: "github",
    user: { ...USER },
    token: structuredClone(TOKEN),
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
  };
}

/** Session ids long enough for a session body (at least 16 characters). */
export const SID_A = "sid-a-0123456789abcdef";
export const SID_B = "sid-b-0123456789abcdef";
