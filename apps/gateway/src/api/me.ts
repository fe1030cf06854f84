import { type Request, Router } from "express";
import { HttpError } from "../http/errors.js";
import type { SealedCookie } from "../session/sealed-cookie.js";
import type { SessionData } from "../session/session.js";

/** Reads the signed-in session or throws the 401 every authenticated route answers. */
export async function requireSession(
  sessions: SealedCookie<SessionData>,
  req: Request,
): Promise<SessionData> {
  const session = await sessions.read(req);
  if (!session) throw new HttpError(401, "unauthenticated", "Sign in to continue.");
  return session;
}

/** `GET /api/me`: who is signed in, from the sealed session alone; never a token. */
export function createMeRouter(sessions: SealedCookie<SessionData>): Router {
  const router = Router();
  router.get("/me", async (req, res) => {
    const session = await requireSession(sessions, req);
    res.set("Cache-Control", "no-store").json({
      user: session.user,
      provider: session.provider,
      expiresAt: new Date(session.expiresAt).toISOString(),
    });
  });
  return router;
}
