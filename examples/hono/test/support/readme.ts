import { readFileSync } from "node:fs";

export const QUICK_START_MARKER =
  "<!-- quick-start: examples/hono/test runs this block as it is, against the mock -->";

/**
 * The ```ts block right after the marker comment, exactly as written. Anything else there
 * (the marker gone, another kind of block, text in between) is an error rather than a skipped
 * test: the README promises this block runs.
 */
export function quickStartBlock(readmePath: string): string {
  const lines = readFileSync(readmePath, "utf8").split(/\r?\n/);
  const marker = lines.findIndex((line) => line.trim() === QUICK_START_MARKER);
  if (marker === -1) throw new Error(`${readmePath} has no line ${QUICK_START_MARKER}`);
  if (lines[marker + 1]?.trim() !== "```ts") {
    throw new Error(`the line after the quick-start marker is not \`\`\`ts: ${lines[marker + 1]}`);
  }
  const end = lines.findIndex((line, i) => i > marker + 1 && line.trim() === "```");
  if (end === -1) throw new Error("the quick-start block is never closed");
  return `${lines.slice(marker + 2, end).join("\n")}\n`;
}
