import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";

/** A port nothing listens on right now, so the suite never collides with `npm run dev`. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Started {
  name: string;
  child: ChildProcess;
  output: () => string;
}

export function start(
  name: string,
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string> },
): Started {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    // Enough to explain a failed start without holding a whole run's logs.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  return { name, child, output: () => output };
}

/** Polls `check` until it says yes, or the process dies, or time runs out. */
export async function waitUntil(
  started: Started,
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) {
      throw new Error(
        `${started.name} exited with ${started.child.exitCode}:\n${started.output()}`,
      );
    }
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${started.name} was not ${what} in ${timeoutMs} ms:\n${started.output()}`);
}

/** Until `url` answers: any HTTP status, or only a 2xx with `{ ok: true }` (a readiness check). */
export async function waitForHttp(
  started: Started,
  url: string,
  { ok = false, timeoutMs = 60_000 } = {},
): Promise<void> {
  await waitUntil(
    started,
    `answering at ${url}`,
    async () => {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      return !ok || response.ok;
    },
    timeoutMs,
  );
}

/** Ends the whole process group (npm/tsx/vite spawn children) and waits for it. */
export async function stop(started: Started): Promise<void> {
  const { child } = started;
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}
