import type { Server } from "node:http";
import { join } from "node:path";
import type { Logger } from "pino";
import { createApp } from "./app.js";
import { createProviders, type ProviderRegistry } from "./auth/providers.js";
import { type Config, ConfigError, loadConfig, loadDotEnv } from "./config.js";
import type { Readiness } from "./http/health.js";
import { createLogger } from "./http/logger.js";
import { createGatewayServer } from "./http/server.js";
import { createStores } from "./stores/select.js";
import { DATABASE_FILE, StoreOpenError } from "./stores/sqlite-database.js";
import type { Stores } from "./stores/stores.js";

const LISTEN_PROBLEMS: Readonly<Record<string, string>> = {
  EADDRINUSE: "another process is using the port (stop it, or set PORT to another one)",
  EACCES: "this user may not use the port (ports below 1024 need privileges; set PORT)",
  EADDRNOTAVAIL: "the address is not one of this machine's (check HOST)",
};

function main(): void {
  loadDotEnv();
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel, config.logFormat);
  if (config.sessionSecretIsEphemeral) {
    logger.warn(
      "SESSION_SECRET is not set: using a random one for this run; sessions end when the gateway restarts",
    );
  }
  const mocked = config.providers.filter((p) => p.usingMock);
  if (mocked.length > 0) {
    logger.info(
      { providers: mocked.map((p) => p.id), mock: mocked[0]?.settings.url },
      "no provider is configured: signing in with the mock GitHub and its mock Google (npm run mock-github)",
    );
  }

  const readiness: Readiness = { ready: true };
  const stores = openStores(config, logger);
  const providers = createProviders(config);
  const app = createApp(config, { logger, readiness, stores, providers });
  const server = createGatewayServer(app);
  server.listen(config.port, config.host, () => {
    logger.info({ port: config.port, publicUrl: config.publicUrl }, "gateway listening");
    warm(providers, logger);
  });
  server.on("error", (err: NodeJS.ErrnoException) => {
    const why = LISTEN_PROBLEMS[err.code ?? ""];
    // A busy or forbidden port is the operator's to fix: say which in one line, as a
    // configuration problem is said, rather than as a crash with a stack.
    if (why) process.stderr.write(`Cannot listen on ${config.host}:${config.port}: ${why}\n`);
    else logger.fatal({ err }, "gateway could not listen");
    process.exit(1);
  });
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    shutdown(server, readiness, stores, config, logger, signal);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

/**
 * Makes every provider now (OpenID Connect discovery included) rather than at the first
 * sign-in. A provider that cannot be made yet is only a warning: its sign-ins try again, and
 * every other provider works meanwhile.
 */
function warm(providers: ProviderRegistry, logger: Logger): void {
  for (const slot of providers.values()) {
    slot.get().catch((err: unknown) => {
      logger.warn(
        { provider: slot.id, err: { message: err instanceof Error ? err.message : String(err) } },
        "provider not ready; its sign-ins will try again",
      );
    });
  }
}

/** The configured stores, said in the logs; a data folder that cannot be used stops the start. */
function openStores(config: Config, logger: Logger): Stores {
  let stores: Stores;
  try {
    stores = createStores(config, { logger });
  } catch (err) {
    if (err instanceof StoreOpenError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  if (config.redis) logger.info({ mode: config.redis.mode }, "stores: redis");
  else if (config.store === "sqlite")
    logger.info({ file: config.dataDir && join(config.dataDir, DATABASE_FILE) }, "stores: sqlite");
  else
    logger.warn("stores: memory; sign-outs and cached users are forgotten when the gateway stops");
  return stores;
}

/**
 * 1. /readyz answers 503 while the gateway keeps serving for the grace period, so load
 *    balancers move traffic away without a single refused connection.
 * 2. Stop accepting connections; idle keep-alive sockets close now, busy ones after their
 *    current response.
 * 3. Exit when the last request is done, or at the deadline whatever is left.
 */
function shutdown(
  server: Server,
  readiness: Readiness,
  stores: Stores,
  config: Config,
  logger: Logger,
  signal: string,
): void {
  logger.info({ signal, graceMs: config.shutdownGraceMs }, "shutting down");
  readiness.ready = false;
  const deadline = setTimeout(() => {
    logger.warn("shutdown deadline reached; dropping remaining connections");
    server.closeAllConnections();
    process.exit(1);
  }, config.shutdownTimeoutMs);
  deadline.unref();
  // Responses sent from now on close their connection instead of keeping it alive. Prepended:
  // it must run before the app, which may answer synchronously.
  server.prependListener("request", (_req, res) => res.setHeader("connection", "close"));
  setTimeout(() => {
    server.close(() => {
      void stores.close().finally(() => {
        logger.info("stopped");
        process.exit(0);
      });
    });
    server.closeIdleConnections();
  }, config.shutdownGraceMs).unref();
}

main();
