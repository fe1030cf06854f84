import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import type { LoadResult } from "./load.js";
import type { SoakResult } from "./soak.js";

export interface Row extends LoadResult {
  target: string;
  /** Bare Express's req/s measured around this row; else the run's mean is used. */
  baseline?: number;
  /** req/s divided by bare Express's, filled in by the report. */
  ratio?: number;
  /** The minimum ratio the issue asks for, if any. */
  goal?: number;
  met?: boolean;
}

export interface Check {
  what: string;
  goal: string;
  measured: string;
  met: boolean;
}

export interface Report {
  date: string;
  node: string;
  cpu: string;
  cores: number;
  durationSeconds: number;
  connections: number;
  rows: Row[];
  checks: Check[];
  soak?: SoakResult;
  spa?: unknown;
  notes: string[];
}

export const BASELINE = "bare Express";

export function withRatios(rows: Row[]): Row[] {
  const base = rows.find((r) => r.target === BASELINE)?.reqPerSec ?? Number.NaN;
  return rows.map((row) => {
    const ratio = row.reqPerSec / (row.baseline ?? base);
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

const num = (n: number, digits = 0) =>
  Number.isFinite(n) ? n.toLocaleString("en-US", { maximumFractionDigits: digits }) : "n/a";
const yes = (met: boolean | undefined) => (met === undefined ? "" : met ? "yes" : "**no**");

export function markdown(report: Report): string {
  const lines = [
    "| target | req/s | p50 ms | p99 ms | ratio to bare Express | goal | met? |",
    "| --- | ---: | ---: | ---: | ---: | ---: | :---: |",
  ];
  for (const r of report.rows) {
    const errors = r.errors + r.non2xx > 0 ? ` (${r.errors} errors, ${r.non2xx} non-2xx)` : "";
    lines.push(
      `| ${r.target}${errors} | ${num(r.reqPerSec)} | ${num(r.p50, 1)} | ${num(r.p99, 1)} | ${num(r.ratio ?? Number.NaN, 2)} | ${r.goal === undefined ? "" : `≥ ${r.goal.toFixed(2)}`} | ${yes(r.met)} |`,
    );
  }
  lines.push("", "| check | goal | measured | met? |", "| --- | --- | --- | :---: |");
  for (const c of report.checks)
    lines.push(`| ${c.what} | ${c.goal} | ${c.measured} | ${yes(c.met)} |`);
  lines.push(
    "",
    `${report.date}, Node ${report.node}, ${report.cpu} × ${report.cores}; autocannon, 1 worker, ${report.connections} connections, ${report.durationSeconds} s per target after a 2 s warm-up, all on 127.0.0.1.`,
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
    target: BASELINE,
    reqPerSec: mean((r) => r.reqPerSec),
    p50: mean((r) => r.p50),
    p99: mean((r) => r.p99),
    errors: runs.reduce((sum, r) => sum + r.errors, 0),
    non2xx: runs.reduce((sum, r) => sum + r.non2xx, 0),
  };
}
