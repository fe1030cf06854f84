import { createHash } from "node:crypto";
import { LogoutTokenError, verifyLogoutToken } from "@latchkey/oauth-core";
import type { Request, Response } from "express";
import type { Logger } from "pino";
import { describeError } from "../describe-error.js";
import { HttpError } from "../http/errors.js";
import { requestLog } from "../http/request-id.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { SessionManager } from "../session/manager.js";
import type { SessionRegistry, TransactionStore } from "../session/store-contract.js";
import type { ProviderSlot } from "./providers.js";

/** How old a logout token may be (its `iat`); also how long its `jti` is remembered at least. */
export const LOGOUT_TOKEN_MAX_AGE_SECONDS = 300;
/** The clock difference tolerated with the provider, as for id_tokens. */
const CLOCK_TOLERANCE_MS = 30_000;

export interface BackchannelDeps {
  sessions: SessionManager;
  stores: { sessions: SessionRegistry; transactions: TransactionStore };
  /** How long a revocation must last to outlive any session: the absolute timeout. */
  absoluteTimeoutSeconds: number;
  logger: Logger;
  metrics: GatewayMetrics;
  now: () => number;
}

/**
 * OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token naming a
 * provider session (`sid`) or a subject (`sub`), and every Latchkey session started within it
 * ends, on every instance (a revocation in the shared store). The token is checked by
 * oauth-core (signature, `iss`, `aud`, `iat`, `events`, no `nonce`) and its `jti` is accepted
 * once. Any refusal is a 400 with a JSON body, and ends nothing.
 */
export function backchannelLogout(deps: BackchannelDeps, slotFor: (req: Request) => ProviderSlot) {
  return async (req: Request, res: Response): Promise<void> => {
    // The answer is for the provider's server: never cached (§2.8).
    res.set("Cache-Control", "no-store");
    const slot = slotFor(req);
    const logoutToken = logoutTokenFrom(req);
    const provider = await slot.get();
    if (provider.protocol !== "oidc") {
      throw new HttpError(
        400,
        "backchannel_logout_unsupported",
        `${provider.name} is not an OpenID Connect provider and has no back-channel logout.`,
      );
    }
    const log = requestLog(deps.logger, req);
    let claims: Awaited<ReturnType<typeof verifyLogoutToken>>;
    try {
      claims = await verifyLogoutToken(provider, logoutToken, {
        maxAgeSeconds: LOGOUT_TOKEN_MAX_AGE_SECONDS,
        now: deps.now,
      });
    } catch (err) {
      if (!(err instanceof LogoutTokenError)) throw err;
      log.warn({ provider: slot.id, err: describeError(err) }, "back-channel logout refused");
      deps.metrics.backchannelLogout(slot.id, "refused");
      throw new HttpError(
        400,
        "invalid_logout_token",
        `The logout token was refused: ${err.message}`,
      );
    }
    // Remembered at least as long as the token could pass the checks above.
    const until =
      Math.max(
        (claims.expiresAt ?? 0) * 1000,
        (claims.issuedAt + LOGOUT_TOKEN_MAX_AGE_SECONDS) * 1000,
      ) + CLOCK_TOLERANCE_MS;
    if (!(await deps.stores.transactions.consume(jtiKey(claims.issuer, claims.jti), until))) {
      log.warn({ provider: slot.id }, "back-channel logout refused: the token was used before");
      deps.metrics.backchannelLogout(slot.id, "replayed");
      throw new HttpError(400, "invalid_logout_token", "The logout token was used before.");
    }
    const sids =
      claims.sessionId !== undefined
        ? await deps.stores.sessions.forProviderSession(provider.id, claims.sessionId)
        : await deps.stores.sessions.forSubject(provider.id, claims.subject ?? "");
    // No session's own end is read: a revocation as long as the longest session outlives any.
    const revokeUntil = deps.now() + deps.absoluteTimeoutSeconds * 1000;
    await Promise.all(sids.map((sid) => deps.sessions.endById(sid, revokeUntil)));
    log.info({ provider: slot.id, ended: sids.length }, "back-channel logout");
    deps.metrics.backchannelLogout(slot.id, "accepted");
    res.status(200).end();
  };
}

/** The form's `logout_token` (§2.5), exactly one. */
function logoutTokenFrom(req: Request): string {
  if (!req.is("application/x-www-form-urlencoded")) {
    throw new HttpError(
      400,
      "invalid_request",
      "The body must be application/x-www-form-urlencoded with a logout_token.",
    );
  }
  const body: unknown = req.body;
  const value =
    typeof body === "object" && body !== null
      ? (body as Record<string, unknown>).logout_token
      : undefined;
  if (typeof value !== "string" || value === "") {
    throw new HttpError(400, "invalid_request", "The body needs one logout_token.");
  }
  return value;
}

/** A token's id in the used-once store: per issuer, and digested so the key has a fixed size. */
function jtiKey(issuer: string, jti: string): string {
  return `logout:${createHash("sha256").update(`${issuer}\n${jti}`).digest("base64url")}`;
}
