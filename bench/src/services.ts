import { existsSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { redisCommand } from "../../e2e/support/redis.js";
import { freePort, type Started, start, waitForHttp } from "./processes.js";

export const root = fileURLToPath(new URL("../..", import.meta.url));
const benchDir = join(root, "bench");
const gatewayDir = join(root, "apps/gateway");
const SECRET = "bench-session-secret-of-more-than-32-characters";

export interface Service {
  started: Started;
  origin: string;
}

/** Fails early, with the command to run, when the production build is missing. */
export function assertBuilt(): void {
  for (const file of [
    "apps/gateway/dist/server.js",
    "packages/mock-github/dist/cli.js",
    "apps/web/dist/index.html",
  ]) {
    if (!existsSync(join(root, file))) throw new Error(`${file} is missing: run \`npm run build\``);
  }
}

/** The GitHub mock, for the OAuth pages (authorize, token) only. */
export async function startMock(): Promise<Service> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = start("mock-github", "node", ["dist/cli.js"], {
    cwd: join(root, "packages/mock-github"),
    env: { MOCK_GITHUB_PORT: String(port), MOCK_GITHUB_HOST: "127.0.0.1", MOCK_GITHUB_URL: origin },
  });
  await waitForHttp(started, `${origin}/api/v3/rate_limit`);
  return { started, origin };
}

/** One of src/targets.ts's servers in a process of its own. */
export async function startTarget(
  kind: "bare-http" | "bare-express" | "upstream",
  body = "",
): Promise<Service> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = start(kind, "node", ["--import", "tsx", "src/targets.ts", kind, String(port)], {
    cwd: benchDir,
    env: { BODY: body, NODE_ENV: "production" },
  });
  await waitForHttp(started, kind === "upstream" ? `${origin}/user` : `${origin}/api/me`);
  return { started, origin };
}

/**
 * The arguments `npm start` gives node for the gateway (its V8 flags, then the script), read
 * from the gateway's package.json so what is measured is what runs in production.
 */
export function gatewayNodeArgs(): string[] {
  const pkg = JSON.parse(readFileSync(join(gatewayDir, "package.json"), "utf8")) as {
    scripts?: { start?: string };
  };
  const args = /\bnode\s+(.*)$/
    .exec(pkg.scripts?.start ?? "")?.[1]
    ?.trim()
    .split(/\s+/);
  if (!args?.includes("dist/server.js")) {
    throw new Error("apps/gateway's start script no longer runs `node … dist/server.js`");
  }
  return args;
}

/** The production gateway as `npm start` runs it, on its own loopback origin. */
export async function startGateway(options: {
  mock: string;
  upstream: string;
  redisUrl?: string;
  env?: Record<string, string>;
}): Promise<Service> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const started = start("gateway", "node", gatewayNodeArgs(), {
    cwd: gatewayDir,
    env: {
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      SESSION_SECRET: SECRET,
      GITHUB_CLIENT_ID: "mock-client-id",
      GITHUB_CLIENT_SECRET: "mock-client-secret",
      GITHUB_URL: options.mock,
      GITHUB_API_URL: options.upstream,
      AUTH_RATE_LIMIT_MAX: "1000000",
      SHUTDOWN_GRACE_MS: "0",
      SHUTDOWN_TIMEOUT_MS: "5000",
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
      ...options.env,
    },
  });
  await waitForHttp(started, `${origin}/readyz`);
  return { started, origin };
}

/** A redis-server of the run's own: loopback, no persistence. */
export async function startRedis(): Promise<{ started: Started; url: string }> {
  const port = await freePort();
  const started = start("redis-server", ...redisCommand(port), { cwd: tmpdir(), env: {} });
  const deadline = Date.now() + 10_000;
  while (!/Ready to accept connections/i.test(started.output())) {
    if (started.child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`redis-server did not start:\n${started.output()}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { started, url: `redis://127.0.0.1:${port}` };
}

/** A JavaScript file of the built SPA, as the soak's static request. */
export function staticAssetPath(): string {
  const html = readFileSync(join(root, "apps/web/dist/index.html"), "utf8");
  const src = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
  if (!src) throw new Error("apps/web/dist/index.html names no script");
  return src;
}

/**
 * Optimization switches the gateway's config.ts reads (a seal cache, a proxy ETag cache…),
 * found by name so the suite measures whichever exist, each off and on.
 */
export function optimizationToggles(): string[] {
  const source = readFileSync(join(gatewayDir, "src/config.ts"), "utf8");
  const names = new Set<string>();
  for (const match of source.matchAll(/^\s+([A-Z][A-Z0-9_]*):/gm)) {
    const name = match[1] ?? "";
    if (/SEAL_CACHE|ETAG/.test(name) && !/_(TTL|SIZE|MAX|BYTES|SECONDS|MS|ENTRIES)$/.test(name)) {
      names.add(name);
    }
  }
  // Seal cache first: the ETag cache only matters once a session is read.
  return [...names].sort((a, b) => Number(/ETAG/.test(a)) - Number(/ETAG/.test(b)));
}

/** The values config.ts takes for a switch: `on`/`off`, or `true`/`false`. */
export function toggleValues(): { on: string; off: string } {
  const source = readFileSync(join(gatewayDir, "src/config.ts"), "utf8");
  return /\["on",\s*"off"\]/.test(source) ? { on: "on", off: "off" } : { on: "true", off: "false" };
}
