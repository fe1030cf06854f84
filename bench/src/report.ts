import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import type { LoadResult } from "./load.js";
import type { SoakResult } from "./soak.js";

export const BARE_EXPRESS = "bare Express";
export const BARE_PROXY = "bare proxy (Express + http-proxy-middleware)";
export type ReferenceName = typeof BARE_EXPRESS | typeof BARE_PROXY;

export interface Row extends LoadResult {
  target: string;
  /** The bare server this row's ratio is to: bare Express unless named. */
  reference?: ReferenceName;
  /** The reference's req/s measured around this row; else the run's mean is used. */
  baseline?: number;
  /** req/s divided by the reference's, filled in by the report. */
  ratio?: number;
  /** The minimum ratio the issue asks for, if any. */
  goal?: number;
  met?: boolean;
  /** Why the row has no figures, e.g. its server does not start on this Node. */
  error?: string;
}

/** A row with no figures, saying why. */
export function failedRow(row: Omit<Row, keyof LoadResult>, error: string): Row {
  const none = Number.NaN;
  const failed = { ...row, reqPerSec: none, p50: none, p99: none, errors: 0, non2xx: 0, error };
  return row.goal === undefined ? failed : { ...failed, met: false };
}

export interface Check {
  what: string;
  goal: string;
  measured: string;
  /** Absent for a figure shown for reference only. */
  met?: boolean;
}

/** The gateway under one set of V8 flags: a soak from a fresh start, then its rows. */
export interface FlagRun {
  /** The node flags the gateway ran with; none is node's defaults. */
  flags: string[];
  /** `start script`, `no flags`, or the one flag kept. */
  label: string;
  rows: Row[];
  soak: SoakResult;
}

export interface Report {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  durationSeconds: number;
  connections: number;
  /** The 1-minute load average before and after: other work on the machine shows here. */
  load: { before: number; after: number };
  rows: Row[];
  checks: Check[];
  flags: FlagRun[];
  soak?: SoakResult;
  spa?: unknown;
  notes: string[];
}

export function withRatios(rows: Row[]): Row[] {
  const mean = (name: string) => rows.find((r) => r.target === name)?.reqPerSec ?? Number.NaN;
  return rows.map((row) => {
    if (row.error) return row;
    const ratio = row.reqPerSec / (row.baseline ?? mean(row.reference ?? BARE_EXPRESS));
    return row.goal === undefined ? { ...row, ratio } : { ...row, ratio, met: ratio >= row.goal };
  });
}

export function environment(durationSeconds: number) {
  return {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? "unknown",
    cores: cpus().length,
    durationSeconds,
    connections: 32,
  };
}

export const num = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits }) : "n/a";
const yes = (met: boolean | undefined) => (met === undefined ? "" : met ? "yes" : "**no**");
const shortName = (name: string | undefined) =>
  name === BARE_PROXY ? "bare proxy" : (name ?? BARE_EXPRESS);

export function rowsTable(rows: Row[]): string[] {
  const lines = [
    "| target | req/s | p50 ms | p99 ms | ratio | to | goal | met? |",
    "| --- | ---: | ---: | ---: | ---: | --- | ---: | :---: |",
  ];
  for (const r of rows) {
    if (r.error) {
      lines.push(`| ${r.target} | ${r.error} | | | | | | ${yes(r.met)} |`);
      continue;
    }
    const errors = r.errors + r.non2xx > 0 ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : "";
    const isReference = r.target === (r.reference ?? BARE_EXPRESS);
    lines.push(
      `| ${r.target}${errors} | ${num(r.reqPerSec)} | ${num(r.p50, 1)} | ${num(r.p99, 1)} | ${num(r.ratio ?? Number.NaN, 2)} | ${isReference ? "" : shortName(r.reference)} | ${r.goal === undefined ? "" : `≥ ${r.goal.toFixed(2)}`} | ${yes(r.met)} |`,
    );
  }
  return lines;
}

function flagsTable(runs: FlagRun[]): string[] {
  if (runs.length === 0) return [];
  const cell = (row: Row | undefined) =>
    row ? `${num(row.reqPerSec)} (${num(row.ratio ?? Number.NaN, 2)})` : "";
  const lines = [
    "",
    "Node flags of the gateway (every optimization on; each a fresh gateway: the soak, then the two rows):",
    "",
    "| node flags | /api/me req/s (ratio to bare Express) | proxy req/s (ratio to bare proxy) | RSS after the soak | growth, 2nd → 4th quarter |",
    "| --- | ---: | ---: | ---: | ---: |",
  ];
  for (const run of runs) {
    const [me, proxy] = run.rows;
    const flags = run.flags.length ? run.flags.map((f) => `\`${f}\``).join(" ") : "none";
    const growth = `${run.soak.growthMb >= 0 ? "+" : ""}${run.soak.growthMb.toFixed(1)} MB`;
    lines.push(
      `| ${run.label}: ${flags} | ${cell(me)} | ${cell(proxy)} | ${run.soak.rssEndMb.toFixed(1)} MB | ${growth} |`,
    );
  }
  return lines;
}

export function markdown(report: Report): string {
  const lines = rowsTable(report.rows);
  lines.push("", "| check | goal | measured | met? |", "| --- | --- | --- | :---: |");
  for (const c of report.checks)
    lines.push(`| ${c.what} | ${c.goal} | ${c.measured} | ${yes(c.met)} |`);
  lines.push(...flagsTable(report.flags));
  lines.push(
    "",
    `${report.date}, Node ${report.node}, ${report.cpu} × ${report.cores}; autocannon, 1 worker, ${report.connections} connections, ${report.durationSeconds} s per target after a 2 s warm-up, all on 127.0.0.1; load average ${report.load.before.toFixed(2)} before, ${report.load.after.toFixed(2)} after.`,
  );
  for (const note of report.notes) lines.push("", note);
  return `${lines.join("\n")}\n`;
}

export function write(dir: string, report: Report): string {
  mkdirSync(dir, { recursive: true });
  const md = markdown(report);
  writeFileSync(join(dir, "latest.md"), `# Latest benchmark run\n\n${md}`);
  writeFileSync(join(dir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  return md;
}

/** One row for several runs of the same target: their means. */
export function averageOf(runs: Row[]): Row {
  const mean = (pick: (r: Row) => number) =>
    runs.reduce((sum, r) => sum + pick(r), 0) / Math.max(runs.length, 1);
  return {
    target: runs[0]?.target ?? BARE_EXPRESS,
    reqPerSec: mean((r) => r.reqPerSec),
    p50: mean((r) => r.p50),
    p99: mean((r) => r.p99),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
  };
}
