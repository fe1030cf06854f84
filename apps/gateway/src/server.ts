import type { Server } from "node:http";
import { createApp } from "./app.js";
import { ConfigError, loadConfig, loadDotEnv } from "./config.js";
import type { Readiness } from "./http/health.js";
import { createLogger } from "./http/logger.js";

const SHUTDOWN_DEADLINE_MS = 10_000;

function main(): void {
  loadDotEnv();
  let config: ReturnType<typeof loadConfig>;
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
  if (config.github.usingMock) {
    logger.info(
      { githubUrl: config.github.url },
      "GITHUB_CLIENT_ID is not set: signing in with the mock GitHub (npm run mock-github)",
    );
  }

  const readiness: Readiness = { ready: true };
  const app = createApp(config, { logger, readiness });
  const server = app.listen(config.port, config.host, () => {
    logger.info({ port: config.port, publicUrl: config.publicUrl }, "gateway listening");
  });
  server.on("error", (err) => {
    logger.fatal({ err }, "gateway could not listen");
    process.exit(1);
  });
  const stop = (signal: string) => shutdown(server, readiness, logger, signal);
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

/**
 * Stop taking work, let in-flight requests finish, close idle keep-alive sockets, and exit
 * before the deadline whatever happens.
 */
function shutdown(
  server: Server,
  readiness: Readiness,
  logger: ReturnType<typeof createLogger>,
  signal: string,
): void {
  logger.info({ signal }, "shutting down");
  readiness.ready = false;
  const deadline = setTimeout(() => {
    logger.warn("shutdown deadline reached; closing remaining connections");
    server.closeAllConnections();
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS);
  deadline.unref();
  server.close(() => {
    logger.info("stopped");
    process.exit(0);
  });
  server.closeIdleConnections();
  // Keep-alive sockets that finish a request later must not linger either.
  server.on("request", (_req, res) => {
    res.setHeader("connection", "close");
  });
}

main();
