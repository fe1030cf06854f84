import { execFileSync } from "node:child_process";
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
  // Only the sign-in pages use it, never a measured request: it runs on the project's Node.
  const started = start("mock-github", process.execPath, ["dist/cli.js"], {
    cwd: join(root, "packages/mock-github"),
    env: { MOCK_GITHUB_PORT: String(port), MOCK_GITHUB_HOST: "127.0.0.1", MOCK_GITHUB_URL: origin },
  });
  await waitForHttp(started, `${origin}/api/v3/rate_limit`);
  return { started, origin };
}

/** A node binary that runs the measured servers: the project's own, or one to compare with. */
export interface Runtime {
  node: string;
  /** `process.version` of that binary, e.g. `v24.22.3`. */
  version: string;
  /** `Node 24`: how tables name it. */
  name: string;
}

export function runtimeOf(node: string): Runtime {
  const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  return { node, version, name: `Node ${/^v(\d+)/.exec(version)?.[1] ?? version}` };
}

/** The node running the bench: the project's Node inside npm scripts. */
export const projectRuntime = (): Runtime => runtimeOf(process.execPath);

export type TargetKind = "bare-http" | "bare-express" | "bare-proxy" | "upstream";

/** One of src/targets.ts's servers in a process of its own. */
export async function startTarget(
  kind: TargetKind,
  options: { runtime: Runtime; body?: string; upstream?: string },
): Promise<Service> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const args = ["--import", "tsx", "src/targets.ts", kind, String(port)];
  const started = start(kind, options.runtime.node, args, {
    cwd: benchDir,
    env: { BODY: options.body ?? "", UPSTREAM: options.upstream ?? "", NODE_ENV: "production" },
  });
  const probe = { upstream: "/user", "bare-proxy": "/api/github/user" }[kind as string];
  await waitForHttp(started, `${origin}${probe ?? "/api/me"}`);
  return { started, origin };
}

/**
 * What `npm start` gives node for the gateway, read from the gateway's package.json so what
 * is measured is what runs in production: its V8 flags, and the script with its arguments.
 */
export function gatewayStartScript(): { flags: string[]; script: string[] } {
  const pkg = JSON.parse(readFileSync(join(gatewayDir, "package.json"), "utf8")) as {
    scripts?: { start?: string };
  };
  const args = /\bnode\s+(.*)$/
    .exec(pkg.scripts?.start ?? "")?.[1]
    ?.trim()
    .split(/\s+/);
  const at = args?.indexOf("dist/server.js") ?? -1;
  if (!args || at < 0) {
    throw new Error("apps/gateway's start script no longer runs `node … dist/server.js`");
  }
  return { flags: args.slice(0, at), script: args.slice(at) };
}

/** The arguments `npm start` gives node for the gateway: its V8 flags, then the script. */
export function gatewayNodeArgs(): string[] {
  const { flags, script } = gatewayStartScript();
  return [...flags, ...script];
}

export interface GatewayOptions {
  runtime: Runtime;
  mock: string;
  upstream: string;
  redisUrl?: string;
  /** The embedded SQLite store in this folder; without it (and Redis) the memory stores. */
  dataDir?: string;
  env?: Record<string, string>;
  /** V8 flags instead of the start script's, to measure what each one does. */
  nodeFlags?: string[];
}

/** The production gateway as `npm start` runs it, on its own loopback origin. */
export async function startGateway(options: GatewayOptions): Promise<Service> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const { flags, script } = gatewayStartScript();
  const args = [...(options.nodeFlags ?? flags), ...script];
  const started = start("gateway", options.runtime.node, args, {
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
      ...storeEnv(options),
      ...options.env,
    },
  });
  await waitForHttp(started, `${origin}/readyz`);
  return { started, origin };
}

/** Which store a benchmarked gateway uses: named, so a row never measures another by default. */
function storeEnv(options: GatewayOptions): Record<string, string> {
  if (options.redisUrl) return { STORE: "redis", REDIS_URL: options.redisUrl };
  if (options.dataDir) return { STORE: "sqlite", DATA_DIR: options.dataDir };
  return { STORE: "memory" };
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
