import type { ServerResponse } from "node:http";
import { type Request, Router } from "express";
import { HttpError } from "../http/errors.js";
import type { SessionManager } from "../session/manager.js";
import type { SessionData } from "../session/session.js";

/** Reads the live session (moving its idle clock) or throws the 401 every authenticated route answers. */
export async function requireSession(
  sessions: SessionManager,
  req: Request,
  res: ServerResponse,
): Promise<SessionData> {
  const session = await sessions.read(req, res);
  if (!session) throw new HttpError(401, "unauthenticated", "Sign in to continue.");
  return session;
}

/** `GET /api/me`: who is signed in, from the sealed session alone; never a token. */
export function createMeRouter(sessions: SessionManager): Router {
  const router = Router();
  router.get("/me", async (req, res) => {
    const session = await requireSession(sessions, req, res);
    res.set("Cache-Control", "no-store").json({
      user: session.user,
      provider: session.provider,
      expiresAt: new Date(session.expiresAt).toISOString(),
    });
  });
  return router;
}
