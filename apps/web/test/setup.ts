import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterAll, afterEach, beforeAll } from "vitest";
import { forgetSession } from "../src/auth";
import { gateway, server } from "./server";

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
