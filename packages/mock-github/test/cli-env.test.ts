import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// The command line as `npm run mock-github` and `npm run dev` run it: from the package's
// folder inside a repository whose root (the folder with turbo.json) holds the .env.
const CLI = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const TIMEOUT = 20_000;

const children = new Set<ChildProcess>();
const folders: string[] = [];

afterEach(async () => {
  await Promise.all(
    [...children].map(async (child) => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGKILL");
      await exited;
    }),
  );
  children.clear();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== "object" || !address) throw new Error("no port");
  return address.port;
}

/** A repository-like folder: turbo.json and `dotEnv` at its root; returns the package folder. */
function repository(dotEnv: string | undefined, { above }: { above?: string } = {}): string {
  const outer = mkdtempSync(join(tmpdir(), "mock-github-env-"));
  folders.push(outer);
  if (above !== undefined) writeFileSync(join(outer, ".env"), above);
  const root = join(outer, "repo");
  const packageDir = join(root, "packages", "mock-github");
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(root, "turbo.json"), "{}\n");
  if (dotEnv !== undefined) writeFileSync(join(root, ".env"), dotEnv);
  return packageDir;
}

/** Starts the CLI in `cwd` with only `env`; resolves with its first lines once it listens. */
async function startCli(cwd: string, env: Record<string, string> = {}): Promise<string> {
  const child = spawn(process.execPath, ["--import", TSX, CLI], {
    cwd,
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
  });
  const deadline = Date.now() + TIMEOUT - 2_000;
  while (!output.includes("issuer")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the mock did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return output;
}

async function text(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}

describe("mock-github command line settings", () => {
  it(
    "when the repository's .env sets MOCK_GITHUB_PORT, then the mock listens there and its URLs name that port",
    async () => {
      const port = await freePort();
      const output = await startCli(repository(`MOCK_GITHUB_PORT=${port}\n`));
      expect(output).toContain(`Mock GitHub on http://localhost:${port} `);

      const discovery = await text(
        `http://127.0.0.1:${port}/oidc/.well-known/openid-configuration`,
      );
      expect(discovery.status).toBe(200);
      expect(JSON.parse(discovery.body)).toMatchObject({
        issuer: `http://localhost:${port}/oidc`,
      });

      const query = new URLSearchParams({
        client_id: "mock-client-id",
        redirect_uri: "http://localhost:3000/auth/github/callback",
        state: "s",
      });
      const page = await text(`http://127.0.0.1:${port}/login/oauth/authorize?${query}`);
      expect(page.status).toBe(200);
      // The form posts back to the mock's own page, wherever the browser reached it.
      expect(page.body).toContain('<form method="post" action="/login/oauth/authorize">');
      expect(page.body).toContain(`src="http://localhost:${port}/`);
      expect(page.body).not.toContain("localhost:4000");
    },
    TIMEOUT,
  );

  it(
    "when MOCK_GITHUB_PORT is already in the environment, then it wins over the .env",
    async () => {
      const [fromEnv, fromFile] = [await freePort(), await freePort()];
      const output = await startCli(repository(`MOCK_GITHUB_PORT=${fromFile}\n`), {
        MOCK_GITHUB_PORT: String(fromEnv),
      });
      expect(output).toContain(`Mock GitHub on http://localhost:${fromEnv} `);
      const discovery = await text(
        `http://127.0.0.1:${fromEnv}/oidc/.well-known/openid-configuration`,
      );
      expect(discovery.status).toBe(200);
    },
    TIMEOUT,
  );

  it(
    "when the only .env is above the repository root, then it is not read",
    async () => {
      const port = await freePort();
      const packageDir = repository(undefined, { above: "MOCK_GITHUB_URL=http://above.example\n" });
      const output = await startCli(packageDir, { MOCK_GITHUB_PORT: String(port) });
      expect(output).toContain(`Mock GitHub on http://localhost:${port} `);
      expect(output).not.toContain("above.example");
      expect(output).not.toContain("Settings from");
    },
    TIMEOUT,
  );
});
