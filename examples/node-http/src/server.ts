import { loadConfigOrExit } from "@latchkey/example-shared";
import { createServer } from "./app.js";

// The entry point: read the environment, listen, stop cleanly. Everything else is in app.ts.
const config = loadConfigOrExit();

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
