import fc from "fast-check";
import { sealData, unsealData } from "iron-session";
import { describe, expect, it } from "vitest";
import { safeReturnTo } from "../src/auth/return-to.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";

useMockGitHub();

const ORIGIN = "https://app.example";

/** Pieces attackers combine: schemes, slashes in every spelling, whitespace browsers strip. */
const trickyPiece = fc.constantFrom(
  "/",
  "//",
  "\\",
  "/\\",
  "%2f",
  "%2F",
  "%5c",
  "%5C",
  "%252f",
  "%09",
  "\t",
  "\n",
  "\r",
  " ",
  "\u0000",
  "\u3000",
  "\uff0f",
  "https:",
  "http:",
  "javascript:",
  "data:",
  "evil.example",
  "@evil.example",
  ":443",
  "..",
  ".",
  "?",
  "#",
  "&",
  "=",
  "%",
  "%%",
  "%E0%A4%A",
);
const attackerString = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 60 }),
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.array(trickyPiece, { maxLength: 8 }).map((parts) => parts.join("")),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.tuple(fc.array(trickyPiece, { maxLength: 4 }), fc.webPath()).map(([a, b]) => a.join("") + b),
);

/** What a browser does with a relative Location: resolve it against the page's URL. */
function landsOnOrigin(location: string): boolean {
  // Browsers drop tabs and newlines inside URLs before parsing them.
  const cleaned = location.replace(/[\t\n\r]/g, "");
  return new URL(cleaned, `${ORIGIN}/auth/github/callback`).origin === ORIGIN;
}

describe("fuzzing", () => {
  it("when returnTo is anything at all, then the result is a path on our origin", () => {
    fc.assert(
      fc.property(attackerString, (input) => {
        const result = safeReturnTo(input);
        expect(result.startsWith("/")).toBe(true);
        expect(result.startsWith("//")).toBe(false);
        // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must not survive
        expect(result).not.toMatch(/[\\\u0000-\u001f\u007f]/);
        expect(landsOnOrigin(result)).toBe(true);
      }),
      { numRuns: 20_000 },
    );
  });

  it("when the login starts with any returnTo, then it always redirects to GitHub, never a 5xx", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "100000" });
    await fc.assert(
      fc.asyncProperty(attackerString, async (returnTo) => {
        const response = await fetch(
          `${gateway.url}/auth/github/login?returnTo=${encodeURIComponent(returnTo)}`,
          { redirect: "manual" },
        );
        expect(response.status).toBe(302);
        expect(new URL(response.headers.get("location") ?? "").pathname).toBe(
          "/login/oauth/authorize",
        );
      }),
      { numRuns: 1_000 },
    );
  }, 120_000);

  it("when the callback gets any query and a transaction with any returnTo, then it redirects on our origin, never a 5xx", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "100000" });
    const state = "s".repeat(43);
    const queryEntry = fc.tuple(
      fc.oneof(
        fc.constantFrom("code", "state", "error", "error_description", "iss", "access_token"),
        fc.string({ maxLength: 12 }),
      ),
      fc.oneof(fc.constant(state), attackerString),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(queryEntry, { maxLength: 6 }),
        attackerString,
        async (entries, returnTo) => {
          const tx = await sealData(
            {
              provider: "github",
              state,
              codeVerifier: "v".repeat(43),
              returnTo,
              createdAt: Date.now(),
            },
            { password: { 1: TEST_SECRET }, ttl: 900 },
          );
          const query = entries
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join("&");
          const response = await fetch(`${gateway.url}/auth/github/callback?${query}`, {
            headers: { cookie: `latchkey.tx=${tx}` },
            redirect: "manual",
          });
          expect(response.status).toBe(302);
          const location = response.headers.get("location") ?? "";
          expect(landsOnOrigin(location)).toBe(true);
          // No session can come out of a random callback: the mock never issued these codes.
          expect(
            response.headers.getSetCookie().some((c) => c.startsWith("latchkey.session=F")),
          ).toBe(false);
        },
      ),
      { numRuns: 1_000 },
    );
  }, 120_000);

  it("when a successful sign-in's transaction holds any returnTo, then the final redirect stays on our origin", async () => {
    const gateway = await startGateway({ AUTH_RATE_LIMIT_MAX: "100000" });
    await fc.assert(
      fc.asyncProperty(attackerString, async (returnTo) => {
        const browser = new TestBrowser(gateway.url);
        const authorize = await browser.startLogin("/");
        // Rewrite the real transaction's returnTo with the server's own secret, as if the
        // check at login time had been bypassed: the check before the redirect must hold.
        const tx = await unsealData<Record<string, unknown>>(
          browser.cookies.get("latchkey.tx") ?? "",
          {
            password: { 1: TEST_SECRET },
            ttl: 900,
          },
        );
        browser.cookies.set(
          "latchkey.tx",
          await sealData({ ...tx, returnTo }, { password: { 1: TEST_SECRET }, ttl: 900 }),
        );
        const response = await browser.get(await browser.consent(authorize, { login: "octocat" }));
        expect(response.status).toBe(302);
        expect(browser.sessionCookie()).toBeDefined();
        expect(landsOnOrigin(response.headers.get("location") ?? "")).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 120_000);
});
