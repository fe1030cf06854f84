import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const packageDir = fileURLToPath(new URL("..", import.meta.url));

const manifest = z.object({
  dependencies: z.record(z.string(), z.string()),
  devDependencies: z.record(z.string(), z.string()).optional(),
});

/** Runs `code` as an ES module in the gateway's folder, as `npm start`'s process would. */
function run(code: string): Promise<{ status: number | null; output: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  return new Promise((resolve) => child.on("exit", (status) => resolve({ status, output })));
}

describe("LOG_FORMAT=pretty", () => {
  it("when the gateway is installed without dev dependencies, then pino-pretty is still there", () => {
    const { dependencies, devDependencies } = manifest.parse(
      JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")),
    );
    expect(dependencies["pino-pretty"]).toBeDefined();
    expect(devDependencies?.["pino-pretty"]).toBeUndefined();
    // pino's worker loads the transport by name, from where the logger was made.
    const fromLogger = createRequire(new URL("../src/http/logger.ts", import.meta.url));
    expect(fromLogger.resolve("pino-pretty")).toMatch(/[/\\]pino-pretty[/\\]/);
  });

  it("when a logger is made from LOG_FORMAT=pretty, then it writes a human-readable line", async () => {
    const { status, output } = await run(`
      import { loadConfig } from "./src/config.ts";
      import { createLogger } from "./src/http/logger.ts";
      const config = loadConfig({ NODE_ENV: "production", LOG_FORMAT: "pretty", LOG_LEVEL: "info",
        SESSION_SECRET: "Vb7Qm2Xk9Tz4Lw1Rn8Ps5Hd3Jg6Fc0Ya2Ue7Ko", PUBLIC_URL: "https://app.example.com",
        GITHUB_CLIENT_ID: "id", GITHUB_CLIENT_SECRET: "secret" });
      createLogger(config.logLevel, config.logFormat).info({ reqId: "r-1" }, "pretty hello");
    `);
    expect(status).toBe(0);
    expect(output).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: pretty hello \{"reqId":"r-1"\}$/m);
    expect(output).not.toContain('"level":30');
  }, 20_000);
});
