import { type MockGitHubServer, startMockGitHubServer } from "@latchkey/mock-github";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Page, TestBrowser } from "./browser.js";
import { loopbackOnly } from "./closed-network.js";
import {
  type ExampleProcess,
  type PackageDir,
  runExampleToExit,
  startExample,
  stopExamples,
} from "./process.js";
import { startTokenTap, type TokenTap } from "./token-tap.js";

export interface LoginSuiteOptions {
  /** Names the suite in the report, e.g. "examples/hono". */
  name: string;
  /** The example's folder: the suite runs its `src/server.ts` from source, as a child process. */
  dir: PackageDir;
  /**
   * The `Allow` of a 405 for the GET-only routes (/login, /callback). Default "GET"; Hono
   * answers HEAD with every GET route, and says so: "GET, HEAD".
   */
  allowForGetRoutes?: string;
}

const TOKEN_PATH = "/login/oauth/access_token";
const REVOKE_PATH = "/api/v3/applications/mock-client-id/token";
const APP = { GITHUB_CLIENT_ID: "mock-client-id", GITHUB_CLIENT_SECRET: "mock-client-secret" };
const TIMEOUT = 20_000;

/**
 * The example as a person uses it, over real HTTP: it runs as a child process against the
 * mock GitHub, and a cookie-keeping client signs in through the mock's consent form; last,
 * a missing setting must stop it at startup. Both examples promise the same behaviour, so
 * both call this, each with its own folder.
 */
export function describeLoginSuite({
  name,
  dir,
  allowForGetRoutes = "GET",
}: LoginSuiteOptions): void {
  describe(name, () => {
    // Loopback traffic (the mock, the example) passes; anything else would fail the test.
    const network = setupServer();
    let github: MockGitHubServer;
    let tap: TokenTap;
    let example: ExampleProcess;

    beforeAll(async () => {
      network.listen({ onUnhandledFrame: loopbackOnly });
      github = await startMockGitHubServer({ port: 0 });
      tap = await startTokenTap(github.url);
      example = await startExample(dir, { GITHUB_URL: tap.url, ...APP });
    }, TIMEOUT);
    afterEach(() => {
      github.mock.reset();
    });
    afterAll(async () => {
      await stopExamples();
      await tap?.close();
      await github?.close();
      network.close();
    });

    function calls(method: string, path: string): number {
      return github.mock.requests.filter((r) => r.method === method && r.path === path).length;
    }

    /** Asks the mock's API who a token belongs to: 200 while it works, 401 once revoked. */
    async function userStatus(token: string): Promise<number> {
      const response = await fetch(`${github.url}/api/v3/user`, {
        headers: { authorization: `Bearer ${token}` },
      });
      // Read, not cancelled: under msw's interception a cancelled body never settles.
      await response.text();
      return response.status;
    }

    describe("signing in and out", () => {
      it(
        "when octocat signs in, then / shows octocat, and the token never reaches the browser",
        async () => {
          const browser = new TestBrowser(example.url);
          expectSignedOut(await browser.get("/"));

          const { page: login, authorizeUrl } = await browser.startLogin();
          expect(authorizeUrl.origin + authorizeUrl.pathname).toBe(
            `${tap.url}/login/oauth/authorize`,
          );
          expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(`${example.url}/callback`);
          expect(authorizeUrl.searchParams.get("code_challenge_method")).toBe("S256");
          const state = authorizeUrl.searchParams.get("state");
          expect(login.setCookies).toEqual([
            {
              name: "login_state",
              value: state,
              attributes: { path: "/callback", httponly: true, samesite: "Lax", "max-age": "600" },
            },
          ]);

          const callbackUrl = await browser.consent(authorizeUrl, { login: "octocat" });
          const callback = await browser.get(callbackUrl);
          expect(callback.status).toBe(302);
          expect(callback.location?.href).toBe(`${example.url}/`);
          const session = callback.setCookies.find((cookie) => cookie.name === "session");
          // No Secure on plain http: the browser would drop it. An https PUBLIC_URL adds it.
          expect(session?.attributes).toEqual({ path: "/", httponly: true, samesite: "Lax" });
          expect(browser.cookies.has("login_state")).toBe(false);

          expectSignedIn(await browser.get("/"), "octocat");
          expect(calls("POST", TOKEN_PATH)).toBe(1);
          expect(tap.tokens).toHaveLength(1);
          const [token = "missing"] = tap.tokens.slice(-1);
          expect(browser.received.join("\n")).not.toContain(token);
        },
        TIMEOUT,
      );

      it(
        "when a signed-in person logs out, then the session ends and the token is revoked at the mock",
        async () => {
          const browser = new TestBrowser(example.url);
          await browser.signIn({ login: "monalisa" });
          expectSignedIn(await browser.get("/"), "monalisa");
          const token = tap.tokens.at(-1) ?? "missing";
          const sessionId = browser.cookies.get("session") ?? "missing";
          expect(await userStatus(token)).toBe(200);

          const logout = await browser.post("/logout");
          expect(logout.status).toBe(303);
          expect(logout.location?.href).toBe(`${example.url}/`);
          expect(browser.cookies.has("session")).toBe(false);
          expectSignedOut(await browser.get("/"));

          expect(calls("DELETE", REVOKE_PATH)).toBe(1);
          expect(await userStatus(token)).toBe(401);
          // The old cookie, kept by someone, is worth nothing: the session is gone server-side.
          expectSignedOut(await browser.get("/", { cookie: `session=${sessionId}` }));
        },
        TIMEOUT,
      );

      it(
        "when logout is posted from another site's page, then it is a 403 and the session survives",
        async () => {
          const browser = new TestBrowser(example.url);
          await browser.signIn();
          const logout = await browser.post("/logout", { origin: "https://evil.example" });
          expect(logout.status).toBe(403);
          expectSignedIn(await browser.get("/"), "octocat");
          expect(calls("DELETE", REVOKE_PATH)).toBe(0);
        },
        TIMEOUT,
      );

      it(
        "when logout comes with Origin: null (an opaque origin), then it is a 403 and the session survives",
        async () => {
          const browser = new TestBrowser(example.url);
          await browser.signIn();
          const logout = await browser.post("/logout", { origin: "null" });
          expect(logout.status).toBe(403);
          expectSignedIn(await browser.get("/"), "octocat");
          expect(calls("DELETE", REVOKE_PATH)).toBe(0);
        },
        TIMEOUT,
      );

      it(
        "when the browser says Sec-Fetch-Site: cross-site without an Origin, then it is a 403",
        async () => {
          const browser = new TestBrowser(example.url);
          await browser.signIn();
          const logout = await browser.post("/logout", { "sec-fetch-site": "cross-site" });
          expect(logout.status).toBe(403);
          expectSignedIn(await browser.get("/"), "octocat");
          expect(calls("DELETE", REVOKE_PATH)).toBe(0);
        },
        TIMEOUT,
      );

      it(
        "when a page is served, then its Referrer-Policy lets the sign-out form carry our Origin",
        async () => {
          const page = await new TestBrowser(example.url).get("/");
          // Under no-referrer a browser posts the form with Origin: null, which logout refuses.
          expect(page.headers.get("referrer-policy")).toBe("same-origin");
        },
        TIMEOUT,
      );

      it(
        "when someone signed out posts /logout, then it just lands on the signed-out page",
        async () => {
          const browser = new TestBrowser(example.url);
          const logout = await browser.post("/logout");
          expect(logout.status).toBe(303);
          expect(calls("DELETE", REVOKE_PATH)).toBe(0);
        },
        TIMEOUT,
      );
    });

    describe("cookies behind https", () => {
      it(
        "when PUBLIC_URL is https, then the cookies are Secure and the callback URL is on it",
        async () => {
          const secure = await startExample(dir, {
            PUBLIC_URL: "https://app.example.com",
            GITHUB_URL: tap.url,
            ...APP,
          });
          try {
            const { page, authorizeUrl } = await new TestBrowser(secure.url).startLogin();
            expect(authorizeUrl.searchParams.get("redirect_uri")).toBe(
              "https://app.example.com/callback",
            );
            expect(page.setCookies[0]?.attributes).toMatchObject({ secure: true, httponly: true });
          } finally {
            await secure.stop();
          }
        },
        TIMEOUT,
      );
    });

    describe("a callback that must be refused", () => {
      it(
        "when the person cancels at the consent page, then a friendly 403 page says so, signed out",
        async () => {
          const browser = new TestBrowser(example.url);
          const { callbackUrl, page } = await browser.signIn("cancel");
          expect(callbackUrl.searchParams.get("error")).toBe("access_denied");
          expect(page.status).toBe(403);
          expect(page.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8$/i);
          expect(page.body).toContain("Sign-in cancelled");
          expect(page.body).toContain('<a href="/login">');
          expect(browser.cookies.has("login_state")).toBe(false);
          expectSignedOut(await browser.get("/"));
          expect(calls("POST", TOKEN_PATH)).toBe(0);
        },
        TIMEOUT,
      );

      it(
        "when the callback's state is not the one this browser started, then it is a 400 and the code is never redeemed",
        async () => {
          const browser = new TestBrowser(example.url);
          const { authorizeUrl } = await browser.startLogin();
          const callbackUrl = await browser.consent(authorizeUrl, { login: "octocat" });
          callbackUrl.searchParams.set("state", "not-the-state-this-browser-was-given");
          const page = await browser.get(callbackUrl);
          expect(page.status).toBe(400);
          expect(page.body).toContain("Sign-in not recognised");
          expect(calls("POST", TOKEN_PATH)).toBe(0);
          expectSignedOut(await browser.get("/"));
        },
        TIMEOUT,
      );

      it(
        "when a forged error=access_denied comes with a wrong state, then it is a state mismatch (400), not a cancel",
        async () => {
          const browser = new TestBrowser(example.url);
          await browser.startLogin();
          const page = await browser.get("/callback?error=access_denied&state=forged");
          expect(page.status).toBe(400);
          expect(page.body).toContain("Sign-in not recognised");
        },
        TIMEOUT,
      );

      it(
        "when the callback URL is opened in a browser without the login cookie, then it is a 400 and the code is never redeemed",
        async () => {
          // The attacker's login, finished in the victim's browser (login CSRF).
          const attacker = new TestBrowser(example.url);
          const { authorizeUrl } = await attacker.startLogin();
          const callbackUrl = await attacker.consent(authorizeUrl, { login: "hubot" });

          const victim = new TestBrowser(example.url);
          const page = await victim.get(callbackUrl);
          expect(page.status).toBe(400);
          expect(page.body).toContain("No sign-in under way");
          expect(calls("POST", TOKEN_PATH)).toBe(0);
          expectSignedOut(await victim.get("/"));
        },
        TIMEOUT,
      );

      it(
        "when the same callback URL is opened again, then it is a 400, even with the old login cookie, and the code went to GitHub once",
        async () => {
          const browser = new TestBrowser(example.url);
          const { authorizeUrl } = await browser.startLogin();
          const loginCookie = browser.cookies.get("login_state") ?? "missing";
          const callbackUrl = await browser.consent(authorizeUrl, { login: "octocat" });
          expect((await browser.get(callbackUrl)).status).toBe(302);

          const replay = await browser.get(callbackUrl);
          expect(replay.status).toBe(400);
          expect(replay.body).toContain("No sign-in under way");
          const withCookie = await new TestBrowser(example.url).get(callbackUrl, {
            cookie: `login_state=${loginCookie}`,
          });
          expect(withCookie.status).toBe(400);
          expect(calls("POST", TOKEN_PATH)).toBe(1);
          // The first sign-in stands.
          expectSignedIn(await browser.get("/"), "octocat");
        },
        TIMEOUT,
      );

      it(
        "when GitHub's token endpoint is down, then the page says so with a 502, not a 500",
        async () => {
          github.mock.faults.set("token", { kind: "status", status: 503, times: 1 });
          const browser = new TestBrowser(example.url);
          const { page } = await browser.signIn();
          expect(page.status).toBe(502);
          expect(page.body).toContain("GitHub sign-in unavailable");
          // The operator learns why; the person only that it is GitHub's side.
          expect(example.output()).toContain("GET /callback: ResponseError (invalid_response)");
          expectSignedOut(await browser.get("/"));
        },
        TIMEOUT,
      );
    });

    describe("routing", () => {
      it.each([
        ["GET", "/nowhere", 404, undefined],
        ["GET", "/callback/extra", 404, undefined],
        ["POST", "/", 405, "GET, HEAD"],
        ["GET", "/logout", 405, "POST"],
        ["POST", "/login", 405, allowForGetRoutes],
        ["DELETE", "/callback", 405, allowForGetRoutes],
      ])(
        "when %s %s, then it answers %i",
        async (method, path, status, allow) => {
          const page = await new TestBrowser(example.url).request(path, { method });
          expect(page.status).toBe(status);
          expect(page.headers.get("allow") ?? undefined).toBe(allow);
          expect(page.headers.get("content-type")).toMatch(/^text\/html; charset=utf-8$/i);
        },
        TIMEOUT,
      );

      it(
        "when HEAD /, then it answers 200 with no body",
        async () => {
          const page = await new TestBrowser(example.url).request("/", { method: "HEAD" });
          expect(page.status).toBe(200);
          expect(page.body).toBe("");
        },
        TIMEOUT,
      );
    });

    describe("the server at startup", () => {
      it(
        "when the app's secret is missing, then it exits 1 before listening and names the variable",
        async () => {
          const { code, stdout, stderr } = await runExampleToExit(dir, {
            GITHUB_CLIENT_ID: "mock-client-id",
          });
          expect(code).toBe(1);
          expect(stdout).toBe("");
          expect(stderr.trim()).toBe("Configuration: GITHUB_CLIENT_SECRET is not set");
        },
        TIMEOUT,
      );
    });
  });
}

function expectSignedIn(page: Page, login: string) {
  expect(page.status).toBe(200);
  expect(page.body).toContain(`Signed in as <strong>${login}</strong>`);
  expect(page.body).toContain('<form method="post" action="/logout">');
}

function expectSignedOut(page: Page) {
  expect(page.status).toBe(200);
  expect(page.body).toContain('<a href="/login">Sign in with GitHub</a>');
  expect(page.body).not.toContain("Signed in as");
}
