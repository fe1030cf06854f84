import type { MockGitHub } from "@latchkey/mock-github";
import { afterEach, beforeEach, vi } from "vitest";

/** The mock's GitHub-App-style client: user tokens expire after 8 hours and come with a refresh token. */
export const EXPIRING_APP = {
  GITHUB_CLIENT_ID: "mock-app-client-id",
  GITHUB_CLIENT_SECRET: "mock-app-client-secret",
  SESSION_IDLE_TIMEOUT_SECONDS: String(24 * 3600),
};

/** Token requests the mock has seen (after sign-in, each is a refresh). */
export function tokenRequests(mock: MockGitHub): number {
  return mock.requests.filter((r) => r.method === "POST" && r.path === "/login/oauth/access_token")
    .length;
}

/**
 * One clock for everything in this process — gateways, oauth-core's expiry arithmetic and
 * the mock — moved by faking Date only (timers stay real, so HTTP and Redis keep working).
 */
export function useFakeDate() {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  return {
    advance(ms: number) {
      vi.setSystemTime(Date.now() + ms);
    },
  };
}
