import { describe, expect, it } from "vitest";
import { TestBrowser } from "../support/browser.js";
import { githubBase } from "../support/network.js";
import { TOKEN_PATH, useHostileHarness } from "./support.js";

const { gateway, calls } = useHostileHarness();

/** Signs octocat in from a raw login query string and returns the callback's answer. */
async function signInWithQuery(browser: TestBrowser, query: string): Promise<Response> {
  const login = await browser.get(`/auth/github/login?${query}`);
  expect(login.status).toBe(302);
  const authorize = new URL(login.headers.get("location") ?? "");
  expect(authorize.origin).toBe(githubBase());
  return browser.get(await browser.consent(authorize, { login: "octocat" }));
}

/** The login succeeded, exactly once, and its last redirect is exactly `location`. */
function expectSignedInTo(browser: TestBrowser, response: Response, location: string): void {
  expect(response.status).toBe(302);
  expect(response.headers.get("location")).toBe(location);
  expect(browser.sessionCookie()).toBeDefined();
  expect(calls(TOKEN_PATH)).toBe(1);
}

describe("returnTo (open redirect, A9)", () => {
  it.each([
    ["https://evil.example", "/"],
    ["//evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/%2f%2fevil.example", "/"],
    ["/%2F/evil.example", "/"],
    ["/%5cevil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["data:text/html,x", "/"],
    ["", "/"],
    [`/${"x".repeat(10 * 1024)}`, "/"],
    ["https:evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    [" //evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["///evil.example", "/"],
    ["http://127.0.0.1:1/x", "/"],
    ["//%65vil.example", "/"],
    ["restricted", "/"],
    // Dot segments that collapse to an empty first segment make "//host": the path the
    // browser is sent to must be checked after resolving, not only before.
    ["/.//evil.example", "/"],
    ["/..//evil.example", "/"],
    ["/a/..//evil.example", "/"],
    ["/%2e//evil.example", "/"],
    // These only look like another host: they stay same-origin paths.
    ["/%09/evil.example", "/%09/evil.example"],
    ["/repos?next=//evil.example", "/repos?next=//evil.example"],
    // Back to the login page right after signing in would be a loop.
    ["/login?returnTo=//evil.example", "/"],
    ["/ｅvil", "/%EF%BD%85vil"],
  ])(
    "when sign-in starts with returnTo %j, then it ends exactly on %j of the app's own origin",
    async (returnTo, expected) => {
      const browser = new TestBrowser((await gateway()).url);
      expectSignedInTo(browser, await browser.signIn("octocat", returnTo), expected);
    },
  );

  it("when the raw query carries a tab as %09 (/\\t/evil.example once decoded), then it ends on /", async () => {
    const browser = new TestBrowser((await gateway()).url);
    expectSignedInTo(browser, await signInWithQuery(browser, "returnTo=/%09/evil.example"), "/");
  });

  it("when returnTo is given twice, then it falls back to / rather than picking one", async () => {
    const browser = new TestBrowser((await gateway()).url);
    const response = await signInWithQuery(browser, "returnTo=/a&returnTo=//evil.example");
    expectSignedInTo(browser, response, "/");
  });

  it("when returnTo is a nested object (returnTo[x]=…), then it falls back to /", async () => {
    const browser = new TestBrowser((await gateway()).url);
    const response = await signInWithQuery(browser, "returnTo[href]=//evil.example");
    expectSignedInTo(browser, response, "/");
  });

  it("when a good returnTo is given, then the query and hash survive the round trip", async () => {
    const browser = new TestBrowser((await gateway()).url);
    const response = await browser.signIn("octocat", "/repos?page=2&sort=name#top");
    expectSignedInTo(browser, response, "/repos?page=2&sort=name#top");
  });
});
