import { providers as catalogue, github as githubProvider } from "@latchkey/oauth-core";
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app.js";
import { providerSlot } from "../../src/auth/providers.js";
import { TestBrowser } from "../support/browser.js";
import { githubBase } from "../support/network.js";
import {
  expectJsonError,
  expectLoginError,
  sealWithTestSecret,
  TOKEN_PATH,
  useHostileHarness,
} from "./support.js";

const { gateway, calls } = useHostileHarness();

/** A browser whose login is at GitHub's consent step, and the callback URL GitHub sent back. */
async function approved(env: Record<string, string> = {}, deps: AppDeps = {}) {
  const started = await gateway(env, deps);
  const browser = new TestBrowser(started.url);
  const authorize = await browser.startLogin("/restricted");
  const path = await browser.consent(authorize, { login: "octocat" });
  const url = new URL(path, started.url);
  return { gateway: started, browser, url, path, tx: browser.cookies.get("latchkey.tx") ?? "" };
}

/** `url` with its query edited; the query is rebuilt raw so repeated keys survive. */
function edited(url: URL, edit: (params: URLSearchParams) => void): string {
  const params = new URLSearchParams(url.search);
  edit(params);
  return `${url.pathname}?${params}`;
}

/** Failed before the token endpoint, with the transaction gone (single use). */
function expectRefusedEarly(
  browser: TestBrowser,
  response: Response,
  code: string,
  returnTo?: string,
): void {
  expectLoginError(response, code, returnTo);
  expect(calls(TOKEN_PATH)).toBe(0);
  expect(browser.cookies.has("latchkey.tx")).toBe(false);
  expect(browser.sessionCookie()).toBeUndefined();
}

describe("GET /auth/:provider/callback with hostile input", () => {
  it("when there is no transaction cookie, then it is transaction_missing and GitHub is not asked", async () => {
    const { browser, path } = await approved();
    browser.cookies.clear();
    expectRefusedEarly(browser, await browser.get(path), "transaction_missing");
  });

  it.each([
    ["state is missing", "state_mismatch", (p: URLSearchParams) => p.delete("state")],
    ["state is empty", "state_mismatch", (p: URLSearchParams) => p.set("state", "")],
    [
      "state is different",
      "state_mismatch",
      (p: URLSearchParams) => p.set("state", "A".repeat(43)),
    ],
    [
      "state is given twice",
      "invalid_callback",
      (p: URLSearchParams) => p.append("state", p.get("state") ?? ""),
    ],
    ["code is missing", "invalid_callback", (p: URLSearchParams) => p.delete("code")],
    ["code is given twice", "invalid_callback", (p: URLSearchParams) => p.append("code", "second")],
    [
      "the callback carries access_token",
      "invalid_callback",
      (p: URLSearchParams) => p.set("access_token", "x"),
    ],
    [
      "the callback carries id_token",
      "invalid_callback",
      (p: URLSearchParams) => p.set("id_token", "x"),
    ],
    ["the callback carries token", "invalid_callback", (p: URLSearchParams) => p.set("token", "x")],
    [
      "error=access_denied comes with a wrong state",
      "state_mismatch",
      (p: URLSearchParams) => {
        p.delete("code");
        p.set("error", "access_denied");
        p.set("state", "A".repeat(43));
      },
    ],
  ])("when the %s, then it fails as %s and GitHub is not asked", async (_label, code, edit) => {
    const { browser, url } = await approved();
    expectRefusedEarly(browser, await browser.get(edited(url, edit)), code, "/restricted");
  });

  it("when the user cancels with a valid state, then it is access_denied and the transaction is cleared", async () => {
    const started = await gateway();
    const browser = new TestBrowser(started.url);
    const path = await browser.consent(await browser.startLogin(), "cancel");
    expectRefusedEarly(browser, await browser.get(path), "access_denied");
  });

  it("when the user cancels a sign-in begun on /repos?page=2, then the login page keeps that returnTo", async () => {
    const started = await gateway();
    const browser = new TestBrowser(started.url);
    const path = await browser.consent(await browser.startLogin("/repos?page=2"), "cancel");
    expectRefusedEarly(browser, await browser.get(path), "access_denied", "/repos?page=2");
  });

  it("when the transaction's returnTo was forged to another site, then the error redirect carries none", async () => {
    const { browser, url } = await approved();
    const forged = await sealWithTestSecret({
      provider: "github",
      state: url.searchParams.get("state"),
      codeVerifier: "v".repeat(43),
      returnTo: "//evil.example/x",
      createdAt: Date.now(),
    });
    browser.cookies.set("latchkey.tx", forged);
    const wrongState = edited(url, (p) => p.set("state", "A".repeat(43)));
    expectRefusedEarly(browser, await browser.get(wrongState), "state_mismatch");
  });

  it("when the transaction cookie comes from another login, then it is state_mismatch", async () => {
    const { browser, path, gateway: started } = await approved();
    const other = new TestBrowser(started.url);
    await other.startLogin();
    browser.cookies.set("latchkey.tx", other.cookies.get("latchkey.tx") ?? "");
    expectRefusedEarly(browser, await browser.get(path), "state_mismatch");
  });

  it.each([
    [
      "has one byte flipped",
      (tx: string) => `${tx.slice(0, 30)}${tx[30] === "A" ? "B" : "A"}${tx.slice(31)}`,
    ],
    ["is truncated", (tx: string) => tx.slice(0, -12)],
    ["is garbage", () => "Fe26.2*1*garbage"],
  ])("when the transaction cookie %s, then it is transaction_missing", async (_label, mangle) => {
    const { browser, path, tx } = await approved();
    browser.cookies.set("latchkey.tx", mangle(tx));
    expectRefusedEarly(browser, await browser.get(path), "transaction_missing");
  });

  it("when the transaction cookie is sealed with another secret, then it is transaction_missing", async () => {
    const { browser, url, path } = await approved();
    const forged = await sealWithTestSecret(
      {
        provider: "github",
        state: url.searchParams.get("state"),
        codeVerifier: "v".repeat(43),
        returnTo: "/",
        createdAt: Date.now(),
      },
      { 1: "another-secret-that-is-at-least-32-characters" },
    );
    browser.cookies.set("latchkey.tx", forged);
    expectRefusedEarly(browser, await browser.get(path), "transaction_missing");
  });

  it("when a session cookie's seal is sent as the transaction, then its wrong shape makes it transaction_missing", async () => {
    const { browser, path } = await approved();
    const session = await sealWithTestSecret({ v: 2, sid: "s".repeat(22), provider: "github" });
    browser.cookies.set("latchkey.tx", session);
    expectRefusedEarly(browser, await browser.get(path), "transaction_missing");
  });

  it("when the transaction is older than 10 minutes, then it is transaction_expired", async () => {
    let now = Date.now();
    const { browser, path } = await approved({}, { now: () => now });
    now += 10 * 60 * 1000 + 1;
    expectRefusedEarly(browser, await browser.get(path), "transaction_expired", "/restricted");
  });

  it("when a GitHub transaction comes back on another provider's callback path, then it is state_mismatch (A5)", async () => {
    const base = githubProvider({
      clientId: "mock-client-id",
      clientSecret: "mock-client-secret",
      url: githubBase(),
    });
    const definition = catalogue.github;
    if (!definition) throw new Error("the catalogue has no GitHub");
    const slot = (id: string, settings: Record<string, string>) =>
      providerSlot({ id, settings, access: {} }, definition, () => Promise.resolve(base));
    const providers = new Map([
      ["github", slot("github", { url: githubBase() })],
      ["other", slot("other", { name: "Other" })],
    ]);
    const { browser, path } = await approved({}, { providers });
    const response = await browser.get(path.replace("/auth/github/", "/auth/other/"));
    expectRefusedEarly(browser, response, "state_mismatch", "/restricted");
  });

  it("when a callback that already succeeded is replayed in the same browser, then it is transaction_missing", async () => {
    const { browser, path } = await approved();
    expect((await browser.get(path)).headers.get("location")).toBe("/restricted");
    const session = browser.sessionCookie();
    const replay = await browser.get(path);
    expectLoginError(replay, "transaction_missing");
    expect(calls(TOKEN_PATH)).toBe(1);
    expect(browser.sessionCookie()).toBe(session);
  });

  it("when a callback that already succeeded is replayed with the old transaction cookie, then it is transaction_used and GitHub is not asked again", async () => {
    const { gateway: started, path, browser, tx } = await approved();
    expect((await browser.get(path)).headers.get("location")).toBe("/restricted");
    const attacker = new TestBrowser(started.url);
    attacker.cookies.set("latchkey.tx", tx);
    expectLoginError(await attacker.get(path), "transaction_used", "/restricted");
    expect(calls(TOKEN_PATH)).toBe(1);
    expect(attacker.sessionCookie()).toBeUndefined();
  });

  it("when a failed callback's transaction cookie is replayed with a fresh code, then it is transaction_used and GitHub is not asked", async () => {
    const { gateway: started, browser, url, tx } = await approved();
    const wrongState = edited(url, (p) => p.set("state", "A".repeat(43)));
    expectRefusedEarly(browser, await browser.get(wrongState), "state_mismatch", "/restricted");
    const attacker = new TestBrowser(started.url);
    attacker.cookies.set("latchkey.tx", tx);
    expectRefusedEarly(
      attacker,
      await attacker.get(url.pathname + url.search),
      "transaction_used",
      "/restricted",
    );
  });

  it("when two callbacks with one transaction arrive at once, then exactly one reaches GitHub", async () => {
    const { gateway: started, path, tx } = await approved();
    const browsers = [new TestBrowser(started.url), new TestBrowser(started.url)];
    for (const b of browsers) b.cookies.set("latchkey.tx", tx);
    const answers = await Promise.all(browsers.map((b) => b.get(path)));
    const locations = answers.map((a) => a.headers.get("location")).sort();
    expect(locations).toEqual([
      "/login?error=transaction_used&returnTo=%2Frestricted",
      "/restricted",
    ]);
    expect(calls(TOKEN_PATH)).toBe(1);
  });

  it("when the code is 10 KB long, then GitHub refuses it once and no session is made", async () => {
    const { browser, url } = await approved();
    const response = await browser.get(edited(url, (p) => p.set("code", "c".repeat(10 * 1024))));
    expectLoginError(response, "provider_error", "/restricted");
    expect(calls(TOKEN_PATH)).toBe(1);
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it("when the callback names an unknown provider, then it is a 404 JSON unknown_provider", async () => {
    const { browser, url } = await approved();
    const response = await browser.get(`/auth/nope/callback${url.search}`);
    const body = await expectJsonError(response, 404, "unknown_provider");
    expect(body.message).toBe('No sign-in provider "nope".');
    expect(calls(TOKEN_PATH)).toBe(0);
  });
});
