import { type MockGitHubServer, startMockGitHubServer } from "@latchkey/mock-github";
import type { RequestHandler } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

let current: MockGitHubServer | undefined;

/** The URL of an HTTP frame's request; WebSocket and other frames have none here. */
function requestUrl(data: unknown): URL | undefined {
  if (typeof data !== "object" || data === null || !("request" in data)) return undefined;
  return data.request instanceof Request ? new URL(data.request.url) : undefined;
}

/** The mock GitHub's base URL for the running test file (available from beforeAll on). */
export function githubBase(): string {
  if (!current) throw new Error("useMockGitHub() has not started the mock yet");
  return current.url;
}

/**
 * Runs the mock GitHub as a real HTTP server on a loopback port for a test file, and closes
 * the rest of the network with msw: loopback traffic passes, anything else fails the test.
 * `use()` installs msw handlers (for faults) in front of the mock, matched by its URL.
 */
export function useMockGitHub() {
  const network = setupServer();
  const handle = {
    get mock() {
      if (!current) throw new Error("useMockGitHub() has not started the mock yet");
      return current.mock;
    },
    use: (...handlers: RequestHandler[]) => network.use(...handlers),
  };
  beforeAll(async () => {
    current = await startMockGitHubServer({ port: 0 });
    network.listen({
      onUnhandledFrame({ frame, defaults }) {
        const url = requestUrl(frame.data);
        if (url && LOOPBACK.has(url.hostname)) return;
        // Not the "error" strategy: it lets through any URL that looks like a static file
        // (`…/package.json`), and its printed error alone would not stop the request.
        defaults.error();
        return Promise.reject(Response.error());
      },
    });
  });
  afterEach(() => {
    network.resetHandlers();
    current?.mock.reset();
  });
  afterAll(async () => {
    network.close();
    await current?.close();
    current = undefined;
  });
  return handle;
}
