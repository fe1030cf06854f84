import { Agent, request } from "node:http";
import autocannon from "autocannon";

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export interface LoadTarget {
  url: string;
  headers?: Record<string, string>;
}

const CONNECTIONS = 32;
const WARMUP_SECONDS = 2;

/** Seconds of load per target: BENCH_DURATION, else 10. */
export function duration(): number {
  const fromEnv = Number(process.env.BENCH_DURATION);
  return Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 10;
}

function assertLoopback(url: string): void {
  if (new URL(url).hostname !== "127.0.0.1") throw new Error(`not a loopback target: ${url}`);
}

/** One worker, 32 connections: a short warm-up (JIT, pools, caches), then the measured run. */
export async function load(target: LoadTarget): Promise<LoadResult> {
  assertLoopback(target.url);
  const options = {
    url: target.url,
    connections: CONNECTIONS,
    headers: target.headers ?? {},
    timeout: 10,
  };
  const result = await autocannon({
    ...options,
    duration: duration(),
    warmup: { duration: WARMUP_SECONDS },
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    // autocannon counts a timeout as an error too.
    errors: result.errors,
    non2xx: result.non2xx,
  };
}

/**
 * Latency with no queue in front of it: one connection, one request at a time, timed with
 * hrtime. Under 32 connections p50 is mostly waiting in line, so the cost a proxy adds to a
 * single call is read here. Returns p50 in milliseconds.
 */
export async function sequentialP50(target: LoadTarget, count = 2_000): Promise<number> {
  assertLoopback(target.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const startedAt = process.hrtime.bigint();
      const req = request(target.url, { agent, headers: target.headers ?? {} }, (res) => {
        res.resume();
        res.on("end", () => resolve(Number(process.hrtime.bigint() - startedAt) / 1e6));
      });
      req.on("error", reject);
      req.end();
    });
  try {
    for (let i = 0; i < count / 10; i++) await once();
    const times: number[] = [];
    for (let i = 0; i < count; i++) times.push(await once());
    times.sort((a, b) => a - b);
    return times[Math.floor(times.length / 2)] ?? Number.NaN;
  } finally {
    agent.destroy();
  }
}
