import { setupWorker } from "msw/browser";
import type { MockNetwork } from "./msw.js";

/**
 * In the browser, msw's Service Worker answers every fetch of the test page, cross-origin ones
 * included; vitest.browser.config.ts serves its script at /mockServiceWorker.js. A request
 * without a handler is logged as an error as in Node, and the worker answers it HTTP 500
 * where Node's fetch rejects: it never reaches the network either way.
 */
export function createMockNetwork(): MockNetwork {
  const worker = setupWorker();
  return {
    server: worker,
    start: async () => {
      await worker.start({ onUnhandledRequest: "error", quiet: true });
    },
    stop: () => worker.stop(),
  };
}
