import { execFileSync } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import { type Comparison, writeComparison } from "./compare.js";
import { flagRuns } from "./flags.js";
import { duration } from "./load.js";
import { stop, stopAll } from "./processes.js";
import { References } from "./references.js";
import { type Check, environment, type FlagRun, write } from "./report.js";
import {
  assertBuilt,
  projectRuntime,
  type Runtime,
  root,
  runtimeOf,
  type Service,
  startGateway,
  startMock,
  startRedis,
  startTarget,
} from "./services.js";
import { signIn } from "./sign-in.js";
import { type SpaFigures, spaChecks, spaMeasurements } from "./spa-checks.js";
import { throughput, toggles } from "./throughput.js";

const log = (message: string) => process.stderr.write(`bench: ${message}\n`);

/** `--compare-node <node>` (or `=<node>`), else BENCH_COMPARE_NODE: a second Node to measure. */
function compareNode(argv = process.argv.slice(2)): string | undefined {
  const at = argv.findIndex((a) => a === "--compare-node" || a.startsWith("--compare-node="));
  const given = at < 0 ? undefined : (argv[at]?.split("=")[1] ?? argv[at + 1]);
  return given || process.env.BENCH_COMPARE_NODE || undefined;
}

/** What the gateway's `/api/me` answers octocat: the bare references answer the same bytes. */
async function meBody(runtime: Runtime, mock: string, upstream: Service): Promise<string> {
  const gateway = await startGateway({ runtime, mock, upstream: upstream.origin });
  try {
    const cookie = await signIn(gateway.origin);
    return await (await fetch(`${gateway.origin}/api/me`, { headers: { cookie } })).text();
  } finally {
    await stop(gateway.started);
  }
}

/** The throughput table with every server process run by `runtime`. */
async function table(
  runtime: Runtime,
  shared: { mock: string; redisUrl: string; body?: string; comparing?: boolean },
) {
  const upstream = await startTarget("upstream", { runtime });
  const body = shared.body ?? (await meBody(runtime, shared.mock, upstream));
  const refs = await References.start(runtime, upstream, body);
  const result = await throughput({ ...shared, runtime, upstream, refs, toggles: toggles() });
  return { ...result, body, upstream, refs };
}

function soakChecks(run: FlagRun | undefined, suffix: string): Check[] {
  if (!run) return [];
  const s = run.soak;
  const quarters = s.rssByQuarter.map((mb) => mb.toFixed(1)).join(" / ");
  return [
    {
      what: `gateway RSS after ${s.requests.toLocaleString("en-US")} mixed requests${suffix}, start script's node flags`,
      goal: "≤ 150 MB",
      measured: `${s.rssEndMb.toFixed(1)} MB (${s.rssStartMb.toFixed(1)} MB before; by quarter: ${quarters}; ${s.errors} errors, ${s.non2xx} non-2xx)`,
      met: s.rssEndMb <= 150,
    },
    {
      what: "RSS growth from the 2nd to the 4th quarter",
      goal: "no trend (≤ 5 MB)",
      measured: `${s.growthMb >= 0 ? "+" : ""}${s.growthMb.toFixed(1)} MB`,
      met: s.growthMb <= 5,
    },
  ];
}

async function main(): Promise<void> {
  assertBuilt();
  execFileSync(process.execPath, [join(root, "apps/gateway/scripts/ensure-redis.mjs")], {
    stdio: "inherit",
  });
  const ours = projectRuntime();
  const otherNode = compareNode();
  const other = otherNode ? runtimeOf(otherNode) : undefined;
  const loadBefore = loadavg()[0] ?? Number.NaN;
  const { label, env, everything } = toggles();
  log(
    `servers on ${ours.name} (${ours.version})${other ? `, then on ${other.name} (${other.version})` : ""}`,
  );

  const mock = await startMock();
  const redis = await startRedis();
  const shared = { mock: mock.origin, redisUrl: redis.url };
  const primary = await table(ours, shared);
  const notes: string[] = [];

  let comparison: Comparison | undefined;
  if (other) {
    log(`the same table with every server on ${other.name} …`);
    const second = await table(other, { ...shared, body: primary.body, comparing: true });
    await second.refs.stop();
    await stop(second.upstream.started);
    comparison = {
      ...environment(duration()),
      load: { before: loadBefore, after: loadavg()[0] ?? Number.NaN },
      tables: [
        { runtime: ours, rows: primary.rows },
        { runtime: other, rows: second.rows },
      ],
    };
  }
  await stop(redis.started);

  let spa: SpaFigures | undefined;
  const flags = await flagRuns(
    primary.refs,
    { runtime: ours, mock: mock.origin, upstream: primary.upstream.origin, env: env(everything) },
    async (gateway) => {
      log("SPA measurements …");
      const measured = await spaMeasurements(gateway.origin);
      spa = measured.result;
      notes.push(...measured.notes);
    },
  );
  notes.unshift(
    `The references were measured between the gateway blocks: ${primary.refs.runSpeeds().join("; ")}. Their rows show the mean; each gateway row's ratio is to the mean of the two runs of its reference around it, so drift in the machine's speed cancels out.`,
  );
  await primary.refs.stop();

  const report = {
    ...environment(duration()),
    load: { before: loadBefore, after: loadavg()[0] ?? Number.NaN },
    rows: primary.rows,
    checks: [...primary.checks, ...soakChecks(flags[0], label(everything)), ...spaChecks(spa)],
    flags,
    soak: flags[0]?.soak,
    spa,
    notes,
  };
  const dir = join(root, "bench/results");
  process.stdout.write(`\n${write(dir, report)}`);
  if (comparison) process.stdout.write(`\n${writeComparison(dir, comparison)}`);
}

const startedAt = Date.now();
try {
  await main();
  log(`done in ${((Date.now() - startedAt) / 60_000).toFixed(1)} min`);
} catch (err) {
  process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
} finally {
  await stopAll();
}
