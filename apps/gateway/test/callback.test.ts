import { delay, HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { parseSetCookie, TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const github = useMockGitHub();
const { use } = github;
const tokenUrl = () => `${githubBase()}/login/oauth/access_token`;

const tokenCalls = () =>
  github.mock.requests.filter((r) => r.path === "/login/oauth/access_token").length;

async function callbackPath(browser: TestBrowser, returnTo = "/restricted") {
  const authorize = await browser.startLogin(returnTo);
  return { authorize, path: await browser.consent(authorize, { login: "octocat" }) };
}

describe("GET /auth/github/callback", () => {
  it("when the user approves, then a new session starts and the browser returns to returnTo", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const response = await browser.signIn("octocat", "/repos?page=2");

    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/repos?page=2");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const cookies = response.headers.getSetCookie().map(parseSetCookie);
    const session = cookies.find((c) => c.name === "latchkey.session");
    const tx = cookies.find((c) => c.name === "latchkey.tx");
    expect(session?.attributes).toMatchObject({ httponly: true, samesite: "Lax", path: "/" });
    expect(tx?.attributes["max-age"]).toBe("0");
    expect(await response.text()).toBe("");
    expect(tokenCalls()).toBe(1);
  });

  it("when octocat signs in, then /api/me answers octocat's normalized profile", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const me = await browser.get("/api/me");
    expect(me.status).toBe(200);
    const body = (await me.json()) as { user: Record<string, unknown> };
    expect(body.user).toMatchObject({
      provider: "github",
      id: "583231",
      login: "octocat",
      name: "The Octocat",
      email: "octocat@github.com",
    });
  });

  it("when the same browser signs in again, then it gets a brand-new session", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    await browser.signIn("octocat");
    const first = browser.sessionCookie();
    await browser.signIn("hubot");
    expect(browser.sessionCookie()).not.toBe(first);
    const me = (await (await browser.get("/api/me")).json()) as { user: { login: string } };
    expect(me.user.login).toBe("hubot");
  });

  it("when there is no transaction cookie, then it fails as transaction_missing without calling GitHub", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const { path } = await callbackPath(browser);
    browser.cookies.clear();
    const response = await browser.get(path);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/login?error=transaction_missing");
    expect(tokenCalls()).toBe(0);
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it.each([
    ["missing", (p: URLSearchParams) => p.delete("state")],
    ["empty", (p: URLSearchParams) => p.set("state", "")],
    ["different", (p: URLSearchParams) => p.set("state", "A".repeat(43))],
  ])(
    "when the state is %s, then it fails as state_mismatch without calling GitHub",
    async (_label, change) => {
      const gateway = await startGateway();
      const browser = new TestBrowser(gateway.url);
      const { path } = await callbackPath(browser);
      const url = new URL(path, gateway.url);
      change(url.searchParams);
      const response = await browser.get(`${url.pathname}?${url.searchParams}`);
      expect(response.headers.get("location")).toBe("/login?error=state_mismatch");
      expect(tokenCalls()).toBe(0);
      expect(browser.sessionCookie()).toBeUndefined();
      // Single use: the transaction is gone even though the attempt failed.
      expect(browser.cookies.has("latchkey.tx")).toBe(false);
    },
  );

  it("when a callback URL that already succeeded is replayed, then no second session is made", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const { path } = await callbackPath(browser);
    const txCookie = browser.cookies.get("latchkey.tx") ?? "";
    expect((await browser.get(path)).headers.get("location")).toBe("/restricted");

    const attacker = new TestBrowser(gateway.url);
    attacker.cookies.set("latchkey.tx", txCookie);
    const replay = await attacker.get(path);
    // Replaying with the old transaction cookie reaches GitHub, which refuses the used code.
    expect(replay.headers.get("location")).toBe("/login?error=provider_error");
    expect(attacker.sessionCookie()).toBeUndefined();

    const sameBrowser = await browser.get(path);
    expect(sameBrowser.headers.get("location")).toBe("/login?error=transaction_missing");
  });

  it("when the transaction is older than 10 minutes, then it fails as transaction_expired", async () => {
    let now = Date.now();
    const gateway = await startGateway({}, { now: () => now });
    const browser = new TestBrowser(gateway.url);
    const { path } = await callbackPath(browser);
    now += 10 * 60 * 1000 + 1;
    const response = await browser.get(path);
    expect(response.headers.get("location")).toBe("/login?error=transaction_expired");
    expect(tokenCalls()).toBe(0);
  });

  it("when the user cancels with a valid state, then it is access_denied and the transaction is cleared", async () => {
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const authorize = await browser.startLogin("/restricted");
    const path = await browser.consent(authorize, "cancel");
    const response = await browser.get(path);
    expect(response.headers.get("location")).toBe("/login?error=access_denied");
    expect(browser.cookies.has("latchkey.tx")).toBe(false);
    expect(browser.sessionCookie()).toBeUndefined();
    expect(tokenCalls()).toBe(0);
  });

  it.each(["access_token", "id_token", "token"])(
    "when the callback carries %s, then it is refused as invalid_callback",
    async (param) => {
      const gateway = await startGateway();
      const browser = new TestBrowser(gateway.url);
      const { path } = await callbackPath(browser);
      const response = await browser.get(`${path}&${param}=injected`);
      expect(response.headers.get("location")).toBe("/login?error=invalid_callback");
      expect(tokenCalls()).toBe(0);
    },
  );

  it("when GitHub answers the token request with an error body and HTTP 200, then it is provider_error", async () => {
    use(
      http.post(tokenUrl(), () =>
        HttpResponse.json({ error: "bad_verification_code", error_description: "<b>nope</b>" }),
      ),
    );
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const response = await browser.signIn();
    expect(response.headers.get("location")).toBe("/login?error=provider_error");
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it.each([
    [
      "HTML instead of JSON",
      "invalid_response",
      () => new HttpResponse("<html>oops</html>", { headers: { "content-type": "text/html" } }),
    ],
    ["no access_token", "invalid_response", () => HttpResponse.json({ token_type: "bearer" })],
    ["a 5xx", "invalid_response", () => new HttpResponse("down", { status: 503 })],
    ["a reset connection", "network_error", () => HttpResponse.error()],
  ])(
    "when the token endpoint answers %s, then the login fails closed as %s",
    async (_label, code, answer) => {
      use(http.post(tokenUrl(), answer));
      const gateway = await startGateway();
      const browser = new TestBrowser(gateway.url);
      const response = await browser.signIn();
      expect(response.status).toBe(302);
      expect(response.headers.get("location")).toBe(`/login?error=${code}`);
      expect(browser.sessionCookie()).toBeUndefined();
    },
  );

  it("when the token endpoint hangs past the timeout, then the login fails as timeout in time", async () => {
    use(
      http.post(tokenUrl(), async () => {
        await delay("infinite");
        return HttpResponse.json({});
      }),
    );
    const gateway = await startGateway({ PROVIDER_TIMEOUT_MS: "200" });
    const browser = new TestBrowser(gateway.url);
    const response = await browser.signIn();
    expect(response.headers.get("location")).toBe("/login?error=timeout");
  });

  it("when the user endpoint fails, then no session is made", async () => {
    use(http.get(`${githubBase()}/api/v3/user`, () => new HttpResponse(null, { status: 500 })));
    const gateway = await startGateway();
    const browser = new TestBrowser(gateway.url);
    const response = await browser.signIn();
    expect(response.headers.get("location")).toBe("/login?error=invalid_response");
    expect(browser.sessionCookie()).toBeUndefined();
  });

  it("when the code is exchanged, then the token request is made exactly once even when it fails", async () => {
    let calls = 0;
    use(
      http.post(tokenUrl(), () => {
        calls += 1;
        return new HttpResponse("busy", { status: 502 });
      }),
    );
    const gateway = await startGateway();
    await new TestBrowser(gateway.url).signIn();
    expect(calls).toBe(1);
  });
});
