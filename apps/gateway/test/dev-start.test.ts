import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type MockGitHubServer, startMockGitHubServer } from "@latchkey/mock-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { freePort } from "./support/process.js";

// A newcomer's first `npm run dev` comes straight after `npm install`: no package is built yet,
// and sign-in must work within seconds, not after a production build of everything.
const START_BUDGET_MS = 10_000;

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * The gateway and oauth-core as a fresh clone has them (sources, no dist/), beside the
 * repository's installed dependencies. The real tree's dist/ folders stay where other runs
 * need them.
 */
function freshCloneWithoutBuilds(): string {
  const root = mkdtempSync(join(tmpdir(), "latchkey-dev-"));
  for (const workspace of ["packages/oauth-core", "apps/gateway"]) {
    mkdirSync(join(root, workspace), { recursive: true });
    for (const entry of ["package.json", "src"]) {
      cpSync(join(repoRoot, workspace, entry), join(root, workspace, entry), { recursive: true });
    }
    // A workspace's own node_modules holds the versions it pins apart from the rest.
    const own = join(repoRoot, workspace, "node_modules");
    if (existsSync(own)) symlinkSync(own, join(root, workspace, "node_modules"));
  }
  const modules = join(root, "node_modules");
  mkdirSync(join(modules, "@latchkey"), { recursive: true });
  for (const entry of readdirSync(join(repoRoot, "node_modules"))) {
    if (entry === "@latchkey" || entry === ".cache") continue;
    symlinkSync(join(repoRoot, "node_modules", entry), join(modules, entry));
  }
  symlinkSync(join(root, "packages/oauth-core"), join(modules, "@latchkey/oauth-core"));
  return root;
}

async function waitUntil<T>(attempt: () => Promise<T | undefined>, deadline: number): Promise<T> {
  for (;;) {
    const result = await attempt().catch(() => undefined);
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error("the development gateway did not answer in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("npm run dev on a fresh clone", () => {
  let clone: string;
  let mock: MockGitHubServer;
  let dev: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    clone = freshCloneWithoutBuilds();
    mock = await startMockGitHubServer();
  });

  afterAll(async () => {
    // `tsx watch` runs the gateway in a child of its own: the whole process group goes.
    if (dev?.pid !== undefined && dev.exitCode === null) {
      const exited = new Promise((resolve) => dev?.once("exit", resolve));
      process.kill(-dev.pid, "SIGKILL");
      await exited;
    }
    await mock?.close();
    rmSync(clone, { recursive: true, force: true });
  });

  it("when turbo plans `dev`, then it builds nothing first", async () => {
    const turbo = join(repoRoot, "node_modules/.bin/turbo");
    const { stdout } = await promisify(execFile)(turbo, ["run", "dev", "--dry=json"], {
      cwd: repoRoot,
      env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" },
    });
    const plan = JSON.parse(stdout) as { tasks: { taskId: string }[] };
    const tasks = plan.tasks.map((task) => task.taskId);
    expect(tasks).toContain("@latchkey/gateway#dev");
    expect(tasks.filter((task) => !task.endsWith("#dev"))).toEqual([]);
  });

  it("when the gateway's dev script starts with no dist/ anywhere, then /healthz and a whole sign-in through the mock work within the budget", {
    timeout: 60_000,
  }, async () => {
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    const started = Date.now();
    dev = spawn("npm", ["run", "dev"], {
      cwd: join(clone, "apps/gateway"),
      detached: true,
      // A clean environment, as on a newcomer's machine: no provider configured, so the
      // gateway signs in with the mock.
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        PORT: String(port),
        HOST: "127.0.0.1",
        PUBLIC_URL: origin,
        GITHUB_URL: mock.url,
        DATA_DIR: join(clone, "data"),
        LOG_FORMAT: "json",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    dev.stdout?.on("data", (chunk) => (output += chunk));
    dev.stderr?.on("data", (chunk) => (output += chunk));
    const deadline = started + START_BUDGET_MS;

    const health = await waitUntil(async () => {
      const response = await fetch(`${origin}/healthz`);
      return response.ok ? response : undefined;
    }, deadline).catch((err: unknown) => {
      throw new Error(`${(err as Error).message}\n${output.slice(-2000)}`);
    });
    const answeredAfter = Date.now() - started;
    expect(health.status).toBe(200);

    const browser = new TestBrowser(origin);
    const callback = await browser.signIn("octocat", "/restricted");
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/restricted");
    const me = await browser.get("/api/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { login: "octocat" } });
    const signedInAfter = Date.now() - started;
    expect(signedInAfter).toBeLessThan(START_BUDGET_MS);
    process.stdout.write(
      `npm run dev without builds: /healthz after ${answeredAfter} ms, signed in after ${signedInAfter} ms\n`,
    );
  });
});
