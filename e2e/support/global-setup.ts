import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startNginx } from "./nginx.js";
import { ACME_CLIENT, startAcmeProvider } from "./oidc-provider.js";
import { freePort, type Started, start, stop, waitForHttp } from "./processes.js";
import { redisCommand } from "./redis.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const gatewayDir = join(root, "apps/gateway");

/**
 * Starts the product the way `npm run dev` does (mock GitHub, gateway, Vite dev server),
 * but on free ports, and hands the SPA's URL to the tests. Beside it: the production build
 * as `npm start` runs it, two production gateways sharing a Redis behind nginx, and one that
 * signs people in with an independent OpenID provider (run here, in this process).
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const ports: number[] = [];
  for (let i = 0; i < 10; i++) ports.push(await freePort());
  const [
    mockPort,
    gatewayPort,
    webPort,
    prodPort,
    companyPort,
    balancerPort,
    redisPort,
    oidcPort,
    ...balancedPorts
  ] = ports as [number, number, number, number, number, number, number, number, number, number];
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
  const cleanups: Array<() => Promise<void>> = [];
  // Each gateway's embedded store in its own folder, removed afterwards: a run must not
  // inherit the revocations and rate-limit counts of the previous one (apps/gateway/data).
  const dataDir = (name: string) => {
    const dir = mkdtempSync(join(tmpdir(), `latchkey-e2e-${name}-`));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    return dir;
  };
  const stopAll = async () => {
    await Promise.all(cleanups.map((cleanup) => cleanup()));
  };
  const run = (name: string, command: string, args: string[], options: Options): Started => {
    const started = start(name, command, args, options);
    cleanups.push(() => stop(started));
    return started;
  };
  // The production build as `npm start` runs it: one gateway serving the SPA and the API,
  // with the strict CSP, against the same mock GitHub.
  const production = (name: string, port: number, publicUrl: string, extra = {}) =>
    run(name, "node", ["dist/server.js"], {
      cwd: gatewayDir,
      env: {
        ...env,
        NODE_ENV: "production",
        PORT: String(port),
        PUBLIC_URL: publicUrl,
        SESSION_SECRET: "e2e-production-secret-of-more-than-32-chars",
        GITHUB_CLIENT_ID: "mock-client-id",
        GITHUB_CLIENT_SECRET: "mock-client-secret",
        GITHUB_URL: `http://localhost:${mockPort}`,
        SHUTDOWN_GRACE_MS: "0",
        DATA_DIR: dataDir(`production-${port}`),
        ...extra,
      },
    });
  const balancerUrl = `http://localhost:${balancerPort}`;
  const oidcUrl = `http://localhost:${oidcPort}`;
  // Started first: if it cannot, nothing else is running yet.
  const acme = await startAcmeProvider(oidcUrl);
  cleanups.push(acme.close);
  const balanced = balancedPorts.map((port) => `127.0.0.1:${port}`);
  try {
    const mock = run("mock-github", "node", ["dist/cli.js"], {
      cwd: join(root, "packages/mock-github"),
      env,
    });
    const gateway = run("gateway", "node", ["dist/server.js"], {
      cwd: gatewayDir,
      env: { ...env, DATA_DIR: dataDir("development") },
    });
    const web = run("web", join(root, "node_modules/.bin/vite"), ["--host", "127.0.0.1"], {
      cwd: join(root, "apps/web"),
      env,
    });
    const single = production("gateway (production)", prodPort, `http://localhost:${prodPort}`);
    // A company's set-up: sign-in with (the mock's) Google only, for addresses at example.com,
    // with Google's API through the gateway. monalisa is mona@example.com; octocat is not.
    const mockUrl = `http://localhost:${mockPort}`;
    const company = production(
      "gateway (Google, example.com only)",
      companyPort,
      `http://localhost:${companyPort}`,
      {
        GITHUB_CLIENT_ID: "",
        GITHUB_CLIENT_SECRET: "",
        GOOGLE_CLIENT_ID: "mock-google-client-id",
        GOOGLE_CLIENT_SECRET: "mock-google-client-secret",
        GOOGLE_ISSUER: `${mockUrl}/oidc`,
        GOOGLE_API_URL: `${mockUrl}/googleapis`,
        GOOGLE_ALLOWED_EMAIL_DOMAINS: "example.com",
      },
    );
    // Any OpenID Connect provider as the README sets it up, signing out there too: sign-out
    // goes through the provider's own page, and the provider tells the gateway when someone
    // signs out at its end (back-channel logout).
    const oidc = production("gateway (Acme ID, OpenID Connect)", oidcPort, oidcUrl, {
      GITHUB_CLIENT_ID: "",
      GITHUB_CLIENT_SECRET: "",
      OIDC_ISSUER: acme.issuer,
      OIDC_CLIENT_ID: ACME_CLIENT.client_id,
      OIDC_CLIENT_SECRET: ACME_CLIENT.client_secret,
      OIDC_NAME: "Acme ID",
      OIDC_LOGOUT: "provider",
    });
    run("redis-server", ...redisCommand(redisPort), { cwd: tmpdir(), env: {} });
    // Several instances as the README's "Running several instances" says: the same secret and
    // Redis, the balancer's origin as PUBLIC_URL, the balancer (on loopback) trusted as proxy.
    const instances = balancedPorts.map((port, i) =>
      production(`gateway (behind nginx, ${i + 1})`, port, balancerUrl, {
        TRUST_PROXY: "loopback",
        REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      }),
    );
    await waitForHttp(mock, `http://127.0.0.1:${mockPort}/api/v3/rate_limit`);
    await waitForHttp(gateway, `http://127.0.0.1:${gatewayPort}/healthz`);
    await waitForHttp(web, `http://127.0.0.1:${webPort}/`);
    await waitForHttp(single, `http://127.0.0.1:${prodPort}/healthz`);
    await waitForHttp(company, `http://127.0.0.1:${companyPort}/healthz`);
    await waitForHttp(oidc, `http://127.0.0.1:${oidcPort}/healthz`);
    for (const [i, instance] of instances.entries()) {
      // Ready: listening, and its Redis answers.
      await waitForHttp(instance, `http://${balanced[i]}/readyz`, { ok: true });
    }
    const nginx = await startNginx({
      listen: `127.0.0.1:${balancerPort}`,
      serverName: "localhost",
      gateways: balanced,
    });
    cleanups.push(nginx.stop);
    await waitForHttp(nginx.started, `http://127.0.0.1:${balancerPort}/healthz`);
  } catch (err) {
    await stopAll();
    throw err;
  }
  process.env.E2E_BASE_URL = `http://localhost:${webPort}`;
  process.env.E2E_MOCK_GITHUB_URL = `http://localhost:${mockPort}`;
  process.env.E2E_PRODUCTION_URL = `http://localhost:${prodPort}`;
  process.env.E2E_COMPANY_URL = `http://localhost:${companyPort}`;
  process.env.E2E_OIDC_URL = oidcUrl;
  process.env.E2E_OIDC_ISSUER = acme.issuer;
  process.env.E2E_BALANCER_URL = balancerUrl;
  process.env.E2E_BALANCED_GATEWAYS = balanced.join(",");
  return stopAll;
}

type Options = Parameters<typeof start>[3];
