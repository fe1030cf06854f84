import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";
import { forgetSession } from "../src/auth";
import { gateway, server } from "./server";

// `findBy…` and `waitFor` give up after 1 s by default; CI runs this suite next to the
// gateway's and the browsers' on two cores, where a render can take longer. A passing wait
// ends as soon as its element appears, so the longer limit costs nothing when all is well.
configure({ asyncUtilTimeout: 5_000 });

// jsdom has no scrolling; the shell scrolls to the top after each navigation.
window.scrollTo = () => {};

// The network is closed: a request no handler expects fails the test.
beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
afterEach(() => {
  // Without vitest globals Testing Library cannot register its own cleanup.
  cleanup();
  server.resetHandlers();
  gateway.reset();
  forgetSession();
  window.history.replaceState(null, "", "/");
});
afterAll(() => server.close());
