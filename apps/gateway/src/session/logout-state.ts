import { z } from "zod";
import { cookieName, SealedCookie } from "./sealed-cookie.js";

const logoutStateSchema = z.object({
  provider: z.string(),
  state: z.string().min(22),
  createdAt: z.number(),
});

/**
 * What the gateway remembers while the browser is at the provider's end-session page: the
 * `state` it sent, so that the way back is told apart from a link anyone could have made.
 */
export type LogoutState = z.infer<typeof logoutStateSchema>;

/** How long a person may take on the provider's "sign out?" page. */
export const LOGOUT_STATE_TTL_SECONDS = 10 * 60;

export function createLogoutStateCookie(options: {
  secrets: Record<string, string>;
  secure: boolean;
}): SealedCookie<LogoutState> {
  return new SealedCookie({
    // Lax (SealedCookie's): the provider sends the browser back with a top-level navigation.
    name: cookieName("latchkey.logout", options.secure),
    secrets: options.secrets,
    ttlSeconds: LOGOUT_STATE_TTL_SECONDS,
    maxAgeSeconds: LOGOUT_STATE_TTL_SECONDS,
    secure: options.secure,
    schema: logoutStateSchema,
  });
}
