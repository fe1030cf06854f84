import type { Me } from "@latchkey/contracts";
import type { RequestHandler } from "express";
import type { ProviderRegistry } from "../auth/providers.js";
import { requireSession, type SessionDeps } from "../auth/require-session.js";
import { sessionApis } from "../auth/session-apis.js";
import { HttpError } from "../http/errors.js";
import { sendJson } from "../http/json.js";
import type { UserCache } from "../session/store-contract.js";
import type { UpstreamConfig } from "../upstream-config.js";

export interface MeDeps extends SessionDeps {
  users: UserCache;
  providers: ProviderRegistry;
  upstreams: readonly UpstreamConfig[];
}

/**
 * `?slide=false` asks without counting as activity (an app's background check), so polling
 * never keeps an idle session alive; anything but `true` or `false` is a 400.
 */
function slideParam(value: unknown): boolean {
  if (value === undefined || value === "true") return true;
  if (value === "false") return false;
  throw new HttpError(400, "invalid_parameter", 'slide must be "true" or "false".');
}

/**
 * `GET /api/me`: who is signed in, from the user cache, else from the seal (which then fills
 * the cache), and which APIs the session can call; never a token.
 */
export function meHandler(deps: MeDeps): RequestHandler {
  return async (req, res) => {
    const session = await requireSession(deps, req, res, { slide: slideParam(req.query.slide) });
    let user = await deps.users.get(session.sid);
    if (!user) {
      user = session.user;
      await deps.users.set(session.sid, user, session.expiresAt);
    }
    sendJson(res, 200, {
      user,
      provider: session.provider,
      // A session outlives a configuration change: a provider no longer configured keeps its id.
      providerName: deps.providers.get(session.provider)?.name ?? session.provider,
      expiresAt: new Date(session.expiresAt).toISOString(),
      apis: await sessionApis(deps.providers, deps.upstreams, session.provider),
    } satisfies Me);
  };
}
