import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unsealData } from "iron-session";
import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { MAX_SET_COOKIE_BYTES } from "../src/session/sealed-cookie.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";
import { tempDataDir } from "./support/process.js";

const github = useMockGitHub();

const LONG_NAME = "N".repeat(6000);

/** The sealed session cookie, opened with the test secret. */
async function openCookie(browser: TestBrowser): Promise<Record<string, unknown>> {
  return unsealData<Record<string, unknown>>(browser.sessionCookie() ?? "", {
    password: { 1: TEST_SECRET },
    ttl: 0,
  });
}

/** Signs octocat in with a profile far too large for any cookie. */
async function signInLarge(browser: TestBrowser): Promise<Response> {
  const authorize = await browser.startLogin("/restricted");
  const callback = await browser.consent(authorize, { login: "octocat" });
  github.use(
    http.get(`${githubBase()}/api/v3/user`, () =>
      HttpResponse.json({ id: 1, login: "octocat", name: LONG_NAME, email: "a@b.c" }),
    ),
  );
  return browser.get(callback);
}

function clock() {
  const state = { now: Date.now() };
  return { state, now: () => state.now };
}

describe("sessions kept on the server", () => {
  it("when a session would not fit in a cookie, then it moves to the store and the cookie holds a sealed reference", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const response = await signInLarge(browser);
    expect(response.headers.get("location")).toBe("/restricted");
    for (const raw of response.headers.getSetCookie()) {
      expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(MAX_SET_COOKIE_BYTES);
    }
    const reference = await openCookie(browser);
    expect(Object.keys(reference).sort()).toEqual(["expiresAt", "sid", "v"]);
    expect(reference.v).toBe(3);
    const me = await browser.get("/api/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { login: "octocat", name: LONG_NAME } });
    // Its token is used server-side as any session's is.
    const repos = await browser.get("/api/github/user/repos", { "X-CSRF": "1" });
    expect(repos.status).toBe(200);
  });

  it("when SESSION_STORAGE=server, then even a small session's cookie holds only the reference", async () => {
    const gateway = await startGateway({ SESSION_STORAGE: "server" });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const reference = await openCookie(browser);
    expect(reference).not.toHaveProperty("token");
    expect(reference).not.toHaveProperty("user");
    expect((await browser.get("/api/me")).status).toBe(200);
  });

  it("when a server-side session signs out, then a copy of its cookie is refused", async () => {
    const gateway = await startGateway({ SESSION_STORAGE: "server" });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const copy = new TestBrowser(gateway.url);
    copy.cookies.set("latchkey.session", browser.sessionCookie() ?? "");
    expect((await browser.post("/auth/logout", { "X-CSRF": "1" })).status).toBe(204);
    expect(browser.sessionCookie()).toBeUndefined();
    expect((await copy.get("/api/me")).status).toBe(401);
  });

  it("when a server-side session goes idle, then it ends like a cookie session, and use keeps it alive", async () => {
    const time = clock();
    const gateway = await startGateway(
      { SESSION_STORAGE: "server", SESSION_IDLE_TIMEOUT_SECONDS: "3600" },
      { now: time.now },
    );
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const cookie = browser.sessionCookie();
    time.state.now += 3_000_000;
    expect((await browser.get("/api/me")).status).toBe(200);
    // The idle clock moved in the store: the cookie did not need to change.
    expect(browser.sessionCookie()).toBe(cookie);
    time.state.now += 3_000_000;
    expect((await browser.get("/api/me")).status).toBe(200);
    time.state.now += 3_600_001;
    expect((await browser.get("/api/me")).status).toBe(401);
  });

  it("when the embedded store holds a session, then the file has no readable token or profile, and a restart keeps it", async () => {
    const dataDir = tempDataDir();
    const env = { STORE: "sqlite", DATA_DIR: dataDir, SESSION_STORAGE: "server" };
    const first = await startGateway(env);
    const browser = new TestBrowser(first.url);
    await browser.signIn("octocat");
    const sealed = browser.sessionCookie() ?? "";
    const files = readdirSync(dataDir).map((name) => readFileSync(join(dataDir, name), "latin1"));
    expect(files.join("")).not.toMatch(/gho_|octocat@github\.com|The Octocat/);
    await first.close();

    const second = await startGateway(env);
    const again = new TestBrowser(second.url);
    again.cookies.set("latchkey.session", sealed);
    const me = await again.get("/api/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ user: { login: "octocat" } });
  });

  it("when a reference is sealed with another secret or names no stored session, then it is refused", async () => {
    const gateway = await startGateway({ SESSION_STORAGE: "server" });
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const reference = await openCookie(browser);
    const { sealData } = await import("iron-session");
    const forged = new TestBrowser(gateway.url);
    forged.cookies.set(
      "latchkey.session",
      await sealData({ ...reference }, { password: { 1: "x".repeat(48) }, ttl: 3600 }),
    );
    expect((await forged.get("/api/me")).status).toBe(401);
    const unknown = new TestBrowser(gateway.url);
    unknown.cookies.set(
      "latchkey.session",
      await sealData(
        { ...reference, sid: "S".repeat(22) },
        { password: { 1: TEST_SECRET }, ttl: 3600 },
      ),
    );
    expect((await unknown.get("/api/me")).status).toBe(401);
  });
});
