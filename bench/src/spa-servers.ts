import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMockGitHubServer } from "@latchkey/mock-github";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface RunningSpa {
  baseUrl: string;
  stop: () => Promise<void>;
}

/**
 * The production build as `npm start` runs it (one gateway serving the built SPA and the API),
 * against the mock GitHub in this process. 127.0.0.1 rather than localhost, so no sample pays
 * for a refused IPv6 attempt first.
 */
export async function startProductionSpa(webDist: string): Promise<RunningSpa> {
  const mock = await startMockGitHubServer({ port: 0, host: "127.0.0.1" });
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ["dist/server.js"], {
    cwd: join(root, "apps/gateway"),
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: baseUrl,
      WEB_DIST_DIR: webDist,
      SESSION_SECRET: "bench-production-secret-of-more-than-32-chars",
      GITHUB_CLIENT_ID: "mock-client-id",
      GITHUB_CLIENT_SECRET: "mock-client-secret",
      GITHUB_URL: mock.url,
      LOG_LEVEL: "warn",
      SHUTDOWN_GRACE_MS: "0",
      REDIS_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-10_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    await stopChild(child);
    await mock.close();
  };
  try {
    await waitForHealth(child, `${baseUrl}/healthz`, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop };
}

async function waitForHealth(child: ChildProcess, url: string, output: () => string) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`gateway exited (${child.exitCode}):\n${output()}`);
    const ok = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`gateway did not answer ${url} within 30 s:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
