import type { SetupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

/**
 * What the tests use of msw: the part its Node server (`setupServer`) and its browser worker
 * (`setupWorker`) have in common, so one helper serves both runtimes the suite runs in.
 */
export type MockServer = Pick<SetupServer, "use" | "resetHandlers" | "events">;

/** A mock network: handlers to add, and the closing and reopening of the real one. */
export interface MockNetwork {
  server: MockServer;
  start(): void | Promise<void>;
  stop(): void | Promise<void>;
}

// The same tests run in Node (vitest.config.ts) and in Chromium (vitest.browser.config.ts):
// each loads only its own msw entry point, since msw/node cannot load in a browser nor
// msw/browser in Node.
const { createMockNetwork } =
  typeof window === "undefined" ? await import("./msw-node.js") : await import("./msw-browser.js");

/** One closed network per test file: any request without a handler fails the test. */
export function useMockServer(): MockServer {
  const network = createMockNetwork();
  beforeAll(() => network.start());
  afterEach(() => network.server.resetHandlers());
  afterAll(() => network.stop());
  return network.server;
}
