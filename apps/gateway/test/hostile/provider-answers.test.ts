import type { Fault, FaultTarget } from "@latchkey/mock-github";
import { describe, expect, it } from "vitest";
import { TestBrowser } from "../support/browser.js";
import {
  EMAILS_PATH,
  expectLoginError,
  TOKEN_PATH,
  USER_PATH,
  useHostileHarness,
} from "./support.js";

const { github, gateway, calls } = useHostileHarness();

/** PROVIDER_TIMEOUT_MS for the hangs; the other cases keep the default, so a busy machine cannot turn them into timeouts. */
const TIMEOUT_MS = 300;
/** Slower than the gateway waits, short enough that the mock's late answer is harmless. */
const SLOW: Fault = { kind: "slow", delayMs: 1_500 };

/**
 * The user-info reads are idempotent, so oauth-core may retry a reset or a 502/503/504 (D2: at
 * most three attempts, within the timeout); every other answer is final at once.
 */
function expectAttempts(path: string, fault: Fault): void {
  const retryable = fault.kind === "reset" || (fault.kind === "status" && fault.status >= 502);
  if (!retryable) expect(calls(path)).toBe(1);
  else expect([1, 2, 3]).toContain(calls(path));
}

/** GitHub's token errors come with HTTP 200; the body is what tells them apart. */
const tokenError = (fields: Record<string, string>): Fault => ({
  kind: "status",
  status: 200,
  body: JSON.stringify(fields),
});

/**
 * Signs `login` in with `fault` switched on for `target`; returns the callback's answer and
 * how long the gateway took to give it.
 */
async function signInThrough(target: FaultTarget, fault: Fault, login = "octocat") {
  const started = await gateway(
    fault.kind === "slow" ? { PROVIDER_TIMEOUT_MS: String(TIMEOUT_MS) } : {},
  );
  const browser = new TestBrowser(started.url);
  const callback = await browser.consent(await browser.startLogin("/restricted"), { login });
  github.mock.faults.set(target, fault);
  const startedAt = Date.now();
  const response = await browser.get(callback);
  return { browser, response, elapsed: Date.now() - startedAt };
}

/** Fails closed: the exact error redirect, no session, the code redeemed once and never again. */
function expectFailedClosed(run: Awaited<ReturnType<typeof signInThrough>>, code: string): void {
  expectLoginError(run.response, code, "/restricted");
  expect(run.browser.sessionCookie()).toBeUndefined();
  expect(run.browser.cookies.has("latchkey.tx")).toBe(false);
  expect(calls(TOKEN_PATH)).toBe(1);
  expect(run.elapsed).toBeLessThan(2_000);
}

describe("the token endpoint misbehaves", () => {
  it.each<[string, string, Fault]>([
    [
      "{error: bad_verification_code} with HTTP 200",
      "provider_error",
      tokenError({ error: "bad_verification_code" }),
    ],
    [
      "{error: incorrect_client_credentials} with HTTP 200",
      "provider_error",
      tokenError({ error: "incorrect_client_credentials" }),
    ],
    ["an HTML page instead of JSON", "invalid_response", { kind: "html" }],
    ["a 200 without access_token", "invalid_response", { kind: "missing-fields" }],
    ["truncated JSON", "invalid_response", { kind: "bad-json" }],
    ["HTTP 500", "invalid_response", { kind: "status", status: 500 }],
    ["HTTP 503", "invalid_response", { kind: "status", status: 503 }],
    ["an empty 204", "invalid_response", { kind: "status", status: 204 }],
    ["a reset connection", "network_error", { kind: "reset" }],
  ])("when it answers %s, then the login fails closed as %s", async (_label, code, fault) => {
    expectFailedClosed(await signInThrough("token", fault), code);
  });

  it("when it hangs past PROVIDER_TIMEOUT_MS, then the login fails as timeout well within 2 s", async () => {
    const run = await signInThrough("token", SLOW);
    expectFailedClosed(run, "timeout");
    expect(run.elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
  });

  it.each([
    ["markup", '<script>alert(1)</script><img src=x onerror="alert(2)">'],
    ["5 KB of text", "overflow ".repeat(512)],
    ["a newline and a header", "oops\r\nSet-Cookie: latchkey.session=forged"],
  ])(
    "when error_description holds %s, then the Location is exactly the fixed code, never reflected",
    async (_label, description) => {
      const run = await signInThrough(
        "token",
        tokenError({ error: "bad_verification_code", error_description: description }),
      );
      expectFailedClosed(run, "provider_error");
      expect(await run.response.text()).toBe("");
    },
  );
});

describe("the user-info endpoints misbehave", () => {
  // octocat's profile has a public email; monalisa's has none, so only hers asks /user/emails.
  it.each<[FaultTarget, string, string, Fault]>([
    ["user", "an HTML page", "invalid_response", { kind: "html" }],
    ["user", "a user without id and login", "invalid_response", { kind: "missing-fields" }],
    ["user", "truncated JSON", "invalid_response", { kind: "bad-json" }],
    ["user", "HTTP 500", "invalid_response", { kind: "status", status: 500 }],
    [
      "user",
      "HTTP 401 (the new token refused)",
      "invalid_response",
      { kind: "status", status: 401 },
    ],
    ["user", "HTTP 503", "invalid_response", { kind: "status", status: 503 }],
    ["user", "a reset connection", "network_error", { kind: "reset" }],
    ["user", "nothing before the timeout", "timeout", SLOW],
    ["emails", "HTTP 500 for monalisa", "invalid_response", { kind: "status", status: 500 }],
    [
      "emails",
      "entries without email for monalisa",
      "invalid_response",
      { kind: "missing-fields" },
    ],
    ["emails", "truncated JSON for monalisa", "invalid_response", { kind: "bad-json" }],
    ["emails", "a reset connection for monalisa", "network_error", { kind: "reset" }],
  ])(
    "when the %s endpoint answers %s, then the login fails closed as %s",
    async (target, _label, code, fault) => {
      const emails = target === "emails";
      const run = await signInThrough(target, fault, emails ? "monalisa" : "octocat");
      expectFailedClosed(run, code);
      expectAttempts(emails ? EMAILS_PATH : USER_PATH, fault);
      expect(calls(emails ? USER_PATH : EMAILS_PATH)).toBe(emails ? 1 : 0);
    },
  );

  it("when the emails endpoint is down for octocat, then it is never asked: the public email is enough", async () => {
    const run = await signInThrough("emails", { kind: "status", status: 500 });
    expect(run.response.headers.get("location")).toBe("/restricted");
    expect(calls(EMAILS_PATH)).toBe(0);
  });
});
