import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type MockGitHubServer, startMockGitHubServer } from "@latchkey/mock-github";
import { http, passthrough } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
// The mock GitHub listens on loopback; requests there go through, any other one fails.
const LOOPBACK = /^https?:\/\/(?:127\.0\.0\.1|localhost|\[::1\])(?::\d+)?\//;
const PROMPT = /Open (\S+) and enter ([A-Z]{4}-[A-Z]{4})/;
const TIMEOUT = 30_000;

const network = setupServer(http.all(LOOPBACK, () => passthrough()));
let github: MockGitHubServer;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // One second between polls keeps the runs short without a busy loop.
  github = await startMockGitHubServer({ port: 0, deviceInterval: 1 });
  network.listen({ onUnhandledFrame: "error" });
});
afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  github.mock.reset();
});
afterAll(async () => {
  network.close();
  await github.close();
});

describe("the network this suite runs on", () => {
  it("when the suite asks the mock, then it goes through; anywhere else, msw fails it", async () => {
    expect((await fetch(`${github.url}/api/v3/users/octocat`)).status).toBe(200);
    const error: unknown = await fetch("https://github.com/login/device").catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    // Let through, it would fail here too, but with a DNS error as the cause.
    expect(String((error as TypeError).cause)).toContain('"error" strategy');
  });
});

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const FROM_SOURCE = {
  cwd: PACKAGE_DIR,
  command: [process.execPath, "--import", "tsx", "src/cli.ts"],
};
/** The README's way to run it: the built command, through npm, from the repository root. */
const AS_DOCUMENTED = { cwd: REPO_ROOT, command: ["npm", "exec", "--", "latchkey-device-login"] };

/**
 * Runs the CLI (from source, as `node --import tsx src/cli.ts`, unless told otherwise) with only
 * the given variables.
 */
function runCli(env: Record<string, string>, { cwd, command } = FROM_SOURCE) {
  const [file = "", ...args] = command;
  const child = spawn(file, args, {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  const prompt = new Promise<{ url: string; userCode: string }>((resolve) => {
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      const match = PROMPT.exec(stderr);
      if (match?.[1] && match[2]) resolve({ url: match[1], userCode: match[2] });
    });
  });
  const exit = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
  return { child, prompt, exit };
}

/** The person's choice on the mock's page, as the browser's form submission sends it. */
function decide(userCode: string, choice: { login: string } | { cancel: "1" }) {
  return fetch(`${github.url}/login/device`, {
    method: "POST",
    body: new URLSearchParams({ user_code: userCode, ...choice }),
    redirect: "manual",
  });
}

describe("latchkey-device-login", () => {
  it(
    "when the person approves as octocat, then it prints octocat's user as JSON and exits 0",
    async () => {
      const run = runCli({ GITHUB_URL: github.url });
      const { url, userCode } = await run.prompt;
      expect(url).toBe(`${github.url}/login/device`);
      expect((await decide(userCode, { login: "octocat" })).status).toBe(302);
      const { code, stdout, stderr } = await run.exit;
      expect(stderr).toContain(`Open ${github.url}/login/device and enter ${userCode}`);
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toEqual({
        provider: "github",
        id: "583231",
        login: "octocat",
        name: "The Octocat",
        email: "octocat@github.com",
        avatarUrl: `${github.url}/avatars/u/583231?v=4`,
        profileUrl: `${github.url}/octocat`,
      });
      expect(stdout).not.toMatch(/gho_/);
    },
    TIMEOUT,
  );

  it(
    "when it is run as the README says, then stdout is the user's JSON alone, with no banner from npm",
    async () => {
      const run = runCli({ GITHUB_URL: github.url }, AS_DOCUMENTED);
      const { userCode } = await run.prompt;
      await decide(userCode, { login: "octocat" });
      const { code, stdout } = await run.exit;
      expect(code).toBe(0);
      expect(JSON.parse(stdout)).toMatchObject({ provider: "github", login: "octocat" });
    },
    TIMEOUT,
  );

  it(
    "when the person cancels, then it says access was denied and exits 1 with nothing on stdout",
    async () => {
      const run = runCli({ GITHUB_URL: github.url, GITHUB_SCOPES: "read:user" });
      const { userCode } = await run.prompt;
      await decide(userCode, { cancel: "1" });
      const { code, stdout, stderr } = await run.exit;
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr).toContain("Sign-in cancelled: access was denied in the browser.");
    },
    TIMEOUT,
  );

  it(
    "when Ctrl-C is pressed while it waits, then it stops polling and exits 130",
    async () => {
      const run = runCli({ GITHUB_URL: github.url });
      await run.prompt;
      run.child.kill("SIGINT");
      const { code, stderr } = await run.exit;
      expect(code).toBe(130);
      expect(stderr).toContain("Cancelled.");
    },
    TIMEOUT,
  );

  it.each([
    [
      "the client id is unknown to GitHub",
      { GITHUB_CLIENT_ID: "no-such-app" },
      'GitHub does not know the client id "no-such-app": check GITHUB_CLIENT_ID.',
    ],
    [
      "GITHUB_URL is not a URL",
      { GITHUB_URL: "github.com" },
      'Configuration: GITHUB_URL must be an http(s) URL, got "github.com"',
    ],
  ])(
    "when %s, then it says so in one line and exits 1",
    async (_, env, message) => {
      const { code, stdout, stderr } = await runCli({ GITHUB_URL: github.url, ...env }).exit;
      expect(code).toBe(1);
      expect(stdout).toBe("");
      expect(stderr.trim()).toBe(message);
    },
    TIMEOUT,
  );
});
