import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  createAuthorizationRequest,
  exchangeCode,
  fetchUser,
  NetworkError,
  ResponseError,
  refreshTokens,
  revokeToken,
  TimeoutError,
} from "../src/index.js";
import { ACCESS_TOKEN, octocat, tokenResponse } from "./fixtures/github.js";
import { API_URL, CLIENT_ID, REDIRECT_URI, TOKEN_URL, testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";
import { createTestIdp, ISSUER, OIDC_ACCESS_TOKEN, OIDC_REDIRECT_URI } from "./support/oidc-idp.js";

const server = useMockServer();

type Answer = () => Response | Promise<Response>;
const status =
  (code: number): Answer =>
  () =>
    HttpResponse.json({ message: "x" }, { status: code });
const ok =
  (body: object): Answer =>
  () =>
    HttpResponse.json(body);
const networkError: Answer = () => HttpResponse.error();

/** Answers the n-th request with the n-th answer (the last one repeats); records the times. */
function sequence(method: "get" | "post" | "delete", url: string, answers: Answer[]) {
  const times: number[] = [];
  server.use(
    http[method](url, () => {
      times.push(Date.now());
      return (answers[times.length - 1] ?? (answers.at(-1) as Answer))();
    }),
  );
  return times;
}

describe("retries of idempotent reads (GitHub user info)", () => {
  it("when /user answers 503 then 200, then the user is returned after 2 calls with a pause between", async () => {
    const times = sequence("get", `${API_URL}/user`, [status(503), ok(octocat)]);
    const { user } = await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: [] });
    expect(user.login).toBe("octocat");
    expect(times).toHaveLength(2);
    expect((times[1] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(70);
  });

  it("when /user answers 503 three times, then it is a ResponseError 503 after 3 calls", async () => {
    const times = sequence("get", `${API_URL}/user`, [status(503)]);
    const error = await fetchUser(testGitHub(), ACCESS_TOKEN).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 503 });
    expect(times).toHaveLength(3);
  });

  it.each([502, 504])("when /user answers %i once, then it is retried", async (code) => {
    const times = sequence("get", `${API_URL}/user`, [status(code), ok(octocat)]);
    await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: [] });
    expect(times).toHaveLength(2);
  });

  it("when the connection fails once, then /user is asked again", async () => {
    const times = sequence("get", `${API_URL}/user`, [networkError, ok(octocat)]);
    await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: [] });
    expect(times).toHaveLength(2);
  });

  it("when the connection fails every time, then it is a NetworkError after 3 calls", async () => {
    const times = sequence("get", `${API_URL}/user`, [networkError]);
    await expect(fetchUser(testGitHub(), ACCESS_TOKEN)).rejects.toBeInstanceOf(NetworkError);
    expect(times).toHaveLength(3);
  });

  it.each([401, 403, 429, 400, 404, 500])(
    "when /user answers %i, then it is not retried (1 call)",
    async (code) => {
      const times = sequence("get", `${API_URL}/user`, [status(code), ok(octocat)]);
      await expect(fetchUser(testGitHub(), ACCESS_TOKEN)).rejects.toMatchObject({ status: code });
      expect(times).toHaveLength(1);
    },
  );

  it("when /user/emails answers 503 then 200, then it is retried too", async () => {
    sequence("get", `${API_URL}/user`, [ok({ ...octocat, email: null })]);
    const times = sequence("get", `${API_URL}/user/emails`, [
      status(503),
      ok([{ email: "o@example.com", primary: true, verified: true }]),
    ]);
    const { user } = await fetchUser(testGitHub(), ACCESS_TOKEN, { scopes: ["user:email"] });
    expect(user.email).toBe("o@example.com");
    expect(times).toHaveLength(2);
  });

  it("when a pause would outlast the timeout, then no retry is made and the last answer stands", async () => {
    const times = sequence("get", `${API_URL}/user`, [status(503)]);
    const error = await fetchUser(testGitHub({ timeout: 200 }), ACCESS_TOKEN).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ResponseError);
    expect(times).toHaveLength(2);
  });

  it("when the whole budget runs out, then it is a TimeoutError and nothing is retried", async () => {
    let calls = 0;
    const hanging: typeof fetch = () => {
      calls++;
      return new Promise<Response>(() => {});
    };
    await expect(
      fetchUser(testGitHub({ fetch: hanging, timeout: 50 }), ACCESS_TOKEN),
    ).rejects.toBeInstanceOf(TimeoutError);
    expect(calls).toBe(1);
  });
});

describe("requests that are never retried", () => {
  const exchange = { code: "c0de", redirectUri: REDIRECT_URI, codeVerifier: "v".repeat(43) };

  it("when the GitHub code exchange answers 503, then exactly 1 call is made", async () => {
    const times = sequence("post", TOKEN_URL, [status(503), ok(tokenResponse)]);
    await expect(exchangeCode(testGitHub(), exchange)).rejects.toMatchObject({ status: 503 });
    expect(times).toHaveLength(1);
  });

  it("when the GitHub code exchange fails on the network, then exactly 1 call is made", async () => {
    const times = sequence("post", TOKEN_URL, [networkError, ok(tokenResponse)]);
    await expect(exchangeCode(testGitHub(), exchange)).rejects.toBeInstanceOf(NetworkError);
    expect(times).toHaveLength(1);
  });

  it("when GitHub revocation answers 503, then exactly 1 call is made", async () => {
    const url = `${API_URL}/applications/${encodeURIComponent(CLIENT_ID)}/token`;
    const times = sequence("delete", url, [
      status(503),
      () => new HttpResponse(null, { status: 204 }),
    ]);
    await expect(revokeToken(testGitHub(), ACCESS_TOKEN)).rejects.toMatchObject({ status: 503 });
    expect(times).toHaveLength(1);
  });

  it("when the OpenID Connect code exchange or refresh answers 503, then exactly 1 call each", async () => {
    const idp = await createTestIdp(server);
    idp.tokenResponse = status(503);
    const provider = await idp.provider();
    await expect(
      exchangeCode(provider, { ...exchange, redirectUri: OIDC_REDIRECT_URI, nonce: "n" }),
    ).rejects.toMatchObject({ status: 503 });
    expect(idp.calls.token).toHaveLength(1);
    await expect(refreshTokens(provider, "r1")).rejects.toMatchObject({ status: 503 });
    expect(idp.calls.token).toHaveLength(2);
  });

  it("when OpenID Connect revocation answers 503, then exactly 1 call is made", async () => {
    const idp = await createTestIdp(server);
    const times = sequence("post", `${ISSUER}/revoke`, [status(503), ok({})]);
    await expect(revokeToken(await idp.provider(), OIDC_ACCESS_TOKEN)).rejects.toMatchObject({
      status: 503,
    });
    expect(times).toHaveLength(1);
  });
});

describe("retries of idempotent reads (OpenID Connect)", () => {
  const redirectUri = OIDC_REDIRECT_URI;

  it("when discovery fails on the network once, then it succeeds on the retry", async () => {
    const idp = await createTestIdp(server);
    server.use(
      http.get(`${ISSUER}/.well-known/openid-configuration`, () => HttpResponse.error(), {
        once: true,
      }),
    );
    const { url } = await createAuthorizationRequest(await idp.provider(), { redirectUri });
    expect(url.origin).toBe(ISSUER);
    expect(idp.calls.discovery).toHaveLength(1);
  });

  it("when discovery answers 404, then it is not retried", async () => {
    const idp = await createTestIdp(server);
    const times = sequence("get", `${ISSUER}/.well-known/openid-configuration`, [status(404)]);
    await expect(idp.provider()).rejects.toThrow(ResponseError);
    expect(times).toHaveLength(1);
  });

  it("when userinfo answers 502 then 200, then the user is returned after 2 calls", async () => {
    const idp = await createTestIdp(server);
    const times = sequence("get", `${ISSUER}/userinfo`, [status(502), ok({ sub: "s1" })]);
    const { user } = await fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN);
    expect(user.id).toBe("s1");
    expect(times).toHaveLength(2);
  });

  it("when userinfo answers 429, then it is not retried", async () => {
    const idp = await createTestIdp(server);
    const times = sequence("get", `${ISSUER}/userinfo`, [status(429), ok({ sub: "s1" })]);
    await expect(fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN)).rejects.toMatchObject({
      status: 429,
    });
    expect(times).toHaveLength(1);
  });

  it("when the JWKS answers 504 once, then the id_token is still validated", async () => {
    const idp = await createTestIdp(server);
    server.use(
      http.get(`${ISSUER}/jwks`, () => new HttpResponse(null, { status: 504 }), { once: true }),
    );
    await idp.issueTokens({ nonce: "n" });
    const tokens = await exchangeCode(await idp.provider(), {
      code: "c",
      redirectUri,
      codeVerifier: "v".repeat(43),
      nonce: "n",
    });
    expect(tokens.idTokenClaims?.sub).toBe("user-1");
    expect(idp.calls.jwks).toHaveLength(1);
  });
});
