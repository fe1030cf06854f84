import { type MockGitHubServer, startMockGitHubServer } from "@latchkey/mock-github";
import { setupServer } from "msw/node";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loopbackOnly } from "./closed-network.js";
import { type ExampleProcess, type PackageDir, startExample, stopExamples } from "./process.js";

export interface ChromiumJourneyOptions {
  /** Names the suite in the report, e.g. "examples/hono". */
  name: string;
  /** The example's folder: its `src/server.ts` runs from source, as a child process. */
  dir: PackageDir;
}

const APP = { GITHUB_CLIENT_ID: "mock-client-id", GITHUB_CLIENT_SECRET: "mock-client-secret" };
const REVOKE_PATH = "/api/v3/applications/mock-client-id/token";
const TIMEOUT = 30_000;

/**
 * Debian's Chromium (never a downloaded build), kept from calling out to the internet and
 * able to run as root. A real browser decides what Origin and Referer a form post carries
 * from the page's headers, which a scripted client never does.
 */
function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * The whole visit in Chromium, by clicks: the example's page, the mock GitHub's consent page,
 * signed in, signed out, and the old session cookie worth nothing afterwards.
 */
export function describeChromiumJourney({ name, dir }: ChromiumJourneyOptions): void {
  describe(`${name} in Chromium`, () => {
    // The test's own requests stay on loopback; Chromium only ever opens the two servers.
    const network = setupServer();
    let github: MockGitHubServer;
    let example: ExampleProcess;
    let browser: Browser;

    beforeAll(async () => {
      network.listen({ onUnhandledFrame: loopbackOnly });
      github = await startMockGitHubServer({ port: 0 });
      example = await startExample(dir, { GITHUB_URL: github.url, ...APP });
      browser = await launchChromium();
    }, TIMEOUT);
    afterAll(async () => {
      await browser?.close();
      await stopExamples();
      await github?.close();
      network.close();
    });

    it(
      "when octocat signs in and clicks Sign out, then the page says signed out and the old session is dead",
      async () => {
        const context = await browser.newContext();
        try {
          const page = await context.newPage();
          await page.goto(`${example.url}/`);
          await page.getByRole("link", { name: "Sign in with GitHub" }).click();
          await page.getByRole("button", { name: "Continue as octocat" }).click();
          await expect.poll(() => page.url()).toBe(`${example.url}/`);
          expect(await page.locator("body").textContent()).toContain("Signed in as octocat");
          const cookies = await context.cookies(example.url);
          const sessionId = cookies.find((cookie) => cookie.name === "session")?.value;
          expect(sessionId).toBeTruthy();

          const signOut = page.waitForResponse((r) => new URL(r.url()).pathname === "/logout");
          await page.getByRole("button", { name: "Sign out" }).click();
          expect((await signOut).status()).toBe(303);
          await page.waitForLoadState();
          expect(page.url()).toBe(`${example.url}/`);
          const body = await page.locator("body").textContent();
          expect(body).toContain("You are not signed in.");
          expect(body).not.toContain("Signed in as");
          expect(await context.cookies(example.url)).toEqual([]);
          expect(
            github.mock.requests.filter((r) => r.method === "DELETE" && r.path === REVOKE_PATH),
          ).toHaveLength(1);

          // The cookie as it was, replayed: the session is gone server-side.
          const replay = await fetch(`${example.url}/`, {
            headers: { cookie: `session=${sessionId}` },
          });
          const html = await replay.text();
          expect(html).toContain("You are not signed in.");
          expect(html).not.toContain("Signed in as");
        } finally {
          await context.close();
        }
      },
      TIMEOUT,
    );
  });
}
