import express, { type Express } from "express";
import type { Logger } from "pino";
import { mountApis } from "./api/api-mounts.js";
import { meHandler } from "./api/me.js";
import { createSessionsRouter } from "./api/sessions.js";
import { createProviders, type ProviderRegistry } from "./auth/providers.js";
import { createAuthRateLimit } from "./auth/rate-limit.js";
import { createAuthRouter } from "./auth/router.js";
import { apiPath } from "./auth/session-apis.js";
import type { Config } from "./config.js";
import { SealCache } from "./crypto/seal-cache.js";
import { edge } from "./http/edge.js";
import { errorHandler, notFound } from "./http/errors.js";
import { createHealthRouter, type Readiness } from "./http/health.js";
import { accessLog, createLogger } from "./http/logger.js";
import { METRICS_PATH, recordRoutePatterns, requestCounter, serveMetrics } from "./http/metrics.js";
import { securityHeaders } from "./http/security-headers.js";
import { createSpaRouter } from "./http/spa.js";
import { countStoreErrors, GatewayMetrics } from "./observability/metrics.js";
import { createLogoutStateCookie } from "./session/logout-state.js";
import { SessionManager } from "./session/manager.js";
import { TokenRefresher } from "./session/refresh.js";
import { createSessionCookie } from "./session/session.js";
import type { RevocationStore } from "./session/store-contract.js";
import { createTransactionCookie } from "./session/transaction.js";
import { guardStores } from "./stores/guarded.js";
import { createStores } from "./stores/select.js";
import type { Stores } from "./stores/stores.js";

export interface AppDeps {
  logger?: Logger;
  /** Used for every call to the provider's OAuth and user endpoints. */
  fetch?: typeof fetch;
  now?: () => number;
  readiness?: Readiness;
  /** Revocations, cached users, refresh locks, rate-limit counters; by default chosen from
   * config (Redis when configured, else memory). Whoever passes them in closes them. */
  stores?: Stores;
  /** Replaces the stores' revocation list alone (tests inject one that fails). */
  revocations?: RevocationStore;
  /** Replaces the providers built from config (tests register extra ones). */
  providers?: ProviderRegistry;
  /** A registry of its own per app by default. */
  metrics?: GatewayMetrics;
  /** Opened session seals; by default one per app, sized from config (none when off). */
  sealCache?: SealCache;
}

/** Builds the gateway without listening, so tests and the server share one wiring. */
export function createApp(config: Config, deps: AppDeps = {}): Express {
  const logger = deps.logger ?? createLogger(config.logLevel, config.logFormat);
  const metrics = deps.metrics ?? new GatewayMetrics();
  const now = deps.now ?? Date.now;
  const secure = config.publicUrl.startsWith("https:");
  const stores = guardStores(
    deps.stores ?? createStores(config, { logger, now }),
    config.storeTimeoutMs,
    deps.revocations,
  );
  const revocations = countStoreErrors(stores.revocations, metrics);
  const sessions = new SessionManager(
    createSessionCookie({
      secrets: config.sessionSecrets,
      absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
      secure,
      cache:
        deps.sealCache ??
        (config.sealCache.enabled ? new SealCache(config.sealCache.maxEntries) : undefined),
    }),
    { revocations, sessions: stores.sessions, sessionData: stores.sessionData },
    {
      idleTimeoutSeconds: config.sessionIdleTimeoutSeconds,
      absoluteTimeoutSeconds: config.sessionAbsoluteTimeoutSeconds,
      storage: config.sessionStorage,
    },
    now,
  );
  const transactions = createTransactionCookie({
    secrets: config.sessionSecrets,
    ttlSeconds: config.transactionTtlSeconds,
    secure,
  });
  const logoutState = createLogoutStateCookie({ secrets: config.sessionSecrets, secure });
  const providers = deps.providers ?? createProviders(config, deps.fetch);
  const refresher = new TokenRefresher(
    providers,
    countStoreErrors(stores.refresh, metrics),
    {
      refreshTimeoutMs: config.providerTimeoutMs,
      onRefresh: (provider, outcome) => metrics.refresh(provider, outcome),
    },
    now,
  );
  const sessionDeps = { sessions, refresher };

  const app = express();
  app.disable("x-powered-by");
  // Answers from res.send are API JSON marked no-store: an ETag (a hash of every body) would
  // never be used. Static files set their own.
  app.disable("etag");
  app.set("trust proxy", config.trustProxy);
  recordRoutePatterns(app);
  const apiPaths = [
    ...[...providers.keys()].map(apiPath),
    ...config.upstreams.map(({ name }) => apiPath(name)),
  ];
  app.use(
    edge({
      log: accessLog(logger),
      count: requestCounter(metrics, {
        wildcards: [...apiPaths, "/auth"],
        spa: config.webDistDir !== undefined,
      }),
      securityHeaders: securityHeaders(config, [...providers.values()]),
      logger,
    }),
  );

  // The routes a signed-in SPA calls all the time come first: every step before a route
  // costs each request a match. The paths do not overlap, so the order changes nothing else.
  app.get(
    "/api/me",
    meHandler({
      ...sessionDeps,
      users: countStoreErrors(stores.users, metrics),
      providers,
      upstreams: config.upstreams,
    }),
  );
  // Before any body parser: the proxies stream request bodies as they came.
  mountApis(app, providers, config.upstreams, {
    publicUrl: config.publicUrl,
    methods: config.proxyMethods,
    timeoutMs: config.proxyTimeoutMs,
    etagCache: config.proxyEtagCache.enabled ? config.proxyEtagCache : undefined,
    sessions: sessionDeps,
    logger,
    metrics,
  });
  app.use(
    "/api/sessions",
    createSessionsRouter({
      ...sessionDeps,
      providers,
      publicUrl: config.publicUrl,
      revokeTimeoutMs: config.revokeTimeoutMs,
      logger,
    }),
  );
  app.use(createHealthRouter(deps.readiness ?? { ready: true }, revocations));
  app.get(METRICS_PATH, serveMetrics(config.metrics, metrics));
  app.use(
    "/auth",
    createAuthRateLimit(config.authRateLimit, stores.rateLimit("auth")),
    createAuthRouter({
      config,
      providers,
      sessions,
      transactions,
      logoutState,
      stores,
      logger,
      metrics,
      now,
    }),
  );
  if (config.webDistDir) app.use(createSpaRouter(config.webDistDir));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
