import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

function startServer(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: packageDir,
    // A clean environment: nothing from the developer's shell or .env decides the outcome.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === "object" && address ? address.port : 0;
}

async function waitForHealth(url: string, deadline = Date.now() + 20_000): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe("server", () => {
  it("when production starts without its secrets, then it stops with every problem named", async () => {
    const server = startServer({ NODE_ENV: "production" });
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain("SESSION_SECRET: required in production");
    expect(server.output()).toContain("GITHUB_CLIENT_ID: required in production");
    expect(server.output()).toContain("PUBLIC_URL: required in production");
    expect(server.output()).not.toMatch(/at .*\.ts:\d+/);
  }, 20_000);

  it("when development starts without a secret, then it makes one up, says so, and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const server = startServer({
      NODE_ENV: "development",
      PORT: String(port),
      HOST: "127.0.0.1",
      GITHUB_CLIENT_ID: "",
    });
    const health = await waitForHealth(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(server.output()).toContain("SESSION_SECRET is not set");
    expect(server.output()).toContain("mock GitHub");
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 30_000);
});
