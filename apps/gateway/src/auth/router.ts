import { createHash } from "node:crypto";
import type { LoginErrorCode, ProvidersBody } from "@latchkey/contracts";
import {
  callbackChecksFor,
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  parseCallback,
} from "@latchkey/oauth-core";
import express, { type Request, type Response, Router } from "express";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { describeError as describe } from "../describe-error.js";
import { requireCsrf } from "../http/csrf.js";
import { HttpError } from "../http/errors.js";
import { requestLog } from "../http/request-id.js";
import type { GatewayMetrics } from "../observability/metrics.js";
import type { LogoutState } from "../session/logout-state.js";
import type { SessionManager } from "../session/manager.js";
import type { SealedCookie } from "../session/sealed-cookie.js";
import type { SessionRegistry, TransactionStore } from "../session/store-contract.js";
import type { Transaction } from "../session/transaction.js";
import { admits } from "./admit.js";
import { backchannelLogout } from "./backchannel-logout.js";
import { loginErrorCode, loginErrorLocation } from "./login-error.js";
import { providerLogout } from "./provider-logout.js";
import type { ProviderRegistry, ProviderSlot } from "./providers.js";
import { safeReturnTo } from "./return-to.js";
import { providerApiPath } from "./session-apis.js";
import { revokeBestEffort, signOut } from "./sign-out.js";
import { tokenParamsFrom } from "./token-params.js";

export interface AuthRouterDeps {
  config: Config;
  providers: ProviderRegistry;
  sessions: SessionManager;
  transactions: SealedCookie<Transaction>;
  /** The state of a logout that went on to the provider's end-session page. */
  logoutState: SealedCookie<LogoutState>;
  /** Used transactions and logout tokens (`transactions`); sessions by provider session. */
  stores: { transactions: TransactionStore; sessions: SessionRegistry };
  logger: Logger;
  metrics: GatewayMetrics;
  now?: () => number;
}

/** `/auth/*`: translates HTTP to oauth-core calls and back; no OAuth logic lives here. */
export function createAuthRouter(deps: AuthRouterDeps): Router {
  const { config, providers, sessions, transactions, logoutState, stores, logger, metrics } = deps;
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
        void revokeBestEffort(tokens, slot, config.revokeTimeoutMs, requestLog(logger, req));
        return fail("not_allowed");
      }
      await sessions.start(res, provider.id, user, tokens, {
        extraParams,
        userAgent: req.get("user-agent"),
        keepIdToken: slot.logout === "provider",
      });
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
    res.set("Cache-Control", "no-store");
    // Cleared first, whatever happens next: this browser is signed out either way.
    sessions.clear(res);
    const session = await sessions.peek(req);
    if (!session) return res.status(204).end();
    const log = requestLog(logger, req);
    const slot = providers.get(session.provider);
    await signOut({ sessions, providers, revokeTimeoutMs: config.revokeTimeoutMs }, session, log);
    const next = await providerLogout(
      {
        publicUrl: config.publicUrl,
        logoutState,
        timeoutMs: config.revokeTimeoutMs,
        now,
      },
      res,
      slot,
      session,
      log,
    );
    if (next) return res.status(200).json(next);
    res.status(204).end();
  });

  // Where the provider's end-session page sends the browser back. The session here ended
  // before it went there; only the notice depends on the state matching.
  router.get("/:provider/logged-out", async (req, res) => {
    res.set({ "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" });
    const slot = providerFor(req);
    const saved = await logoutState.read(req);
    logoutState.clear(res);
    const fresh =
      saved !== undefined &&
      saved.provider === slot.id &&
      typeof req.query.state === "string" &&
      req.query.state === saved.state;
    redirect(res, fresh ? "/login?notice=provider_signed_out" : "/login");
  });

  router.post(
    "/:provider/backchannel-logout",
    express.urlencoded({ extended: false, limit: "16kb" }),
    backchannelLogout(
      {
        sessions,
        stores,
        absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
        logger,
        metrics,
        now,
      },
      providerFor,
    ),
  );

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
