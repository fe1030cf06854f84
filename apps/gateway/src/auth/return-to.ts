import { safeReturnTo as sameOriginPath } from "@latchkey/oauth-core";

/**
 * The SPA's login page and signing out: coming back there right after signing in is a loop.
 * The SPA's login page refuses the same ones, so the place it promises is the place the
 * callback redirects to.
 */
const NO_RETURN = ["/login", "/logout"] as const;

/**
 * Where to send the user after sign-in: a same-origin relative path or `/` (oauth-core's rule,
 * checked against packages/oauth-core/test/return-to-cases.ts). Checked when the login starts
 * and again before the final redirect, so a value that slipped into a transaction by any
 * route still cannot leave the origin.
 */
export function safeReturnTo(value: unknown): string {
  return sameOriginPath(value, { refuse: NO_RETURN });
}
