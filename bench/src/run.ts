import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { duration, type LoadTarget, load, sequentialP50 } from "./load.js";
import { stop, stopAll } from "./processes.js";
import {
  averageOf,
  BASELINE,
  type Check,
  environment,
  type Row,
  withRatios,
  write,
} from "./report.js";
import {
  assertBuilt,
  optimizationToggles,
  root,
  type Service,
  startGateway,
  startMock,
  startRedis,
  startTarget,
  staticAssetPath,
  toggleValues,
} from "./services.js";
import { signIn } from "./sign-in.js";
import { SOAK_REQUESTS, soak } from "./soak.js";
import { type SpaFigures, spaChecks, spaMeasurements } from "./spa-checks.js";

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);
const ms = (n: number) => `${n.toFixed(2)} ms`;

async function measure(target: string, request: LoadTarget, goal?: number): Promise<Row> {
  log(`${target} …`);
  const result = await load(request);
  return { target, ...result, ...(goal === undefined ? {} : { goal }) };
}

async function withGateway<T>(
  options: Parameters<typeof startGateway>[0],
  use: (gateway: Service, cookie: string) => Promise<T>,
): Promise<T> {
  const gateway = await startGateway(options);
  try {
    return await use(gateway, await signIn(gateway.origin));
  } finally {
    await stop(gateway.started);
  }
}

async function main(): Promise<void> {
  assertBuilt();
  execFileSync("node", [join(root, "apps/gateway/scripts/ensure-redis.mjs")], { stdio: "inherit" });
  const toggles = optimizationToggles();
  log(toggles.length ? `optimization toggles: ${toggles.join(", ")}` : "no optimization toggles");
  const values = toggleValues();
  const env = (on: string[]) =>
    Object.fromEntries(toggles.map((t) => [t, on.includes(t) ? values.on : values.off]));
  const label = (on: string[]) =>
    toggles.length === 0
      ? ""
      : on.length === 0
        ? " (optimizations off)"
        : ` (${on.join(" + ")} on)`;
  // Off, then each optimization added in turn: every one measured before and after.
  const variants = [[], ...toggles.map((_, i) => toggles.slice(0, i + 1))];
  const everything = variants.at(-1) ?? [];

  const mock = await startMock();
  const upstream = await startTarget("upstream");
  const gatewayRows: Row[] = [];
  const checks: Check[] = [];
  const notes: string[] = [];
  const bare: { http?: Service; express?: Service } = {};
  const expressRuns: Row[] = [];

  /** Bare Express, measured between gateway blocks: each ratio is to the runs around it. */
  const expressNow = async (): Promise<number> => {
    const express = bare.express;
    if (!express) throw new Error("bare Express is not running");
    const row = await measure(BASELINE, { url: `${express.origin}/api/me` });
    expressRuns.push(row);
    return row.reqPerSec;
  };
  /** Runs a block of gateway measurements between two bare Express runs. */
  const bracketed = async (block: () => Promise<Row[]>) => {
    const before = expressRuns.at(-1)?.reqPerSec ?? (await expressNow());
    const rows = await block();
    const baseline = (before + (await expressNow())) / 2;
    gatewayRows.push(...rows.map((row) => ({ ...row, baseline })));
  };
  /** The references answer the same JSON as the gateway's /api/me, byte for byte. */
  const startBare = async (meBody: string) => {
    bare.http = await startTarget("bare-http", meBody);
    bare.express = await startTarget("bare-express", meBody);
  };

  for (const on of variants) {
    await withGateway(
      { mock: mock.origin, upstream: upstream.origin, env: env(on) },
      async (gateway, cookie) => {
        const me = { url: `${gateway.origin}/api/me`, headers: { cookie } };
        if (!bare.express) await startBare(await (await fetch(me.url, me)).text());
        const proxy = {
          url: `${gateway.origin}/api/github/user`,
          headers: { cookie, "x-csrf": "1" },
        };
        await bracketed(async () => [
          await measure(`/api/me, memory stores${label(on)}`, me, 0.8),
          await measure(`proxy /api/github/user${label(on)}`, proxy, 0.6),
        ]);
        const proxied = await sequentialP50(proxy);
        const direct = await sequentialP50({ url: `${upstream.origin}/user` });
        checks.push({
          what: `proxy latency added at p50, one request at a time${label(on)}`,
          goal: "≤ 1 ms",
          measured: `${ms(proxied - direct)} (${ms(proxied)} through the gateway, ${ms(direct)} direct)`,
          met: proxied - direct <= 1,
        });
      },
    );
  }

  const redis = await startRedis();
  for (const on of toggles.length ? [[], everything] : [[]]) {
    await withGateway(
      { mock: mock.origin, upstream: upstream.origin, redisUrl: redis.url, env: env(on) },
      async (gateway, cookie) => {
        const me = { url: `${gateway.origin}/api/me`, headers: { cookie } };
        await bracketed(async () => [await measure(`/api/me, Redis stores${label(on)}`, me, 0.6)]);
      },
    );
  }
  await stop(redis.started);

  const bareRows: Row[] = [];
  if (bare.http) {
    bareRows.push(await measure("bare node:http", { url: `${bare.http.origin}/api/me` }));
    await stop(bare.http.started);
  }
  if (bare.express) await stop(bare.express.started);
  bareRows.push(averageOf(expressRuns));
  const speeds = expressRuns.map((r) => Math.round(r.reqPerSec).toLocaleString("en-US"));
  notes.push(
    `Bare Express was measured ${expressRuns.length} times, between the gateway blocks (${speeds.join(", ")} req/s); its row shows their mean, and each gateway row's ratio is to the mean of the two runs around it, so drift in the machine's speed cancels out.`,
  );
  bareRows.push(await measure("direct upstream /user", { url: `${upstream.origin}/user` }));
  const rows = withRatios([...bareRows, ...gatewayRows]);

  const proxyLoaded = rows.filter((r) => r.target.startsWith("proxy")).at(-1);
  const directLoaded = rows.find((r) => r.target.startsWith("direct"));
  if (proxyLoaded && directLoaded) {
    checks.push({
      what: `proxy p50 over direct under 32-connection load${label(everything)} (for reference: mostly queueing)`,
      goal: "",
      measured: ms(proxyLoaded.p50 - directLoaded.p50),
      met: proxyLoaded.p50 - directLoaded.p50 <= 1,
    });
  }

  let spaResult: SpaFigures | undefined;
  const soakResult = await withGateway(
    { mock: mock.origin, upstream: upstream.origin, env: env(everything) },
    async (gateway, cookie) => {
      const pid = gateway.started.child.pid ?? 0;
      log(`memory soak: ${SOAK_REQUESTS.toLocaleString("en-US")} mixed requests …`);
      const result = await soak(gateway.origin, pid, cookie, staticAssetPath());
      log("SPA measurements …");
      const spa = await spaMeasurements(gateway.origin);
      spaResult = spa.result;
      notes.push(...spa.notes);
      return result;
    },
  );
  const quarters = soakResult.rssByQuarter.map((mb) => mb.toFixed(1)).join(" / ");
  checks.push(
    {
      what: `gateway RSS after ${soakResult.requests.toLocaleString("en-US")} mixed requests${label(everything)}`,
      goal: "≤ 150 MB",
      measured: `${soakResult.rssEndMb.toFixed(1)} MB (${soakResult.rssStartMb.toFixed(1)} MB before; by quarter: ${quarters}; ${soakResult.errors} errors, ${soakResult.non2xx} non-2xx)`,
      met: soakResult.rssEndMb <= 150,
    },
    {
      what: "RSS growth from the 2nd to the 4th quarter",
      goal: "no trend (≤ 5 MB)",
      measured: `${soakResult.growthMb >= 0 ? "+" : ""}${soakResult.growthMb.toFixed(1)} MB`,
      met: soakResult.growthMb <= 5,
    },
  );

  checks.push(...spaChecks(spaResult));

  const report = {
    ...environment(duration()),
    rows,
    checks,
    soak: soakResult,
    spa: spaResult,
    notes,
  };
  const table = write(join(root, "bench/results"), report);
  process.stdout.write(`\n${table}`);
}

try {
  await main();
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
