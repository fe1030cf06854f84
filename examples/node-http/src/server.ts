import { createServer } from "./app.js";
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

const server = createServer(config);
server.once("error", (error: NodeJS.ErrnoException) => {
  console.error(`Cannot listen on port ${config.port}: ${error.code ?? error.message}`);
  process.exit(1);
});
server.listen(config.port, () => {
  console.log(`Listening on port ${config.port}: open ${config.publicUrl.origin}/`);
});

// Stop taking connections and let requests in flight finish; idle keep-alive connections
// would otherwise hold the process open.
function stop() {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
}
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
