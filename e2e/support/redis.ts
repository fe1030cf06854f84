import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** redis-server from PATH, else where Debian's package puts it (ensured by `pretest`). */
function redisServer(): string {
  const onPath = (process.env.PATH ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, "redis-server"))
    .find((path) => existsSync(path));
  return onPath ?? "/usr/bin/redis-server";
}

/**
 * A redis-server of the suite's own: loopback, no persistence, in the foreground. Whether it
 * answers shows in the gateways' `/readyz`, which pings their store.
 */
export function redisCommand(port: number): [string, string[]] {
  return [
    redisServer(),
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
  ];
}
