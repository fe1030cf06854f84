import type { ServerResponse } from "node:http";
import type { Request } from "express";
import { HttpError } from "../http/errors.js";
import type { SessionManager } from "../session/manager.js";
import { RefreshFailedError, type TokenRefresher } from "../session/refresh.js";
import type { SessionData } from "../session/session.js";

export interface SessionDeps {
  sessions: SessionManager;
  refresher: TokenRefresher;
}

/** How a request uses the session. */
export interface SessionUse {
  /**
   * Whether this request counts as the person being active, moving the idle clock. False for
   * an app's own background checks, which must not keep an unattended session alive.
   */
  slide: boolean;
}

/**
 * The live session with a usable access token, or the 401 every authenticated route answers.
 * An expiring token is renewed first (once per session, however many requests ask); if that
 * fails the session is over: fail closed, never serve a request on a dead token.
 */
export async function requireSession(
  { sessions, refresher }: SessionDeps,
  req: Request,
  res: ServerResponse,
  { slide }: SessionUse = { slide: true },
): Promise<SessionData> {
  const session = await sessions.read(req, slide ? res : undefined);
  if (!session) throw new HttpError(401, "unauthenticated", "Sign in to continue.");
  let token: SessionData["token"];
  try {
    token = await refresher.fresh(session);
  } catch (err) {
    if (!(err instanceof RefreshFailedError)) throw err;
    await sessions.end(res, session);
    throw err;
  }
  return token === session.token ? session : sessions.replaceToken(res, session, token);
}
