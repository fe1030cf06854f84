import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { githubBase, useMockGitHub } from "./support/network.js";
import {
  developmentEnv,
  freePort,
  type GatewayProcess,
  startGatewayProcess,
  tempDataDir,
  waitForHealth,
} from "./support/process.js";

useMockGitHub();

/** A development gateway process with its embedded store in `dataDir`, once it answers. */
async function gatewayOn(dataDir: string): Promise<{ url: string; process: GatewayProcess }> {
  const port = await freePort();
  const process = startGatewayProcess(developmentEnv(port, githubBase(), { DATA_DIR: dataDir }));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(`${url}/healthz`);
  return { url, process };
}

/** A browser at `url` holding a copy of another's session cookie. */
function replaying(url: string, cookie: string): TestBrowser {
  const browser = new TestBrowser(url);
  browser.cookies.set("latchkey.session", cookie);
  return browser;
}

describe("a single gateway restarted on the same data folder", () => {
  it.each(["SIGTERM", "SIGKILL"] as const)(
    "when a signed-out session's cookie is replayed after a %s and a restart, then it is refused, while a session not signed out carries on",
    async (signal) => {
      const dataDir = tempDataDir();
      const first = await gatewayOn(dataDir);
      const leaving = new TestBrowser(first.url);
      const staying = new TestBrowser(first.url);
      expect((await leaving.signIn()).headers.get("location")).toBe("/restricted");
      expect((await staying.signIn()).headers.get("location")).toBe("/restricted");
      const signedOut = leaving.sessionCookie() ?? "";
      const kept = staying.sessionCookie() ?? "";
      expect((await leaving.post("/auth/logout", { "x-csrf": "1" })).status).toBe(204);
      expect((await replaying(first.url, signedOut).get("/api/me")).status).toBe(401);

      first.process.child.kill(signal);
      await first.process.exited;

      const second = await gatewayOn(dataDir);
      await expect.poll(() => second.process.output()).toContain('"msg":"stores: sqlite"');
      expect(second.process.output()).toContain(`${dataDir}/latchkey.db`);
      // node:sqlite is stable on the project's Node: nothing to hide, nothing printed.
      expect(second.process.output()).not.toMatch(/ExperimentalWarning|experimental feature/i);
      const replayed = await replaying(second.url, signedOut).get("/api/me");
      expect(replayed.status).toBe(401);
      expect(await replayed.json()).toMatchObject({ error: "unauthenticated" });
      const carriedOn = await replaying(second.url, kept).get("/api/me");
      expect(carriedOn.status).toBe(200);
      expect(await carriedOn.json()).toMatchObject({ user: { login: "octocat" } });
      second.process.child.kill("SIGTERM");
      expect(await second.process.exited).toBe(0);
    },
    60_000,
  );
});
