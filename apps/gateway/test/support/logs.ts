import { Writable } from "node:stream";
import { pino } from "pino";

/** A logger at `level` whose lines are kept, parsed, for assertions. */
export function jsonLogger(level = "trace") {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}
