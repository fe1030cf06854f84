import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterAll, afterEach, beforeAll, vi } from "vitest";
import { forgetSession } from "../src/auth";
import { leaveApp } from "../src/auth/leaveApp";
import { gateway, server } from "./server";

// `findBy…` and `waitFor` give up after 1 s by default; CI runs this suite next to the
// gateway's and the browsers' on two cores, where a render can take longer. A passing wait
// ends as soon as its element appears, so the longer limit costs nothing when all is well.
configure({ asyncUtilTimeout: 5_000 });

// Leaving the app is a full navigation, which jsdom does not do, and its window.location cannot be
// spied on (the methods are unforgeable): the one call that leaves is recorded instead. Mocked
// here, before the app's modules load, so every test file sees the same recording.
vi.mock("../src/auth/leaveApp", () => ({ leaveApp: vi.fn() }));

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
  vi.mocked(leaveApp).mockClear();
  window.history.replaceState(null, "", "/");
});
afterAll(() => server.close());
