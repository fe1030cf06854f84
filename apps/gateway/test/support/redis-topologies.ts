import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { Redis } from "ioredis";
import { afterAll, beforeAll } from "vitest";
import { type RedisServer, startRedisServer } from "./redis.js";

const SLOTS = 16_384;

async function withClient<T>(port: number, use: (client: Redis) => Promise<T>): Promise<T> {
  const client = new Redis({ port, host: "127.0.0.1", lazyConnect: true });
  try {
    return await use(client);
  } finally {
    client.disconnect();
  }
}

interface Topology {
  servers: RedisServer[];
  /** Where clients connect: the sentinels, or the cluster's nodes. */
  entries: RedisServer[];
}

/** Starts what `start` makes before the file's tests, stops it after them. */
function useTopology(start: (dir: string) => Promise<Topology>) {
  let servers: RedisServer[] = [];
  let entries: RedisServer[] = [];
  let dir = "";
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "latchkey-redis-"));
    ({ servers, entries } = await start(dir));
  }, 20_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  });
  return {
    /** `host:port,host:port` of the entry points, as the configuration takes them. */
    get addresses(): string {
      return entries.map((server) => `127.0.0.1:${server.port}`).join(",");
    },
  };
}

/** A primary and one sentinel watching it under the name `latchkey`. */
export function useRedisSentinel() {
  return useTopology(async (dir) => {
    const primary = await startRedisServer({ dir });
    const configFile = join(dir, "sentinel.conf");
    writeFileSync(configFile, `sentinel monitor latchkey 127.0.0.1 ${primary.port} 1\n`);
    const sentinel = await startRedisServer({ configFile, dir, args: ["--sentinel"] });
    return { servers: [primary, sentinel], entries: [sentinel] };
  });
}

/** Three primaries sharing the 16384 slots, joined and agreed (`cluster_state:ok`). */
export function useRedisCluster() {
  return useTopology(async (dir) => {
    const nodes: RedisServer[] = [];
    for (let i = 0; i < 3; i++) {
      const args = ["--cluster-enabled", "yes", "--cluster-config-file", `nodes-${i}.conf`];
      nodes.push(await startRedisServer({ dir, args }));
    }
    await Promise.all(
      nodes.map((node, i) =>
        withClient(node.port, async (client) => {
          const from = Math.floor((SLOTS * i) / nodes.length);
          const to = Math.floor((SLOTS * (i + 1)) / nodes.length);
          const slots = Array.from({ length: to - from }, (_, k) => String(from + k));
          await client.call("CLUSTER", "ADDSLOTS", ...slots);
          if (i > 0) await client.call("CLUSTER", "MEET", "127.0.0.1", String(nodes[0]?.port));
        }),
      ),
    );
    for (const node of nodes) {
      await withClient(node.port, async (client) => {
        for (const deadline = Date.now() + 10_000; ; await sleep(50)) {
          const info = String(await client.call("CLUSTER", "INFO"));
          if (info.includes("cluster_state:ok")) return;
          if (Date.now() > deadline) throw new Error(`the cluster did not form:\n${info}`);
        }
      });
    }
    return { servers: nodes, entries: nodes };
  });
}
