// oauth-core's own OpenID Connect client against the mock, end to end over msw: discovery,
// the sign-in page, the iss check, the code exchange (id_token checked by oauth4webapi
// against the JWKS), userinfo, refresh and revocation.
import {
  AuthorizationError,
  callbackChecksFor,
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  type OidcOptions,
  oidc,
  ProviderError,
  parseCallback,
  ResponseError,
  refreshTokens,
  revokeToken,
} from "@latchkey/oauth-core";
import { describe, expect, it } from "vitest";
import { MOCK_OIDC_CLIENT_ID, MOCK_OIDC_CLIENT_SECRET } from "../src/index.js";
import { useMockGitHub } from "./helpers.js";

// Loopback, the only place oauth-core accepts a plain-http issuer; msw answers, nothing listens.
const BASE = "http://localhost:4999";
const REDIRECT_URI = "http://localhost:3000/auth/google/callback";
// The real clock: oauth4webapi checks iat and exp against it.
const { mock } = useMockGitHub({ baseUrl: BASE, now: Date.now });

function google(options: Partial<OidcOptions> = {}) {
  return oidc({
    id: "google",
    name: "Google",
    issuer: mock.oidcIssuer,
    clientId: MOCK_OIDC_CLIENT_ID,
    clientSecret: MOCK_OIDC_CLIENT_SECRET,
    ...options,
  });
}

/** What the browser does: load the page, press a button, follow the redirect back. */
async function consent(url: URL, button: Record<string, string>): Promise<URLSearchParams> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(">Continue as monalisa</button>");
  const decision = await fetch(`${url.origin}${url.pathname}`, {
    method: "POST",
    body: new URLSearchParams({ ...Object.fromEntries(url.searchParams), ...button }),
    redirect: "manual",
  });
  expect(decision.status).toBe(302);
  return new URL(decision.headers.get("location") ?? "").searchParams;
}

describe("oauth-core's oidc() against the mock", () => {
  it.each(["client_secret_basic", "client_secret_post"] as const)(
    "when the whole flow runs with %s, then every step passes oauth-core's checks",
    async (clientAuth) => {
      const provider = await google({ clientAuth });
      const request = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
      const callback = await consent(request.url, { login: "monalisa" });

      const checks = callbackChecksFor(provider);
      expect(checks).toEqual({ expectedIssuer: `${BASE}/oidc`, requireIssuer: true });
      const { code } = parseCallback(callback, { expectedState: request.state, ...checks });

      const tokens = await exchangeCode(provider, {
        code,
        redirectUri: REDIRECT_URI,
        codeVerifier: request.codeVerifier,
        nonce: request.nonce,
      });
      expect(tokens).toMatchObject({
        tokenType: "bearer",
        scopes: ["openid", "profile", "email"],
        expiresAt: expect.any(Number),
        refreshToken: expect.stringMatching(/^mrt_/),
      });
      expect(tokens.idTokenClaims).toMatchObject({
        iss: `${BASE}/oidc`,
        sub: "2154",
        aud: MOCK_OIDC_CLIENT_ID,
        nonce: request.nonce,
        email: "mona@example.com",
        email_verified: true,
      });

      const { user } = await fetchUser(provider, tokens.accessToken, {
        expectedSubject: String(tokens.idTokenClaims?.sub),
      });
      expect(user).toEqual({
        provider: "google",
        id: "2154",
        login: "monalisa",
        name: "Mona Lisa Octocat",
        email: "mona@example.com",
        avatarUrl: `${BASE}/avatars/u/2154?v=4`,
        profileUrl: null,
      });

      const refreshed = await refreshTokens(provider, tokens.refreshToken ?? "");
      expect(refreshed.refreshToken).not.toBe(tokens.refreshToken);
      expect(refreshed.idTokenClaims?.sub).toBe("2154");
      await expect(refreshTokens(provider, tokens.refreshToken ?? "")).rejects.toThrow(
        ProviderError,
      );

      await revokeToken(provider, refreshed.accessToken);
      await expect(fetchUser(provider, refreshed.accessToken)).rejects.toThrow(ResponseError);
    },
  );

  it("when the user presses Cancel, then parseCallback throws access_denied after checking iss", async () => {
    const provider = await google();
    const request = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
    const callback = await consent(request.url, { cancel: "1" });
    const checks = callbackChecksFor(provider);
    const error = (() => {
      try {
        parseCallback(callback, { expectedState: request.state, ...checks });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AuthorizationError);
    expect(error).toMatchObject({ error: "access_denied" });
  });

  it("when the client secret is wrong, then the code exchange fails with an error, not tokens", async () => {
    const provider = await google({ clientSecret: "wrong", clientAuth: "client_secret_post" });
    const request = await createAuthorizationRequest(provider, { redirectUri: REDIRECT_URI });
    const callback = await consent(request.url, { login: "monalisa" });
    const { code } = parseCallback(callback, {
      expectedState: request.state,
      ...callbackChecksFor(provider),
    });
    await expect(
      exchangeCode(provider, {
        code,
        redirectUri: REDIRECT_URI,
        codeVerifier: request.codeVerifier,
        nonce: request.nonce,
      }),
    ).rejects.toMatchObject({ error: "invalid_client", status: 401 });
  });
});
