import { type MockGitHubServer, seedClients, startMockGitHubServer } from "@latchkey/mock-github";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { useMockGitHub } from "./support/network.js";
import { freePort, startGatewayProcess, waitForHealth } from "./support/process.js";
import { useRedisServer } from "./support/redis.js";

// The network is closed except loopback; this file runs its own mock with a client whose
// tokens live barely past the refresh margin, so a real-time wait makes them due.
useMockGitHub();
const redis = useRedisServer();
const SHORT_LIVED = {
  clientId: "short-lived-client-id",
  clientSecret: "short-lived-client-secret",
};
const CSRF = { "x-csrf": "1" };
let mock: MockGitHubServer;

beforeAll(async () => {
  mock = await startMockGitHubServer({
    port: 0,
    clients: [
      ...seedClients,
      {
        ...SHORT_LIVED,
        name: "Short-lived tokens",
        expiringTokens: true,
        tokenLifetimeSeconds: 62,
      },
    ],
  });
});
afterAll(async () => {
  await mock.close();
});

/** Two gateway processes sharing nothing but their secrets and one Redis. */
async function twoGateways() {
  const [portA, portB] = [await freePort(), await freePort()];
  const common = {
    NODE_ENV: "development",
    HOST: "127.0.0.1",
    SESSION_SECRET: "shared-secret-of-the-whole-fleet-0123456789",
    REDIS_URL: redis.url,
    GITHUB_CLIENT_ID: SHORT_LIVED.clientId,
    GITHUB_CLIENT_SECRET: SHORT_LIVED.clientSecret,
    GITHUB_URL: mock.url,
    LOG_FORMAT: "json",
    LOG_LEVEL: "warn",
  };
  const urls = [`http://127.0.0.1:${portA}`, `http://127.0.0.1:${portB}`] as const;
  const processes = [portA, portB].map((port, i) =>
    startGatewayProcess({ ...common, PORT: String(port), PUBLIC_URL: urls[i] ?? "" }),
  );
  await Promise.all(urls.map((url) => waitForHealth(`${url}/readyz`)));
  const a = new TestBrowser(urls[0]);
  expect((await a.signIn("octocat")).headers.get("location")).toBe("/restricted");
  const b = new TestBrowser(urls[1]);
  b.cookies.set("latchkey.session", a.sessionCookie() ?? "");
  return { a, b, processes };
}

const refreshes = () =>
  mock.mock.requests.filter((r) => r.method === "POST" && r.path === "/login/oauth/access_token")
    .length;

describe("several gateway processes with one Redis", () => {
  it("when a session is made on A, then B honours it", async () => {
    const { b } = await twoGateways();
    const me = await b.get("/api/me");
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { login: string } }).user.login).toBe("octocat");
  }, 30_000);

  it("when the user logs out on B, then A refuses the old cookie", async () => {
    const { a, b } = await twoGateways();
    const copy = a.sessionCookie() ?? "";
    expect((await b.post("/auth/logout", CSRF)).status).toBe(204);
    a.cookies.set("latchkey.session", copy);
    expect((await a.get("/api/me")).status).toBe(401);
    expect((await a.get("/api/github/user", CSRF)).status).toBe(401);
  }, 30_000);

  it("when requests on A and B both need a refresh at once, then exactly one refresh happens", async () => {
    const { a, b } = await twoGateways();
    const signInRequests = refreshes();
    // The token expires 62 s after sign-in; it is renewed 60 s early: due in about 2 s.
    await new Promise((r) => setTimeout(r, 2_500));
    const answers = await Promise.all([
      ...Array.from({ length: 4 }, () => a.get("/api/github/user", CSRF)),
      ...Array.from({ length: 4 }, () => b.get("/api/github/user", CSRF)),
    ]);
    expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(refreshes() - signInRequests).toBe(1);
  }, 30_000);
});
