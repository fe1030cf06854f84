import type { Me } from "@latchkey/contracts";
import type { RequestHandler } from "express";
import type { ProviderRegistry } from "../auth/providers.js";
import { requireSession, type SessionDeps } from "../auth/require-session.js";
import { sessionApis } from "../auth/session-apis.js";
import { sendJson } from "../http/json.js";
import type { UserCache } from "../session/store-contract.js";
import type { UpstreamConfig } from "../upstream-config.js";

export interface MeDeps extends SessionDeps {
  users: UserCache;
  providers: ProviderRegistry;
  upstreams: readonly UpstreamConfig[];
}

/**
 * `GET /api/me`: who is signed in, from the user cache, else from the seal (which then fills
 * the cache), and which APIs the session can call; never a token.
 */
export function meHandler(deps: MeDeps): RequestHandler {
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
      // A session outlives a configuration change: a provider no longer configured keeps its id.
      providerName: deps.providers.get(session.provider)?.name ?? session.provider,
      expiresAt: new Date(session.expiresAt).toISOString(),
      apis: await sessionApis(deps.providers, deps.upstreams, session.provider),
    } satisfies Me);
  };
}
