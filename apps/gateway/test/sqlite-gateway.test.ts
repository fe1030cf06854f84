import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";
import { developmentEnv, freePort, startGatewayProcess, tempDataDir } from "./support/process.js";
import { breakDatabase } from "./support/sqlite.js";

useMockGitHub();

describe("the gateway on its embedded store", () => {
  it("when the database file breaks under a running gateway, then signed-in routes answer 503 JSON, sign-out still clears the cookie, and /healthz and sign-in pages still answer", async () => {
    const dataDir = tempDataDir();
    const gateway = await startGateway({ STORE: "sqlite", DATA_DIR: dataDir });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn();
    expect((await browser.get("/api/me")).status).toBe(200);

    breakDatabase(join(dataDir, "latchkey.db"));
    for (const path of ["/api/me", "/api/github/user"]) {
      const response = await browser.get(path, { "x-csrf": "1" });
      expect(response.status, path).toBe(503);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await response.json()).toMatchObject({ error: "store_unavailable" });
    }
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${gateway.url}/readyz`)).status).toBe(503);
    // The rate limiter counts in memory meanwhile instead of refusing every sign-in.
    expect((await fetch(`${gateway.url}/auth/providers`)).status).toBe(200);
    const logout = await browser.post("/auth/logout", { "x-csrf": "1" });
    expect(logout.status).toBe(503);
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it("when DATA_DIR cannot be created, then the process stops at start with one line naming it, and no stack", async () => {
    const parent = tempDataDir();
    writeFileSync(join(parent, "not-a-folder"), "");
    const dataDir = join(parent, "not-a-folder", "data");
    const server = startGatewayProcess(
      developmentEnv(await freePort(), githubBase(), { DATA_DIR: dataDir }),
    );
    expect(await server.exited).toBe(1);
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.includes("DATA_DIR"));
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(`^DATA_DIR: cannot open the store at ${dataDir}/latchkey\\.db: .+`),
      ),
    ]);
    expect(server.output()).not.toMatch(/^\s+at /m);
  }, 20_000);
});
