import { fileURLToPath } from "node:url";
import { describeLoginSuite } from "@latchkey/example-shared/test-support";

// The sign-in as a person goes through it, with this server run as a child process against
// the mock GitHub. The suite is shared: examples/node-http must behave the same, bar one
// thing Hono does by itself.
describeLoginSuite({
  name: "examples/hono",
  dir: fileURLToPath(new URL("..", import.meta.url)),
  // Hono answers HEAD with every GET route, and its 405s say so.
  allowForGetRoutes: "GET, HEAD",
});
