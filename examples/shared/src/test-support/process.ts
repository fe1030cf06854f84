import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";

const STARTUP_TIMEOUT_MS = 15_000;
const children = new Set<ChildProcess>();
// Belt and braces: should a test end without its afterAll (a crash, a debugging session),
// the worker's exit still takes the servers it started with it.
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** An example's folder: its `src/server.ts` (or another file) runs from source, there. */
export type PackageDir = string;

export interface ExampleProcess {
  /** e.g. "http://localhost:53211", the example's PUBLIC_URL. */
  url: string;
  /** stdout and stderr so far. */
  output(): string;
  /** Kills it and waits until it is gone. */
  stop(): Promise<void>;
}

export interface ExampleExit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a TypeScript file of an example from source (`node --import tsx <file>` in its folder,
 * so its own dependencies resolve), by default the server, with only these variables.
 */
function spawnExample(dir: PackageDir, env: Record<string, string>, file = "src/server.ts") {
  const child = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: dir,
    // A clean environment: nothing from the developer's shell decides the outcome.
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  child.once("exit", () => children.delete(child));
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<ExampleExit>((resolve) => {
    child.once("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { file, child, exit, output: () => stdout + stderr };
}

/** Starts the example on a free port and resolves once it says it is listening. */
export async function startExample(
  dir: PackageDir,
  env: Record<string, string>,
): Promise<ExampleProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const run = spawnExample(dir, { PORT: String(port), PUBLIC_URL: url, ...env });
  return whenReady(run, url, async () => run.output().includes("Listening on"));
}

/**
 * Runs a server file that prints nothing when it is ready (the oauth-core README's quick
 * start) and resolves once its port answers HTTP at all.
 */
export async function startQuietServer(
  dir: PackageDir,
  file: string,
  env: Record<string, string>,
): Promise<ExampleProcess> {
  const port = await freePort();
  const url = `http://localhost:${port}`;
  const run = spawnExample(dir, { PORT: String(port), ...env }, file);
  return whenReady(run, url, async () => {
    try {
      await (await fetch(url, { redirect: "manual" })).text();
      return true;
    } catch {
      return false;
    }
  });
}

/** Polls `ready` until it holds; a process that exits first or takes too long is an error. */
async function whenReady(
  run: ReturnType<typeof spawnExample>,
  url: string,
  ready: () => Promise<boolean>,
): Promise<ExampleProcess> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (!(await ready())) {
    if (run.child.exitCode !== null || Date.now() > deadline) {
      run.child.kill("SIGKILL");
      throw new Error(`${run.file} did not start:\n${run.output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url, output: run.output, stop: () => kill(run.child) };
}

/** Runs the example until it exits on its own (a startup failure), killed after `timeoutMs`. */
export async function runExampleToExit(
  dir: PackageDir,
  env: Record<string, string>,
  timeoutMs = STARTUP_TIMEOUT_MS,
): Promise<ExampleExit> {
  const run = spawnExample(dir, env);
  const timer = setTimeout(() => run.child.kill("SIGKILL"), timeoutMs);
  try {
    return await run.exit;
  } finally {
    clearTimeout(timer);
  }
}

/** Kills every example still running; for afterEach/afterAll, so no test leaks a process. */
export async function stopExamples(): Promise<void> {
  await Promise.all([...children].map(kill));
}

async function kill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.kill("SIGKILL");
  await exited;
}

/** A port free right now (the kernel's pick); the example binds it a moment later. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}
