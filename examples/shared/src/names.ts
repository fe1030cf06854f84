import { LOGIN_TTL_MS } from "./sessions.js";

/**
 * The four paths both servers answer. The pages link to them, the sign-in flow builds the
 * callback URL from one, and the cookies are scoped to them: kept here so they cannot drift
 * apart, which would break the sign-in with no type error to say so.
 */
export const PATHS = {
  home: "/",
  login: "/login",
  callback: "/callback",
  logout: "/logout",
} as const;

/** The browser's only handle on its session: a random id, never a token. Sent everywhere. */
export const SESSION_COOKIE = { name: "session", path: PATHS.home } as const;

/**
 * The `state` of the login under way, which ties it to this browser. Sent to the callback
 * only, as no other route needs it, and lives no longer than the login it names (seconds).
 */
export const LOGIN_COOKIE = {
  name: "login_state",
  path: PATHS.callback,
  maxAge: LOGIN_TTL_MS / 1000,
} as const;
