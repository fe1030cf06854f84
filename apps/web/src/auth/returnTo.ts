import { safeReturnTo } from "@latchkey/oauth-core";

// The login page and signing out: coming back to them right after signing in is a loop. The
// gateway refuses the same two before its final redirect.
const NO_RETURN = ["/login", "/logout"];

/**
 * Where to go after signing in: a same-origin path, or "/". The rule is oauth-core's, the one
 * the gateway applies to the same value, so the link the login page builds is the page the
 * sign-in ends on.
 */
export function returnToPath(value: unknown): string {
  return safeReturnTo(value, { refuse: NO_RETURN });
}
