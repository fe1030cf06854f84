import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";

const packageDir = fileURLToPath(new URL("../..", import.meta.url));
const children: ChildProcess[] = [];
const dataDirs: string[] = [];
afterEach(async () => {
  const running = children
    .splice(0)
    .filter((child) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    running.map((child) => {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      return exited;
    }),
  );
  for (const dir of dataDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder for one test's embedded store, removed after the test. */
export function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "latchkey-data-"));
  dataDirs.push(dir);
  return dir;
}

export interface GatewayProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output(): string;
}

/**
 * The gateway as `npm run dev` runs it (tsx over src/server.ts), in a process of its own.
 * Unless `env` says where, its embedded store lives in a temporary folder of its own, so no
 * test writes the developer's `apps/gateway/data` or sees another test's state.
 */
export function startGatewayProcess(env: Record<string, string>): GatewayProcess {
  const store =
    env.DATA_DIR === undefined && env.STORE === undefined ? { DATA_DIR: tempDataDir() } : {};
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: packageDir,
    // A clean environment: nothing from the developer's shell or .env decides the outcome.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...store, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

/** Polls until `url` answers at all (any status). */
export async function waitForHealth(
  url: string,
  deadline = Date.now() + 20_000,
): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A development gateway on loopback at `port`, signing in at `githubUrl`, with a fixed secret. */
export function developmentEnv(
  port: number,
  githubUrl: string,
  more: Record<string, string> = {},
): Record<string, string> {
  return {
    NODE_ENV: "development",
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    GITHUB_CLIENT_ID: "",
    GITHUB_URL: githubUrl,
    SESSION_SECRET: "Vb7Qm2Xk9Tz4Lw1Rn8Ps5Hd3Jg6Fc0Ya2Ue7Ko",
    LOG_FORMAT: "json",
    ...more,
  };
}
