import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockGitHubServer } from "@latchkey/mock-github";
import { freePort, start, stop, waitForHttp } from "./processes.js";
import { gatewayNodeArgs } from "./services.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface RunningSpa {
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * The production build as `npm start` runs it (one gateway serving the built SPA and the API),
 * against the mock GitHub in this process. 127.0.0.1 rather than localhost, so no sample pays
 * for a refused IPv6 attempt first.
 */
export async function startProductionSpa(webDist: string): Promise<RunningSpa> {
  const mock = await startMockGitHubServer({ port: 0, host: "127.0.0.1" });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const gateway = start("gateway (SPA)", process.execPath, gatewayNodeArgs(), {
    cwd: join(root, "apps/gateway"),
    env: {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      WEB_DIST_DIR: webDist,
      SESSION_SECRET: "bench-production-secret-of-more-than-32-chars",
      GITHUB_CLIENT_ID: "mock-client-id",
      GITHUB_CLIENT_SECRET: "mock-client-secret",
      GITHUB_URL: mock.url,
      LOG_LEVEL: "warn",
      SHUTDOWN_GRACE_MS: "0",
      REDIS_URL: "",
      // The page timings do not depend on the store; nothing is left on disk.
      STORE: "memory",
    },
  });
  const stopAll = async () => {
    await stop(gateway);
    await mock.close();
  };
  try {
    await waitForHttp(gateway, `${baseUrl}/healthz`);
  } catch (error) {
    await stopAll();
    throw error;
  }
  return { baseUrl, stop: stopAll };
}
