import express, { type Express } from "express";
import type { Logger } from "pino";
import { createGitHubProxy } from "./api/github-proxy.js";
import { createMeRouter } from "./api/me.js";
import { createProviders } from "./auth/providers.js";
import { createAuthRouter } from "./auth/router.js";
import type { Config } from "./config.js";
import { errorHandler, notFound } from "./http/errors.js";
import { createHealthRouter, type Readiness } from "./http/health.js";
import { createHttpLogger, createLogger } from "./http/logger.js";
import { createSpaRouter } from "./http/spa.js";
import { createSessionCookie } from "./session/session.js";
import { createTransactionCookie } from "./session/transaction.js";

export interface AppDeps {
  logger?: Logger;
  /** Used for every call to the provider's OAuth and user endpoints. */
  fetch?: typeof fetch;
  now?: () => number;
  readiness?: Readiness;
}

export const GITHUB_PROXY_PATH = "/api/github";

/** Builds the gateway without listening, so tests and the server share one wiring. */
export function createApp(config: Config, deps: AppDeps = {}): Express {
  const logger = deps.logger ?? createLogger(config.logLevel, config.logFormat);
  const now = deps.now ?? Date.now;
  const secure = config.publicUrl.startsWith("https:");
  const sessions = createSessionCookie({
    secrets: config.sessionSecrets,
    ttlSeconds: config.sessionTtlSeconds,
    secure,
    now,
  });
  const transactions = createTransactionCookie({
    secrets: config.sessionSecrets,
    ttlSeconds: config.transactionTtlSeconds,
    secure,
  });
  const providers = createProviders(config, deps.fetch);
  const githubApi = providers.get("github")?.apiUrl;
  if (!githubApi) throw new Error("The GitHub provider has no API URL to proxy to.");

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.trustProxy);
  app.use(createHttpLogger(logger));
  app.use(createHealthRouter(deps.readiness ?? { ready: true }));

  // Before any body parser: the proxy streams request bodies as they came.
  app.use(
    GITHUB_PROXY_PATH,
    ...createGitHubProxy({
      apiUrl: githubApi,
      publicUrl: config.publicUrl,
      mountPath: GITHUB_PROXY_PATH,
      methods: ["GET", "HEAD"],
      timeoutMs: config.proxyTimeoutMs,
      sessions,
      logger,
    }),
  );
  app.use("/auth", createAuthRouter({ config, providers, sessions, transactions, logger, now }));
  app.use("/api", createMeRouter(sessions));
  if (config.webDistDir) app.use(createSpaRouter(config.webDistDir));

  app.use(notFound);
  app.use(errorHandler(logger));
  return app;
}
