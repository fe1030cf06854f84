import type { Me } from "@latchkey/contracts";
import type { RequestHandler } from "express";
import { requireSession, type SessionDeps } from "../auth/require-session.js";
import { sendJson } from "../http/json.js";
import type { UserCache } from "../session/store-contract.js";

/**
 * `GET /api/me`: who is signed in, from the user cache, else from the seal (which then fills
 * the cache); never a token.
 */
export function meHandler(deps: SessionDeps & { users: UserCache }): RequestHandler {
  return async (req, res) => {
    const session = await requireSession(deps, req, res);
    let user = await deps.users.get(session.sid);
    if (!user) {
      user = session.user;
      await deps.users.set(session.sid, user, session.expiresAt);
    }
    sendJson(res, 200, {
      user,
      provider: session.provider,
      expiresAt: new Date(session.expiresAt).toISOString(),
    } satisfies Me);
  };
}
