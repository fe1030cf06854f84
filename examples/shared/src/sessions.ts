import { randomBytes } from "node:crypto";
import type { NormalizedUser } from "@latchkey/oauth-core";
import { ExpiringMap } from "./expiring-map.js";

/** A login under way (its `state` is the key): what the callback needs to finish it. */
export interface LoginTransaction {
  codeVerifier: string;
}

/** A signed-in browser. The token stays here; the browser holds only the session id. */
export interface Session {
  user: NormalizedUser;
  accessToken: string;
  scopes: string[];
}

/** Long enough to read a consent page, short enough that a forgotten tab is no use later. */
export const LOGIN_TTL_MS = 10 * 60 * 1000;
/** An absolute lifetime: signing in again once a working day is the price of no refresh logic. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export interface Stores {
  /** Keyed by `state`, which the browser's login cookie also holds. */
  logins: ExpiringMap<LoginTransaction>;
  /** Keyed by the random session id in the session cookie. */
  sessions: ExpiringMap<Session>;
}

export function createStores(now?: () => number): Stores {
  return {
    logins: new ExpiringMap({ ttl: LOGIN_TTL_MS, maxEntries: 10_000, ...(now && { now }) }),
    sessions: new ExpiringMap({ ttl: SESSION_TTL_MS, maxEntries: 100_000, ...(now && { now }) }),
  };
}

/** 256 random bits: a session id must not be guessable, as it is all a browser presents. */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}
