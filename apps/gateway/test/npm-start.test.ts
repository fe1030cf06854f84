import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** `npm start` from the repository root, as the README says to run it, to its end. */
function npmStart(env: Record<string, string>) {
  const child = spawn("npm", ["start"], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm start", () => {
  it("when the configuration is wrong, then the gateway's problem lines are all it prints and it exits 1", async () => {
    const { code, stdout, stderr } = await npmStart({ NODE_ENV: "production" });
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split("\n");
    expect(lines[0]).toBe("Invalid configuration:");
    expect(lines).toContainEqual(
      expect.stringMatching(/^ {2}- SESSION_SECRET: required in production/),
    );
    // Nothing from turbo or npm about a failed task: only the list of problems.
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}- [A-Z_]+: /);
    // stdout holds npm's own banner (`> start`, the command) and nothing else.
    const printed = stdout.split("\n").filter((line) => line.trim() !== "");
    for (const line of printed) expect(line).toMatch(/^> /);
  }, 180_000);
});
