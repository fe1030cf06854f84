import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import { MAX_SET_COOKIE_BYTES } from "../src/session/sealed-cookie.js";
import { createSessionCookie, newSession } from "../src/session/session.js";
import { createMemoryStores } from "../src/stores/memory.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway, TEST_SECRET } from "./support/gateway.js";
import { githubBase, useMockGitHub } from "./support/network.js";

const github = useMockGitHub();

/** Captures Set-Cookie headers the way a ServerResponse would carry them. */
function fakeResponse() {
  const headers = new Map<string, unknown>();
  return {
    getHeader: (name: string) => headers.get(name),
    setHeader: (name: string, value: unknown) => headers.set(name, value),
    cookies: () => (headers.get("set-cookie") as string[] | undefined) ?? [],
  };
}

describe("cookie size (B3)", () => {
  it("when the largest realistic session is sealed, then its Set-Cookie stays within 4096 bytes", async () => {
    // GitHub's limits: login 39 chars, name 255, email 254; an avatar URL with a long query;
    // a GitHub App user token with a refresh token (both ~40 chars today, allowed to grow);
    // every scope GitHub has. __Host- name and every attribute included.
    const cookie = createSessionCookie({
      secrets: { 2: "n".repeat(64), 1: TEST_SECRET },
      absoluteTimeoutSeconds: 7 * 24 * 3600,
      secure: true,
    });
    const session = newSession(
      "github",
      {
        provider: "github",
        id: "9".repeat(20),
        login: "l".repeat(39),
        name: "N".repeat(255),
        email: `${"e".repeat(64)}@${"d".repeat(185)}.com`,
        avatarUrl: `https://avatars.githubusercontent.com/u/${"9".repeat(20)}?v=4&s=460`,
        profileUrl: `https://github.com/${"l".repeat(39)}`,
      },
      {
        accessToken: `ghu_${"A".repeat(251)}`,
        tokenType: "bearer",
        scopes: [
          "repo",
          "read:org",
          "read:user",
          "user:email",
          "gist",
          "notifications",
          "workflow",
          "admin:repo_hook",
        ],
        expiresAt: Date.now() + 8 * 3600_000,
        refreshToken: `ghr_${"R".repeat(251)}`,
        refreshTokenExpiresAt: Date.now() + 180 * 24 * 3600_000,
      },
      7 * 24 * 3600,
      Date.now(),
    );
    const res = fakeResponse();
    await cookie.write(res as never, session);
    const [header] = res.cookies();
    expect(header?.startsWith("__Host-latchkey.session=")).toBe(true);
    expect(Buffer.byteLength(header ?? "")).toBeLessThanOrEqual(MAX_SET_COOKIE_BYTES);
  });

  it("when a session would not fit in a cookie and SESSION_STORAGE=cookie, then the login fails clearly and no cookie is set", async () => {
    const stores = createMemoryStores({ userCacheTtlSeconds: 60 });
    const gateway = await startGateway({ SESSION_STORAGE: "cookie" }, { stores });
    const browser = new TestBrowser(gateway.url);
    const authorize = await browser.startLogin("/restricted");
    const callback = await browser.consent(authorize, { login: "octocat" });
    github.use(
      http.get(`${githubBase()}/api/v3/user`, () =>
        HttpResponse.json({ id: 1, login: "octocat", name: "N".repeat(6000), email: "a@b.c" }),
      ),
    );
    const response = await browser.get(callback);
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(
      "/login?error=session_too_large&returnTo=%2Frestricted",
    );
    expect(browser.sessionCookie()).toBeUndefined();
    // Never started, so never listed among octocat's sessions.
    expect(await stores.sessions.forUser("github", "1")).toEqual([]);
    for (const raw of response.headers.getSetCookie()) {
      expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(MAX_SET_COOKIE_BYTES);
    }
  });
});
