import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gatewayBlock, type Planned, request } from "./gateway-block.js";
import { sequentialP50 } from "./load.js";
import type { References } from "./references.js";
import { BARE_EXPRESS, BARE_PROXY, type Check, type Row, withRatios } from "./report.js";
import { optimizationToggles, type Runtime, type Service, toggleValues } from "./services.js";

const ms = (n: number) => `${n.toFixed(2)} ms`;

/** The gateway's optimization switches, and the configurations measured with them. */
export interface Toggles {
  env: (on: string[]) => Record<string, string>;
  label: (on: string[]) => string;
  /** Off, then each optimization added in turn: every one measured before and after. */
  variants: string[][];
  everything: string[];
}

export function toggles(): Toggles {
  const names = optimizationToggles();
  const values = toggleValues();
  const variants = [[], ...names.map((_, i) => names.slice(0, i + 1))];
  return {
    env: (on) => Object.fromEntries(names.map((t) => [t, on.includes(t) ? values.on : values.off])),
    label: (on) =>
      names.length === 0
        ? ""
        : on.length === 0
          ? " (optimizations off)"
          : ` (${on.join(" + ")} on)`,
    variants,
    everything: variants.at(-1) ?? [],
  };
}

export interface Setup {
  runtime: Runtime;
  mock: string;
  upstream: Service;
  refs: References;
  redisUrl: string;
  toggles: Toggles;
  /** Another Node than the project's, for its table only: no latency checks. */
  comparing?: boolean;
}

/** The gateway's `/api/me` and proxied GitHub call, with the goals the issue sets. */
export function gatewayRowsPlanned(suffix: string): Planned[] {
  return [
    {
      target: `/api/me, memory stores${suffix}`,
      reference: BARE_EXPRESS,
      goal: 0.8,
      path: "/api/me",
    },
    {
      target: `proxy /api/github/user${suffix}`,
      reference: BARE_PROXY,
      goal: 0.9,
      path: "/api/github/user",
    },
  ];
}

/** p50 of one request at a time, through the gateway and through the bare proxy, over direct. */
async function addedLatency(s: Setup, via: Service, cookie: string, suffix: string) {
  const proxied = await sequentialP50(request(via, cookie, "/api/github/user"));
  const direct = await sequentialP50({ url: `${s.upstream.origin}/user` });
  return {
    what: `proxy latency added at p50, one request at a time${suffix}`,
    goal: "≤ 1 ms",
    measured: `${ms(proxied - direct)} (${ms(proxied)} through the gateway, ${ms(direct)} direct)`,
    met: proxied - direct <= 1,
  };
}

/**
 * The throughput table on one runtime: the gateway in each optimization configuration (memory
 * stores, then Redis), every block between runs of its references, then the bare rows.
 */
export async function throughput(s: Setup): Promise<{ rows: Row[]; checks: Check[] }> {
  const { env, label, variants, everything } = s.toggles;
  const base = {
    runtime: s.runtime,
    mock: s.mock,
    upstream: s.upstream.origin,
  };
  const gatewayRows: Row[] = [];
  const checks: Check[] = [];
  for (const on of variants) {
    const after = async (gateway: Service, cookie: string) => {
      checks.push(await addedLatency(s, gateway, cookie, label(on)));
    };
    const rows = await gatewayBlock(
      s.refs,
      { ...base, env: env(on) },
      gatewayRowsPlanned(label(on)),
      {
        ...(s.comparing ? {} : { after }),
      },
    );
    gatewayRows.push(...rows);
  }
  // The single-instance default: every /api/me also asks the embedded store on disk.
  const dataDir = mkdtempSync(join(tmpdir(), "latchkey-bench-"));
  try {
    const planned: Planned[] = [
      {
        target: `/api/me, embedded SQLite store${label(everything)}`,
        reference: BARE_EXPRESS,
        path: "/api/me",
      },
    ];
    gatewayRows.push(
      ...(await gatewayBlock(s.refs, { ...base, dataDir, env: env(everything) }, planned)),
    );
    // Sessions kept on the server: the cookie is a reference, the body one more store read.
    const serverSide: Planned[] = [
      {
        target: `/api/me, sessions kept on the server (SESSION_STORAGE=server), SQLite${label(everything)}`,
        reference: BARE_EXPRESS,
        path: "/api/me",
      },
    ];
    gatewayRows.push(
      ...(await gatewayBlock(
        s.refs,
        { ...base, dataDir, env: { ...env(everything), SESSION_STORAGE: "server" } },
        serverSide,
      )),
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  for (const on of variants.length > 1 ? [[], everything] : [[]]) {
    const planned: Planned[] = [
      {
        target: `/api/me, Redis stores${label(on)}`,
        reference: BARE_EXPRESS,
        goal: 0.6,
        path: "/api/me",
      },
    ];
    gatewayRows.push(
      ...(await gatewayBlock(s.refs, { ...base, redisUrl: s.redisUrl, env: env(on) }, planned)),
    );
  }
  const rows = withRatios([...(await s.refs.rows()), ...gatewayRows]);
  if (!s.comparing) checks.push(...(await referenceLatencies(s, rows, label(everything))));
  return { rows, checks };
}

/** Figures shown beside the goal, for reference: what the bare proxy adds, and p50 under load. */
async function referenceLatencies(s: Setup, rows: Row[], suffix: string): Promise<Check[]> {
  const checks: Check[] = [];
  const bare = await sequentialP50({ url: s.refs.url(BARE_PROXY) });
  const direct = await sequentialP50({ url: `${s.upstream.origin}/user` });
  checks.push({
    what: "bare proxy latency added at p50, one request at a time (for reference)",
    goal: "",
    measured: `${ms(bare - direct)} (${ms(bare)} through it, ${ms(direct)} direct)`,
  });
  const loaded = rows.filter((r) => r.target.startsWith("proxy") && !r.error).at(-1);
  const directLoaded = rows.find((r) => r.target.startsWith("direct"));
  if (loaded && directLoaded) {
    checks.push({
      what: `proxy p50 over direct under 32-connection load${suffix} (for reference: mostly queueing)`,
      goal: "",
      measured: ms(loaded.p50 - directLoaded.p50),
    });
  }
  return checks;
}
