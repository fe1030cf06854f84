/**
 * The signed-in user as `/api/me` sends it, the same shape for every provider: oauth-core's
 * own type, so the SPA reads exactly what the gateway's provider logic produces.
 */
export type { NormalizedUser } from "@latchkey/oauth-core";
