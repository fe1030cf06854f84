import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ExampleProcess,
  loopbackOnly,
  startQuietServer,
  TestBrowser,
} from "@latchkey/example-shared/test-support";
import { type MockGitHubServer, startMockGitHubServer } from "@latchkey/mock-github";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { quickStartBlock } from "./support/readme.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const README = fileURLToPath(new URL("../../../packages/oauth-core/README.md", import.meta.url));
// Inside this package, so hono, @hono/node-server and @latchkey/oauth-core resolve as they
// would for a reader who installed them; the name is git-ignored (see .gitignore).
const FILE = join(PACKAGE_DIR, `.quick-start-${process.pid}.ts`);
const TIMEOUT = 20_000;

const network = setupServer();
let github: MockGitHubServer;
let server: ExampleProcess;

beforeAll(async () => {
  network.listen({ onUnhandledFrame: loopbackOnly });
  writeFileSync(FILE, quickStartBlock(README));
  github = await startMockGitHubServer({ port: 0 });
  server = await startQuietServer(PACKAGE_DIR, FILE, {
    GITHUB_URL: github.url,
    GITHUB_CLIENT_ID: "mock-client-id",
    GITHUB_CLIENT_SECRET: "mock-client-secret",
  });
}, TIMEOUT);
afterAll(async () => {
  await server?.stop();
  rmSync(FILE, { force: true });
  await github?.close();
  network.close();
});

describe("the quick start in packages/oauth-core/README.md", () => {
  it(
    "when octocat signs in through the mock, then it says Hello, octocat",
    async () => {
      const browser = new TestBrowser(server.url);
      const { authorizeUrl } = await browser.startLogin();
      expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(`${server.url}/callback`);
      const { page } = await browser.signIn({ login: "octocat" });
      expect(page.status).toBe(200);
      expect(page.body).toBe("Hello, octocat");
      expect(browser.cookies.has("oauth_state")).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "when the callback comes without the state cookie, then it is a 400 in plain text, not a 500",
    async () => {
      const attacker = new TestBrowser(server.url);
      const { authorizeUrl } = await attacker.startLogin();
      const callbackUrl = await attacker.consent(authorizeUrl, { login: "hubot" });

      const page = await new TestBrowser(server.url).get(callbackUrl);
      expect(page.status).toBe(400);
      expect(page.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(page.body).toBe("No sign-in under way here: start again at /login");
    },
    TIMEOUT,
  );

  it(
    "when the person cancels at the consent page, then it is a 400 naming the error, not a 500",
    async () => {
      const browser = new TestBrowser(server.url);
      const { page } = await browser.signIn("cancel");
      expect(page.status).toBe(400);
      expect(page.body).toBe("Sign-in failed: authorization_error");
      // Cleared on the error page too: the login is over either way.
      expect(browser.cookies.has("oauth_state")).toBe(false);
    },
    TIMEOUT,
  );

  it(
    "when the same callback URL is opened again, then it is a 400 and the code went to GitHub once",
    async () => {
      const browser = new TestBrowser(server.url);
      const { callbackUrl, page } = await browser.signIn();
      expect(page.body).toBe("Hello, octocat");
      const before = github.mock.requests.filter((r) => r.path === "/login/oauth/access_token");
      const replay = await browser.get(callbackUrl);
      expect(replay.status).toBe(400);
      const after = github.mock.requests.filter((r) => r.path === "/login/oauth/access_token");
      expect(after).toHaveLength(before.length);
      expect(server.output()).toBe("");
    },
    TIMEOUT,
  );
});
