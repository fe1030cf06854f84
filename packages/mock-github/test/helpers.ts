import { createHash, randomBytes } from "node:crypto";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import {
  createMockGitHub,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  type MockGitHubOptions,
} from "../src/index.js";

export const BASE = "http://github.test";
export const API = `${BASE}/api/v3`;
export const REDIRECT_URI = "http://localhost:3000/auth/github/callback";

/** A mock behind msw with a clock the test moves; the network is otherwise closed. */
export function useMockGitHub(options: Partial<MockGitHubOptions> = {}) {
  const clock = { now: Date.parse("2025-01-01T00:00:00Z") };
  const mock = createMockGitHub({ baseUrl: BASE, now: () => clock.now, ...options });
  const server = setupServer(...mock.handlers);
  beforeAll(() => server.listen({ onUnhandledFrame: "error" }));
  afterEach(() => {
    mock.reset();
    server.resetHandlers();
  });
  afterAll(() => server.close());
  return { mock, clock };
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

export function authorizeUrl(params: Record<string, string>, base = BASE): string {
  const url = new URL(`${base}/login/oauth/authorize`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** Presses a button on the authorize page, as the browser's form submission would. */
export function submitAuthorize(fields: Record<string, string>, base = BASE): Promise<Response> {
  return fetch(`${base}/login/oauth/authorize`, {
    method: "POST",
    body: new URLSearchParams({ client_id: MOCK_CLIENT_ID, redirect_uri: REDIRECT_URI, ...fields }),
    redirect: "manual",
  });
}

/** Runs the consent step and returns the code from the redirect. */
export async function authorizeCode(
  fields: Record<string, string> = {},
  base = BASE,
): Promise<string> {
  const response = await submitAuthorize(
    { login: "octocat", scope: "read:user user:email", ...fields },
    base,
  );
  const code = new URL(response.headers.get("location") ?? "").searchParams.get("code");
  if (!code) throw new Error(`no code in ${response.status} ${response.headers.get("location")}`);
  return code;
}

export function exchange(fields: Record<string, string>, base = BASE): Promise<Response> {
  return fetch(`${base}/login/oauth/access_token`, {
    method: "POST",
    headers: { accept: "application/json" },
    body: new URLSearchParams({
      client_id: MOCK_CLIENT_ID,
      client_secret: MOCK_CLIENT_SECRET,
      ...fields,
    }),
  });
}

export function api(path: string, token?: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (token) headers.set("authorization", `Bearer ${token}`);
  return fetch(`${API}${path}`, { ...init, headers });
}

// biome-ignore lint/suspicious/noExplicitAny: assertions read whatever fields the JSON has
export type Json = any;

/** Response.json() is `unknown` in Node's types; tests narrow it through expect(). */
export function json(response: Response): Promise<Json> {
  return response.json() as Promise<Json>;
}
