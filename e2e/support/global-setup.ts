import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, type Started, start, stop, waitForHttp } from "./processes.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Starts the product the way `npm run dev` does (mock GitHub, gateway, Vite dev server),
 * but on free ports, and hands the SPA's URL to the tests.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const [mockPort, gatewayPort, webPort, prodPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const env = {
    NODE_ENV: "development",
    MOCK_GITHUB_PORT: String(mockPort),
    PORT: String(gatewayPort),
    HOST: "127.0.0.1",
    WEB_PORT: String(webPort),
    GATEWAY_URL: `http://127.0.0.1:${gatewayPort}`,
    LOG_LEVEL: "warn",
    // A developer's .env must not switch the suite to the real GitHub.
    GITHUB_CLIENT_ID: "",
    GITHUB_CLIENT_SECRET: "",
  };
  const processes: Started[] = [];
  const stopAll = async () => {
    await Promise.all(processes.map(stop));
  };
  try {
    const mock = start("mock-github", "node", ["dist/cli.js"], {
      cwd: join(root, "packages/mock-github"),
      env,
    });
    processes.push(mock);
    const gateway = start("gateway", "node", ["dist/server.js"], {
      cwd: join(root, "apps/gateway"),
      env,
    });
    processes.push(gateway);
    const web = start("web", join(root, "node_modules/.bin/vite"), ["--host", "127.0.0.1"], {
      cwd: join(root, "apps/web"),
      env,
    });
    processes.push(web);
    // The production build as `npm start` runs it: one gateway serving the SPA and the API,
    // with the strict CSP, against the same mock GitHub.
    const production = start("gateway (production)", "node", ["dist/server.js"], {
      cwd: join(root, "apps/gateway"),
      env: {
        ...env,
        NODE_ENV: "production",
        PORT: String(prodPort),
        PUBLIC_URL: `http://localhost:${prodPort}`,
        SESSION_SECRET: "e2e-production-secret-of-more-than-32-chars",
        GITHUB_CLIENT_ID: "mock-client-id",
        GITHUB_CLIENT_SECRET: "mock-client-secret",
        GITHUB_URL: `http://localhost:${mockPort}`,
        SHUTDOWN_GRACE_MS: "0",
      },
    });
    processes.push(production);
    await waitForHttp(mock, `http://127.0.0.1:${mockPort}/api/v3/rate_limit`);
    await waitForHttp(gateway, `http://127.0.0.1:${gatewayPort}/healthz`);
    await waitForHttp(web, `http://127.0.0.1:${webPort}/`);
    await waitForHttp(production, `http://127.0.0.1:${prodPort}/healthz`);
  } catch (err) {
    await stopAll();
    throw err;
  }
  process.env.E2E_BASE_URL = `http://localhost:${webPort}`;
  process.env.E2E_MOCK_GITHUB_URL = `http://localhost:${mockPort}`;
  process.env.E2E_PRODUCTION_URL = `http://localhost:${prodPort}`;
  return stopAll;
}
