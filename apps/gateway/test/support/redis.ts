import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createConnection } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { unsealData } from "iron-session";
import { type Logger, pino } from "pino";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { AppDeps } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createStores } from "../../src/stores/select.js";
import type { Stores } from "../../src/stores/stores.js";
import { startGateway, TEST_SECRET, type TestGateway } from "./gateway.js";
import { freePort } from "./process.js";

/** Debian's package puts it here; elsewhere it is looked for on PATH. */
function redisServerBinary(): string {
  const candidates = [
    "/usr/bin/redis-server",
    ...(process.env.PATH ?? "").split(delimiter).map((dir) => join(dir, "redis-server")),
  ];
  const found = candidates.find((path) => existsSync(path));
  if (!found) {
    throw new Error(
      "redis-server is missing. `npm test` installs it as root (scripts/ensure-redis.mjs); otherwise: sudo apt-get update && sudo apt-get install -y redis-server",
    );
  }
  return found;
}

/** One PING over a raw socket: true only for a `+PONG`. */
function pong(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: "127.0.0.1" });
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(500, () => done(false));
    socket.on("error", () => done(false));
    socket.on("connect", () => socket.write("PING\r\n"));
    socket.on("data", (data) => done(data.toString().startsWith("+PONG")));
  });
}

export interface RedisServerOptions {
  /** A config file to start from (Sentinel needs one it can rewrite). */
  configFile?: string;
  /** Where it may write files (a Cluster node's nodes.conf); a temporary folder by default. */
  dir?: string;
  /** More command-line settings, e.g. `["--sentinel"]`. */
  args?: string[];
}

/**
 * A real redis-server of the test's own, on a free loopback port, with no persistence. It
 * can be stopped and started again on the same port (an outage), or paused (a Redis that
 * accepts connections but never answers).
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private output = "";

  private constructor(
    readonly port: number,
    private readonly options: RedisServerOptions,
  ) {}

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    for (let attempt = 1; ; attempt++) {
      const server = new RedisServer(await freePort(), options);
      try {
        await server.start();
        return server;
      } catch (err) {
        // Another process may have taken the port between our look and redis-server's bind.
        if (attempt === 3) throw err;
      }
    }
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (this.child) return;
    const { configFile, dir = tmpdir(), args: extra = [] } = this.options;
    const args = [...(configFile ? [configFile] : []), "--port", String(this.port)];
    args.push("--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir, ...extra);
    const child = spawn(redisServerBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    this.output = "";
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-4_000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    child.on("exit", () => {
      if (this.child === child) this.child = undefined;
    });
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
      if (!this.child) break;
      if (await pong(this.port)) return;
      await sleep(20);
    }
    await this.stop();
    throw new Error(`redis-server did not start on port ${this.port}:\n${this.output}`);
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child) return;
    this.child = undefined;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGCONT");
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 2_000);
    await exited;
    clearTimeout(timer);
  }

  /** Freezes the process: connections stay open, nothing is answered. */
  pause(): void {
    this.child?.kill("SIGSTOP");
  }

  resume(): void {
    this.child?.kill("SIGCONT");
  }

  /** For process exit: no redis-server outlives the test run. */
  kill(): void {
    this.child?.kill("SIGKILL");
  }
}

const servers = new Set<RedisServer>();
process.on("exit", () => {
  for (const server of servers) server.kill();
});

/** Started now, killed at the latest when the test process exits. */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const server = await RedisServer.start(options);
  servers.add(server);
  return server;
}

/**
 * A redis-server for the test file (started before its tests, stopped after them), a plain
 * client to look inside it, and the data wiped between tests.
 */
export function useRedisServer() {
  let server: RedisServer | undefined;
  let client: Redis | undefined;
  const handle = {
    get server(): RedisServer {
      if (!server) throw new Error("useRedisServer() has not started redis-server yet");
      return server;
    },
    get url(): string {
      return handle.server.url;
    },
    /** A client with default options, for the tests' own look at what is stored. */
    get client(): Redis {
      if (!client) {
        client = new Redis(handle.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
        // Outage tests stop the server under it; it reconnects by itself.
        client.on("error", () => {});
      }
      return client;
    },
  };
  beforeAll(async () => {
    server = await startRedisServer();
  }, 15_000);
  afterEach(async () => {
    await server?.start();
    await handle.client.flushall();
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
    if (server) servers.delete(server);
  });
  return handle;
}

/** Resolves once the stores answer (a Redis client connects right after it is created). */
export async function waitUntilReady(stores: Stores, withinMs = 5_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      await stores.ping();
      return;
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(20);
    }
  }
}

const opened: Stores[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((stores) => stores.close()));
});

/**
 * The stores a gateway with this environment would build, closed after the test; connected
 * unless `connected: false` (for a Redis that is down).
 */
export async function redisStores(
  env: Record<string, string>,
  {
    logger = pino({ level: "silent" }),
    connected = true,
  }: { logger?: Logger; connected?: boolean } = {},
): Promise<Stores> {
  const config = loadConfig({ NODE_ENV: "test", SESSION_SECRET: TEST_SECRET, ...env });
  const stores = createStores(config, { logger });
  opened.push(stores);
  if (connected) await waitUntilReady(stores);
  return stores;
}

/**
 * A gateway instance on Redis: its own connection, as a separate process would have, to the
 * shared server. Several of them with the same secret behave as one gateway behind a load
 * balancer.
 */
export async function startRedisGateway(
  redisUrl: string,
  env: Record<string, string> = {},
  { connected = true, ...deps }: AppDeps & { connected?: boolean } = {},
): Promise<TestGateway> {
  const withRedis = { REDIS_URL: redisUrl, ...env };
  const stores = await redisStores(withRedis, {
    connected,
    ...(deps.logger && { logger: deps.logger }),
  });
  return startGateway(withRedis, { stores, ...deps });
}

/** The session id inside a sealed session cookie (the stores' key). */
export async function sessionIdOf(cookie: string | undefined): Promise<string> {
  const session = await unsealData<{ sid?: string }>(decodeURIComponent(cookie ?? ""), {
    password: { 1: TEST_SECRET },
  });
  if (!session.sid) throw new Error("not a session cookie sealed with TEST_SECRET");
  return session.sid;
}
