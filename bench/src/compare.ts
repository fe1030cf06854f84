import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { num, type Row } from "./report.js";
import type { Runtime } from "./services.js";

/** One runtime's throughput table. */
export interface Table {
  runtime: Runtime;
  rows: Row[];
}

export interface Comparison {
  date: string;
  cpu: string;
  cores: number;
  durationSeconds: number;
  load: { before: number; after: number };
  tables: [Table, Table];
}

const cell = (row: Row | undefined) =>
  !row ? "not measured" : row.error ? row.error : num(row.reqPerSec);

/**
 * The same throughput table on two Node binaries side by side, every server process (bare
 * references, upstream, gateway) run by each in turn, the load generator unchanged.
 */
export function comparisonMarkdown(c: Comparison): string {
  const [ours, theirs] = c.tables;
  const a = ours.runtime.name;
  const b = theirs.runtime.name;
  const lines = [
    `| target | ${a} req/s | ratio | ${b} req/s | ratio | ${a} ÷ ${b} |`,
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const row of ours.rows) {
    const other = theirs.rows.find((r) => r.target === row.target);
    const speedup =
      other && !other.error && !row.error ? row.reqPerSec / other.reqPerSec : Number.NaN;
    lines.push(
      `| ${row.target} | ${cell(row)} | ${num(row.ratio ?? Number.NaN, 2)} | ${cell(other)} | ${num(other?.ratio ?? Number.NaN, 2)} | ${num(speedup, 2)} |`,
    );
  }
  lines.push(
    "",
    `${c.date}; ${a} is ${ours.runtime.version} (${ours.runtime.node}), ${b} is ${theirs.runtime.version} (${theirs.runtime.node}); ${c.cpu} × ${c.cores}; autocannon (on ${a}), 1 worker, 32 connections, ${c.durationSeconds} s per target after a 2 s warm-up; load average ${c.load.before.toFixed(2)} before, ${c.load.after.toFixed(2)} after.`,
    "",
    `Each ratio is to the row's bare reference on the same Node, measured around it (bare Express for \`/api/me\`, the bare proxy for the proxy rows); ${a} ÷ ${b} divides the req/s.`,
  );
  return `${lines.join("\n")}\n`;
}

/** Writes `node<b>-vs-<a>.md` and `.json` beside latest.md; returns the markdown. */
export function writeComparison(dir: string, c: Comparison): string {
  const major = (t: Table) => t.runtime.name.replace(/\D/g, "");
  const name = `node${major(c.tables[1])}-vs-${major(c.tables[0])}`;
  const md = comparisonMarkdown(c);
  const title = `# ${c.tables[0].runtime.name} against ${c.tables[1].runtime.name}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.md`), `${title}\n\n${md}`);
  writeFileSync(join(dir, `${name}.json`), `${JSON.stringify(c, null, 2)}\n`);
  return md;
}
