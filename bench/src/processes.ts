import { readFileSync } from "node:fs";
import {
  freePort,
  type Started,
  start as startProcess,
  stop,
  waitForHttp as waitForAnswer,
} from "../../e2e/support/processes.js";

// The end-to-end suite's helpers, plus a registry so that nothing outlives the run.
export { freePort, type Started, stop };

/** Every child still running, so an error or Ctrl-C leaves none behind. */
const running = new Set<Started>();

/** Started in its own process group (stop() ends whatever it spawned), and remembered. */
export function start(...args: Parameters<typeof startProcess>): Started {
  const started = startProcess(...args);
  running.add(started);
  started.child.once("exit", () => running.delete(started));
  return started;
}

/** Until `url` answers 2xx, or the process dies, or time runs out. */
export function waitForHttp(started: Started, url: string, timeoutMs = 30_000): Promise<void> {
  return waitForAnswer(started, url, { ok: true, timeoutMs });
}

function signalGroup(started: Started, signal: NodeJS.Signals): void {
  const pid = started.child.pid;
  if (pid === undefined || started.child.exitCode !== null) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stop));
}

/** Last resort on the way out: synchronous, so it also runs from an `exit` handler. */
export function killAll(): void {
  for (const started of running) signalGroup(started, "SIGKILL");
}

process.on("exit", killAll);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

/** Resident memory of a process in MB, from /proc (Linux). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
