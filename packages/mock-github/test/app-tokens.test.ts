import { describe, expect, it } from "vitest";
import {
  createMockGitHub,
  MOCK_APP_CLIENT_ID,
  MOCK_APP_CLIENT_SECRET,
  MOCK_CLIENT_ID,
  MOCK_CLIENT_SECRET,
  seedClients,
} from "../src/index.js";
import { API, api, authorizeCode, BASE, exchange, json, useMockGitHub } from "./helpers.js";

const SHORT = "short-app";
const { clock } = useMockGitHub({
  clients: [
    ...seedClients,
    {
      clientId: SHORT,
      clientSecret: "short-secret",
      expiringTokens: true,
      tokenLifetimeSeconds: 5,
      refreshTokenLifetimeSeconds: 60,
    },
  ],
});
const APP = { client_id: MOCK_APP_CLIENT_ID, client_secret: MOCK_APP_CLIENT_SECRET };
const HOUR = 3600 * 1000;

const BAD_REFRESH_TOKEN = {
  error: "bad_refresh_token",
  error_description: "The refresh token passed is incorrect or expired.",
  error_uri:
    "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-refresh-token",
};

/** The app's code flow: authorize, then exchange, as `credentials`' client. */
async function appTokens(credentials: Record<string, string> = APP) {
  const code = await authorizeCode({ client_id: credentials.client_id ?? "" });
  return json(await exchange({ ...credentials, code }));
}

const refresh = (refreshToken: string, credentials: Record<string, string> = APP) =>
  exchange({ ...credentials, grant_type: "refresh_token", refresh_token: refreshToken });

/** `/applications/:client_id/<path>`, as the app, about one of its tokens. */
const appEndpoint = (method: string, path: string, accessToken: string) =>
  fetch(`${API}/applications/${MOCK_APP_CLIENT_ID}/${path}`, {
    method,
    headers: {
      authorization: `Basic ${btoa(`${MOCK_APP_CLIENT_ID}:${MOCK_APP_CLIENT_SECRET}`)}`,
      "content-type": "application/json",
    },
    body: JSON.stringify({ access_token: accessToken }),
  });

describe("a GitHub App client (expiringTokens)", () => {
  it("when a code is exchanged, then it answers GitHub App's shape: ghu_, expires_in, ghr_, scope empty", async () => {
    const body = await appTokens();
    expect(body).toEqual({
      access_token: expect.stringMatching(/^ghu_[0-9A-Za-z]{36}$/),
      expires_in: 28800,
      refresh_token: expect.stringMatching(/^ghr_[0-9A-Za-z]{76}$/),
      refresh_token_expires_in: 15897600,
      token_type: "bearer",
      scope: "",
    });
    const user = await api("/user", body.access_token);
    expect(user.status).toBe(200);
    expect((await json(user)).login).toBe("octocat");
  });

  it("when answered form-encoded, then the lifetimes are fields like the rest", async () => {
    const code = await authorizeCode({ client_id: MOCK_APP_CLIENT_ID });
    const response = await fetch(`${BASE}/login/oauth/access_token`, {
      method: "POST",
      body: new URLSearchParams({ ...APP, code }),
    });
    const form = new URLSearchParams(await response.text());
    expect(form.get("expires_in")).toBe("28800");
    expect(form.get("refresh_token_expires_in")).toBe("15897600");
    expect(form.get("refresh_token")).toMatch(/^ghr_/);
  });

  it("when refreshed, then a new pair comes, the old refresh token is spent and the old access token still works", async () => {
    const first = await appTokens();
    const response = await refresh(first.refresh_token);
    expect(response.status).toBe(200);
    const second = await json(response);
    expect(second).toEqual({
      access_token: expect.stringMatching(/^ghu_/),
      expires_in: 28800,
      refresh_token: expect.stringMatching(/^ghr_/),
      refresh_token_expires_in: 15897600,
      token_type: "bearer",
      scope: "",
    });
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(await json(await refresh(first.refresh_token))).toEqual(BAD_REFRESH_TOKEN);
    expect((await api("/user", first.access_token)).status).toBe(200);
    expect((await api("/user", second.access_token)).status).toBe(200);
  });

  it("when the refresh token is unknown, then it is bad_refresh_token with HTTP 200", async () => {
    const response = await refresh("ghr_unknown");
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual(BAD_REFRESH_TOKEN);
  });

  it("when the client secret is wrong on refresh, then it is incorrect_client_credentials and the token is not spent", async () => {
    const { refresh_token } = await appTokens();
    const wrong = await json(await refresh(refresh_token, { ...APP, client_secret: "wrong" }));
    expect(wrong.error).toBe("incorrect_client_credentials");
    expect((await json(await refresh(refresh_token))).access_token).toMatch(/^ghu_/);
  });

  it("when another app presents the refresh token, then it is bad_refresh_token", async () => {
    const { refresh_token } = await appTokens();
    const other = { client_id: SHORT, client_secret: "short-secret" };
    expect(await json(await refresh(refresh_token, other))).toEqual(BAD_REFRESH_TOKEN);
  });

  it("when the access token is eight hours old, then the API answers 401 Bad credentials", async () => {
    const { access_token } = await appTokens();
    clock.now += 8 * HOUR - 1;
    expect((await api("/user", access_token)).status).toBe(200);
    clock.now += 1;
    const response = await api("/user", access_token);
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ message: "Bad credentials" });
  });

  it("when the access token has expired, then its refresh token still gets a new one", async () => {
    const { refresh_token } = await appTokens();
    clock.now += 9 * HOUR;
    const fresh = await json(await refresh(refresh_token));
    expect((await api("/user", fresh.access_token)).status).toBe(200);
  });

  it("when the client has tokenLifetimeSeconds, then tokens live that long", async () => {
    const body = await appTokens({ client_id: SHORT, client_secret: "short-secret" });
    expect(body.expires_in).toBe(5);
    expect(body.refresh_token_expires_in).toBe(60);
    clock.now += 5000;
    expect((await api("/user", body.access_token)).status).toBe(401);
    clock.now += 55_000;
    const expired = await refresh(body.refresh_token, {
      client_id: SHORT,
      client_secret: "short-secret",
    });
    expect(await json(expired)).toEqual(BAD_REFRESH_TOKEN);
  });

  it("when the app checks its token, then expires_at is set", async () => {
    const { access_token } = await appTokens();
    const response = await appEndpoint("POST", "token", access_token);
    const eightHoursOn = new Date(clock.now + 8 * HOUR).toISOString().replace(".000Z", "Z");
    expect((await json(response)).expires_at).toBe(eightHoursOn);
  });

  it("when the grant is deleted, then its refresh tokens go too", async () => {
    const { access_token, refresh_token } = await appTokens();
    const response = await appEndpoint("DELETE", "grant", access_token);
    expect(response.status).toBe(204);
    expect(await json(await refresh(refresh_token))).toEqual(BAD_REFRESH_TOKEN);
  });
});

describe("an OAuth app client (the default)", () => {
  it("when a code is exchanged, then the token never expires and there is no refresh token", async () => {
    const body = await appTokens({ client_id: MOCK_CLIENT_ID, client_secret: MOCK_CLIENT_SECRET });
    expect(body).not.toHaveProperty("refresh_token");
    expect(body).not.toHaveProperty("expires_in");
    clock.now += 365 * 24 * HOUR;
    expect((await api("/user", body.access_token)).status).toBe(200);
  });

  it("when lifetimes are not positive integers, then createMockGitHub throws a TypeError naming them", () => {
    const client = { clientId: "a", clientSecret: "b", expiringTokens: true };
    expect(() =>
      createMockGitHub({ baseUrl: BASE, clients: [{ ...client, tokenLifetimeSeconds: 1.5 }] }),
    ).toThrow('"tokenLifetimeSeconds" must be a positive integer');
    expect(() =>
      createMockGitHub({
        baseUrl: BASE,
        clients: [{ ...client, refreshTokenLifetimeSeconds: -1 }],
      }),
    ).toThrow('"refreshTokenLifetimeSeconds" must be a positive integer');
  });
});
