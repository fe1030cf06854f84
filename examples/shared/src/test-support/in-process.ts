import { expect } from "vitest";
import { type Config, loadConfig } from "../config.js";
import { LOGIN_COOKIE } from "../names.js";

/**
 * For tests that call an example's app in-process: a GitHub nobody reaches, which is enough,
 * as building the authorization URL needs no request.
 */
export const IN_PROCESS_CONFIG: Config = loadConfig({
  GITHUB_URL: "http://github.test",
  GITHUB_CLIENT_ID: "mock-client-id",
  GITHUB_CLIENT_SECRET: "mock-client-secret",
});

/** What `/login` must answer under {@link IN_PROCESS_CONFIG}: off to GitHub, state and S256 PKCE. */
export function expectLoginRedirect(response: Response): void {
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get("location") ?? "");
  expect(location.origin + location.pathname).toBe("http://github.test/login/oauth/authorize");
  expect(location.searchParams.get("redirect_uri")).toBe("http://localhost:3000/callback");
  expect(location.searchParams.get("code_challenge_method")).toBe("S256");
  expect(response.headers.get("set-cookie")).toContain(
    `${LOGIN_COOKIE.name}=${location.searchParams.get("state")}`,
  );
}
