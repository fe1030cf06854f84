import { request } from "node:http";
import { sealData } from "iron-session";
import { afterEach, expect } from "vitest";
import type { AppDeps } from "../../src/app.js";
import { parseSetCookie, TestBrowser } from "../support/browser.js";
import { startGateway, TEST_SECRET, type TestGateway } from "../support/gateway.js";
import { useMockGitHub } from "../support/network.js";

export const CSRF = { "x-csrf": "1" } as const;
export const TOKEN_PATH = "/login/oauth/access_token";
export const USER_PATH = "/api/v3/user";
export const EMAILS_PATH = "/api/v3/user/emails";

/**
 * The harness every hostile file shares: the mock GitHub over real HTTP, gateways on real
 * ports, and after each test proof that every gateway it started still answers /healthz.
 * (Vitest runs after-hooks last-registered first, so this check runs before the gateways close.)
 */
export function useHostileHarness() {
  const github = useMockGitHub();
  const started: TestGateway[] = [];
  afterEach(async () => {
    for (const gateway of started.splice(0)) await expectAlive(gateway);
  });

  const gateway = async (env: Record<string, string> = {}, deps: AppDeps = {}) => {
    const started_ = await startGateway(env, deps);
    started.push(started_);
    return started_;
  };

  return {
    github,
    gateway,
    /** How many requests the mock GitHub answered on exactly this path. */
    calls: (path: string) => github.mock.requests.filter((r) => r.path === path).length,
    /** Requests to the REST API other than the sign-in's own /user and /user/emails. */
    apiCalls: () =>
      github.mock.requests.filter((r) => r.path.startsWith("/api/v3/")).map((r) => r.path),
    /** A gateway with octocat signed in, and the mock's request log emptied after the sign-in. */
    async signedIn(env: Record<string, string> = {}, deps: AppDeps = {}) {
      const started_ = await gateway(env, deps);
      const browser = new TestBrowser(started_.url);
      expect((await browser.signIn()).headers.get("location")).toBe("/restricted");
      github.mock.requests.length = 0;
      return { gateway: started_, browser, cookie: `latchkey.session=${browser.sessionCookie()}` };
    },
  };
}

export async function expectAlive(gateway: TestGateway): Promise<void> {
  const response = await fetch(`${gateway.url}/healthz`);
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: "ok" });
}

/** No Set-Cookie in this answer starts a session (clearing one is fine). */
export function expectNoSession(response: Response): void {
  const sessions = response.headers
    .getSetCookie()
    .map(parseSetCookie)
    .filter((c) => c.name.endsWith("latchkey.session") && c.value !== "");
  expect(sessions).toEqual([]);
}

/** The sign-in failed on our own origin, with exactly this code and no session. */
/**
 * A 302 to the login page naming `code`, carrying the checked `returnTo` the login began with
 * (none when the transaction could not be read, or when it was "/").
 */
export function expectLoginError(response: Response, code: string, returnTo?: string): void {
  expect(response.status).toBe(302);
  const query = new URLSearchParams({ error: code, ...(returnTo && { returnTo }) });
  expect(response.headers.get("location")).toBe(`/login?${query}`);
  expectNoSession(response);
}

/** The JSON error shape with exactly this status and code, and no session started. */
export async function expectJsonError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  const body = (await response.json()) as { error: string; message: string };
  expect(body.error).toBe(code);
  expect(typeof body.message).toBe("string");
  expectNoSession(response);
  return body;
}

/**
 * A request with the path sent byte for byte: fetch would normalize `..` and `\` before
 * the gateway ever saw them.
 */
export function rawRequest(
  baseUrl: string,
  path: string,
  headers: Record<string, string> = {},
  method = "GET",
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/`, { method, headers });
    req.path = path;
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of [value ?? []].flat()) out.append(name, v);
        }
        const body = chunks.length > 0 ? Buffer.concat(chunks) : null;
        resolve(new Response(body, { status: res.statusCode ?? 0, headers: out }));
      });
    });
    req.on("error", reject);
    req.end();
  });
}

export { rawExchange } from "../support/raw-http.js";

/** Seals anything with the gateway's own secret, as a bug elsewhere or a leaked key could. */
export function sealWithTestSecret(
  data: object,
  secrets: Record<string, string> = { 1: TEST_SECRET },
) {
  return sealData(data, { password: secrets, ttl: 3600 });
}
