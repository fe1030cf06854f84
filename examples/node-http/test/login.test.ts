import { fileURLToPath } from "node:url";
import { describeLoginSuite } from "@latchkey/example-shared/test-support";

// The sign-in as a person goes through it, with this server run as a child process against
// the mock GitHub. The suite is shared: examples/hono must behave the same.
describeLoginSuite({
  name: "examples/node-http",
  dir: fileURLToPath(new URL("..", import.meta.url)),
});
