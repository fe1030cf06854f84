import { createHash } from "node:crypto";
import type { LoginErrorCode, ProvidersBody } from "@latchkey/contracts";
import {
  callbackChecksFor,
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  parseCallback,
  revokeToken,
} from "@latchkey/oauth-core";
import { type Request, type Response, Router } from "express";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { within } from "../deadline.js";
import { requireCsrf } from "../http/csrf.js";
import { HttpError } from "../http/errors.js";
import { requestLog } from "../http/request-id.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { SessionManager } from "../session/manager.js";
import type { SealedCookie } from "../session/sealed-cookie.js";
import type { TransactionStore } from "../session/store-contract.js";
import type { Transaction } from "../session/transaction.js";
import { admits } from "./admit.js";
import { loginErrorCode, loginErrorLocation } from "./login-error.js";
import type { ProviderRegistry, ProviderSlot } from "./providers.js";
import { safeReturnTo } from "./return-to.js";
import { providerApiPath } from "./session-apis.js";
import { tokenParamsFrom } from "./token-params.js";

export interface AuthRouterDeps {
  config: Config;
  providers: ProviderRegistry;
  sessions: SessionManager;
  transactions: SealedCookie<Transaction>;
  /** Where used transactions are remembered (`stores.transactions`). */
  stores: { transactions: TransactionStore };
  logger: Logger;
  metrics: GatewayMetrics;
  now?: () => number;
}

/** `/auth/*`: translates HTTP to oauth-core calls and back; no OAuth logic lives here. */
export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { config, providers, sessions, transactions, stores, logger, metrics } = deps;
  const now = deps.now ?? Date.now;
  const router = Router();

  const providerFor = (req: Request): ProviderSlot => {
    const id = String(req.params.provider);
    const provider = providers.get(id);
    if (!provider) throw new HttpError(404, "unknown_provider", `No sign-in provider "${id}".`);
    return provider;
  };
  const callbackUrl = (provider: ProviderSlot) =>
    `${config.publicUrl}/auth/${encodeURIComponent(provider.id)}/callback`;

  router.get("/providers", async (_req, res) => {
    const slots = [...providers.values()];
    // Whether a provider has an API is known once it is made (see providerApiPath).
    const apis = await Promise.all(slots.map(providerApiPath));
    res.set("Cache-Control", "no-store").json({
      providers: slots.map((p, i) => ({
        id: p.id,
        name: p.name,
        loginUrl: `/auth/${encodeURIComponent(p.id)}/login`,
        api: apis[i] ?? null,
      })),
    } satisfies ProvidersBody);
  });

  router.get("/:provider/login", async (req, res) => {
    const provider = providerFor(req);
    res.set("Cache-Control", "no-store");
    let request: Awaited<ReturnType<typeof createAuthorizationRequest>>;
    try {
      // For OpenID Connect this may be the first discovery request, which can fail.
      request = await createAuthorizationRequest(await provider.get(), {
        redirectUri: callbackUrl(provider),
      });
    } catch (err) {
      const code = loginErrorCode(err);
      requestLog(logger, req).warn(
        { provider: provider.id, code, err: describe(err) },
        "sign-in could not start",
      );
      metrics.login(provider.id, code);
      return redirect(res, loginErrorLocation(code, req.query.returnTo));
    }
    await transactions.write(res, {
      provider: provider.id,
      state: request.state,
      codeVerifier: request.codeVerifier,
      ...(request.nonce !== undefined && { nonce: request.nonce }),
      returnTo: safeReturnTo(req.query.returnTo),
      createdAt: now(),
    });
    redirect(res, request.url.toString());
  });

  router.get("/:provider/callback", async (req, res) => {
    // The callback URL carries a one-time code: never leak it through Referer, never cache it.
    res.set({ "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });
    const slot = providerFor(req);
    const transaction = await transactions.read(req);
    // Single use: whatever happens next, this transaction is gone.
    transactions.clear(res);
    const fail = (code: LoginErrorCode) => {
      metrics.login(slot.id, code);
      redirect(res, loginErrorLocation(code, transaction?.returnTo));
    };

    if (!transaction) return fail("transaction_missing");
    if (transaction.provider !== slot.id) return fail("state_mismatch");
    const expiresAt = transaction.createdAt + config.transactionTtlSeconds * 1000;
    if (now() > expiresAt) return fail("transaction_expired");
    try {
      // The browser drops the cookie above, but a copy of it (or a second tab racing this
      // one) must not reach the token endpoint again: the store remembers each use until
      // expiry. A store that cannot answer stops the sign-in here, before the code is spent.
      if (!(await stores.transactions.consume(transactionId(transaction.state), expiresAt))) {
        return fail("transaction_used");
      }
      const provider = await slot.get();
      const params = new URL(req.originalUrl, "http://callback.invalid").searchParams;
      const { code } = parseCallback(params, {
        expectedState: transaction.state,
        ...callbackChecksFor(provider),
      });
      const extraParams = tokenParamsFrom(provider, params);
      const tokens = await exchangeCode(provider, {
        code,
        redirectUri: callbackUrl(slot),
        codeVerifier: transaction.codeVerifier,
        ...(transaction.nonce !== undefined && { nonce: transaction.nonce }),
        ...(Object.keys(extraParams).length > 0 && { extraParams }),
      });
      const subject = tokens.idTokenClaims?.sub;
      const info = await fetchUser(provider, tokens.accessToken, {
        scopes: tokens.scopes,
        ...(typeof subject === "string" && { expectedSubject: subject }),
      });
      const { user } = info;
      if (!(await admits(provider, slot.access, tokens, info))) {
        requestLog(logger, req).warn(
          { provider: provider.id, userId: user.id },
          "sign-in refused by the access lists",
        );
        // The token will never be used: give it back rather than leave it live at the provider.
        void revokeBestEffort(tokens, slot, config, requestLog(logger, req));
        return fail("not_allowed");
      }
      await sessions.start(res, provider.id, user, tokens, extraParams);
      requestLog(logger, req).info({ provider: provider.id, userId: user.id }, "signed in");
      metrics.login(provider.id, "success");
      return redirect(res, safeReturnTo(transaction.returnTo));
    } catch (err) {
      const code = loginErrorCode(err);
      requestLog(logger, req).warn(
        { provider: slot.id, code, err: describe(err) },
        "sign-in failed",
      );
      return fail(code);
    }
  });

  router.post("/logout", requireCsrf(config.publicUrl), async (req, res) => {
    const session = await sessions.peek(req);
    sessions.clear(res);
    if (session) {
      // Both at once: the provider's revocation is bounded, and a store failure still
      // reports 503 (the cookie is cleared either way) rather than a logout that did not kill
      // copies of the cookie.
      const [revoked] = await Promise.allSettled([
        sessions.revoke(session),
        revokeBestEffort(
          session.token,
          providers.get(session.provider),
          config,
          requestLog(logger, req),
        ),
      ]);
      if (revoked.status === "rejected") throw revoked.reason;
    }
    res.set("Cache-Control", "no-store").status(204).end();
  });

  return router;
}

/** The state's digest names a transaction in the store: the state itself never leaves the seal. */
function transactionId(state: string): string {
  return createHash("sha256").update(state).digest("base64url");
}

/** A bare 302: the auth routes render no page, not even Express's "Redirecting to" text. */
function redirect(res: Response, location: string): void {
  res.status(302).location(location).end();
}

/**
 * Gives back what the session held: its refresh token where the provider can take one (under
 * RFC 7009 that ends the grant, so no token from it lives on at the provider) and its access
 * token. Logout must not hang on the provider: both within one bound (discovery
 * included, when the provider is not made yet), and logged (not failed) on error.
 */
async function revokeBestEffort(
  tokens: { accessToken: string; refreshToken?: string | undefined },
  provider: ProviderSlot | undefined,
  config: Config,
  logger: Logger,
): Promise<void> {
  if (!provider) return;
  const revoke = async () => {
    const made = await provider.get();
    // Nothing to give back where the provider cannot take tokens back.
    if (!made.capabilities.revoke) return;
    const { refreshToken } = tokens;
    // Side by side, each sent whatever becomes of the other (a failure is logged below).
    await Promise.all([
      refreshToken && made.capabilities.revokeRefresh
        ? revokeToken(made, refreshToken, { tokenType: "refresh_token" })
        : undefined,
      revokeToken(made, tokens.accessToken),
    ]);
  };
  try {
    const outcome = await within(revoke(), config.revokeTimeoutMs);
    if (!outcome.settled) logger.warn({ provider: provider.id }, "token revocation timed out");
  } catch (err) {
    logger.warn({ provider: provider.id, err: describe(err) }, "token revocation failed");
  }
}

/** Errors are logged by code and message only: oauth-core messages never hold secrets. */
function describe(err: unknown): { code?: string; message: string } {
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { ...(typeof code === "string" && { code }), message: err.message };
  }
  return { message: String(err) };
}
