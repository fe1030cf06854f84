import { createHash } from "node:crypto";
import type { SessionSummary, SessionsBody } from "@latchkey/contracts";
import { type Request, type Response, Router } from "express";
import type { Logger } from "pino";
import type { ProviderRegistry } from "../auth/providers.js";
import { requireSession, type SessionDeps } from "../auth/require-session.js";
import { signOut } from "../auth/sign-out.js";
import { requireCsrf } from "../http/csrf.js";
import { HttpError } from "../http/errors.js";
import { sendJson } from "../http/json.js";
import { requestLog } from "../http/request-id.js";
import type { SessionData } from "../session/session.js";
import type { SessionRecord } from "../session/store-contract.js";

export interface SessionsApiDeps extends SessionDeps {
  providers: ProviderRegistry;
  publicUrl: string;
  revokeTimeoutMs: number;
  logger: Logger;
}

/**
 * `/api/sessions`: the signed-in user's own sessions with this provider. Listing counts as
 * activity; ending one or all of them follows logout's rules (X-CSRF, same origin).
 *
 * A session is named by a digest of its id: the id itself is the revocation key and never
 * leaves the server.
 */
export function createSessionsRouter(deps: SessionsApiDeps): Router {
  const router = Router();
  const csrf = requireCsrf(deps.publicUrl);

  router.get("/", async (req, res) => {
    const session = await requireSession(deps, req, res);
    const records = await deps.sessions.listFor(session);
    sendJson(res, 200, {
      sessions: records.map((record) => summary(record, session)),
    } satisfies SessionsBody);
  });

  // Sign out everywhere: every session of this user, this one included.
  router.delete("/", csrf, async (req, res) => {
    const session = await requireSession(deps, req, res);
    const others = (await deps.sessions.listFor(session)).filter((r) => r.sid !== session.sid);
    await endHere(req, res, session);
    await Promise.all(others.map((r) => deps.sessions.endById(r.sid, r.expiresAt)));
    requestLog(deps.logger, req).info(
      { provider: session.provider, ended: others.length + 1 },
      "signed out everywhere",
    );
    res.status(204).end();
  });

  router.delete("/:id", csrf, async (req, res) => {
    const session = await requireSession(deps, req, res);
    const id = String(req.params.id);
    const record = (await deps.sessions.listFor(session)).find((r) => publicId(r.sid) === id);
    // Another user's session, an ended one and a made-up id all look the same.
    if (!record) throw new HttpError(404, "session_not_found", "No such session of yours.");
    if (record.sid === session.sid) await endHere(req, res, session);
    else await deps.sessions.endById(record.sid, record.expiresAt);
    res.status(204).end();
  });

  /** This browser's session ends as at logout: cookie cleared, revoked, tokens given back. */
  async function endHere(req: Request, res: Response, session: SessionData): Promise<void> {
    res.set("Cache-Control", "no-store");
    deps.sessions.clear(res);
    await signOut(deps, session, requestLog(deps.logger, req));
  }

  return router;
}

function summary(record: SessionRecord, current: SessionData): SessionSummary {
  return {
    id: publicId(record.sid),
    current: record.sid === current.sid,
    browser: record.browser,
    system: record.system,
    signedInAt: new Date(record.createdAt).toISOString(),
    // This request's own session was just seen, whatever the record says.
    lastSeenAt: new Date(
      record.sid === current.sid
        ? Math.max(record.lastSeenAt, current.lastSeenAt)
        : record.lastSeenAt,
    ).toISOString(),
    expiresAt: new Date(record.expiresAt).toISOString(),
  };
}

/** What the browser sees of a session id: enough to name it, nothing to revoke or forge with. */
export function publicId(sid: string): string {
  return createHash("sha256").update(`session:${sid}`).digest("base64url").slice(0, 22);
}
