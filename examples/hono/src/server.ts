import { serve } from "@hono/node-server";
import { createApp } from "./app.js";
import { type Config, ConfigError, configFromEnvironment } from "./config.js";

// The entry point: read the environment, listen, stop cleanly. Everything else is in app.ts.
let config: Config;
try {
  config = configFromEnvironment();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  // Before listening: a server without its GitHub app would fail at every sign-in instead.
  console.error(`Configuration: ${error.message}`);
  process.exit(1);
}

const server = serve({ fetch: createApp(config).fetch, port: config.port }, () => {
  console.log(`Listening on port ${config.port}: open ${config.publicUrl.origin}/`);
});
server.once("error", (error: NodeJS.ErrnoException) => {
  console.error(`Cannot listen on port ${config.port}: ${error.code ?? error.message}`);
  process.exit(1);
});

// Stop taking connections and let requests in flight finish.
function stop() {
  server.close(() => process.exit(0));
  if ("closeIdleConnections" in server) server.closeIdleConnections();
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
