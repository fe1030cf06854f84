import { fileURLToPath } from "node:url";
import { describeChromiumJourney } from "@latchkey/example-shared/test-support";

// What the cookie-keeping client cannot show: the Origin a real browser puts on the sign-out
// form, which follows from this server's Referrer-Policy. examples/hono runs the same journey.
describeChromiumJourney({
  name: "examples/node-http",
  dir: fileURLToPath(new URL("..", import.meta.url)),
});
