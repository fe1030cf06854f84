import { serve } from "@hono/node-server";
import { loadConfigOrExit } from "@latchkey/example-shared";
import { createApp } from "./app.js";

// The entry point: read the environment, listen, stop cleanly. Everything else is in app.ts.
const config = loadConfigOrExit();

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
