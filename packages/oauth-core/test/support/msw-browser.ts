import { setupWorker } from "msw/browser";
import type { MockNetwork } from "./msw.js";

/**
 * In the browser, msw's Service Worker answers every fetch of the test page, cross-origin ones
 * included; msw's Vite plugin (vitest.browser.config.ts) serves its script at
 * /mockServiceWorker.js. A request without a handler is logged as an error as in Node, and
 * fails: it never reaches the network.
 */
export function createMockNetwork(): MockNetwork {
  const worker = setupWorker();
  return {
    server: worker,
    start: async () => {
      await worker.start({ onUnhandledFrame: "error", quiet: true });
    },
    stop: () => worker.stop(),
  };
}
