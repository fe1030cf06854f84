import { delay, HttpResponse, http } from "msw";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  exchangeCode,
  NetworkError,
  ProviderError,
  ResponseError,
  refreshTokens,
  TimeoutError,
} from "../src/index.js";
import {
  ACCESS_TOKEN,
  expiringTokenResponse,
  tokenErrors,
  tokenResponse,
} from "./fixtures/github.js";
import { argumentError } from "./support/argument-error.js";
import { EXAMPLE_TOKEN_URL, exampleProvider } from "./support/example-provider.js";
import { CLIENT_ID, CLIENT_SECRET, REDIRECT_URI, TOKEN_URL, testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();
const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const exchange = {
  code: "3584d83530557fdd1f46",
  redirectUri: REDIRECT_URI,
  codeVerifier: VERIFIER,
};
const NOW = 1_700_000_000_000;

/** Answers the token endpoint with `respond` and records every request it saw. */
function tokenEndpoint(respond: () => Response | Promise<Response>, url = TOKEN_URL) {
  const requests: Request[] = [];
  server.use(
    http.post(url, ({ request }) => {
      requests.push(request.clone());
      return respond();
    }),
  );
  return requests;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("expected a rejection"),
    (error: unknown) => error,
  );
}

afterEach(() => vi.restoreAllMocks());

describe("exchangeCode", () => {
  it("when GitHub grants a token, then the TokenSet has comma-separated scopes split", async () => {
    tokenEndpoint(() => HttpResponse.json(tokenResponse));
    await expect(exchangeCode(testGitHub(), exchange)).resolves.toEqual({
      accessToken: ACCESS_TOKEN,
      tokenType: "bearer",
      scopes: ["read:user", "user:email"],
    });
  });

  it("when the request is sent, then body and headers are exactly as specified", async () => {
    const requests = tokenEndpoint(() => HttpResponse.json(tokenResponse));
    await exchangeCode(testGitHub(), exchange);
    const [request] = requests;
    expect(request?.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(request?.headers.get("accept")).toBe("application/json");
    expect(request?.headers.has("authorization")).toBe(false);
    expect(Object.fromEntries(new URLSearchParams(await request?.text()))).toEqual({
      grant_type: "authorization_code",
      code: exchange.code,
      redirect_uri: REDIRECT_URI,
      code_verifier: VERIFIER,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
  });

  it("when the provider uses client_secret_basic, then id and secret are form-encoded in Basic", async () => {
    const requests = tokenEndpoint(() => HttpResponse.json(tokenResponse), EXAMPLE_TOKEN_URL);
    await exchangeCode(exampleProvider(), exchange);
    const [request] = requests;
    const expected = new TextEncoder().encode("client+id%3A%C3%A9:s3cr%2Bt%2Fwith%3Acolon");
    expect(request?.headers.get("authorization")).toBe(
      `Basic ${btoa(String.fromCharCode(...expected))}`,
    );
    const body = new URLSearchParams(await request?.text());
    expect(body.has("client_id")).toBe(false);
    expect(body.has("client_secret")).toBe(false);
  });

  it.each(Object.values(tokenErrors))(
    "when GitHub answers HTTP 200 with $error, then it is a ProviderError with status 200",
    async (body) => {
      tokenEndpoint(() => HttpResponse.json(body));
      const error = await rejection(exchangeCode(testGitHub(), exchange));
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({
        code: "provider_error",
        error: body.error,
        errorDescription: body.error_description,
        errorUri: body.error_uri,
        status: 200,
      });
    },
  );

  it("when a standard provider answers 400 invalid_grant, then it is a ProviderError with status 400", async () => {
    tokenEndpoint(
      () => HttpResponse.json({ error: "invalid_grant" }, { status: 400 }),
      EXAMPLE_TOKEN_URL,
    );
    const error = await rejection(exchangeCode(exampleProvider(), exchange));
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ error: "invalid_grant", status: 400 });
  });

  it("when the body is HTML, then it is a ResponseError naming the content type, not the body", async () => {
    tokenEndpoint(() => HttpResponse.html("<html><body><h1>Sign in</h1></body></html>"));
    const error = await rejection(exchangeCode(testGitHub(), exchange));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ code: "invalid_response", status: 200 });
    expect(String(error)).toMatch(/not JSON \(content-type "text\/html/);
    expect(String(error)).not.toContain("Sign in");
  });

  it("when access_token is missing, then it is a ResponseError naming the field", async () => {
    tokenEndpoint(() => HttpResponse.json({ token_type: "bearer", scope: "" }));
    await expect(exchangeCode(testGitHub(), exchange)).rejects.toThrow(
      new ResponseError('"access_token" must be a string', 200),
    );
  });

  it("when access_token is not a string, then it is a ResponseError naming the field", async () => {
    tokenEndpoint(() => HttpResponse.json({ access_token: 12345, token_type: "bearer" }));
    const error = await rejection(exchangeCode(testGitHub(), exchange));
    expect(error).toBeInstanceOf(ResponseError);
    expect(String(error)).toContain('"access_token" must be a string');
    expect(String(error)).not.toContain("12345");
  });

  it("when the body is a JSON array, then it is a ResponseError", async () => {
    tokenEndpoint(() => HttpResponse.json([tokenResponse]));
    await expect(exchangeCode(testGitHub(), exchange)).rejects.toThrow(ResponseError);
  });

  it("when the token endpoint answers 5xx, then it is a ResponseError and it was called exactly once", async () => {
    const requests = tokenEndpoint(() => new HttpResponse("upstream down", { status: 503 }));
    const error = await rejection(exchangeCode(testGitHub(), exchange));
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 503 });
    expect(requests).toHaveLength(1);
  });

  it("when the token endpoint answers 500 with JSON but no error, then it is a ResponseError", async () => {
    const requests = tokenEndpoint(
      () => HttpResponse.json({ message: "oops" }, { status: 500 }),
      EXAMPLE_TOKEN_URL,
    );
    await expect(exchangeCode(exampleProvider(), exchange)).rejects.toThrow(
      new ResponseError("the token endpoint answered HTTP 500", 500),
    );
    expect(requests).toHaveLength(1);
  });

  it("when the connection is reset, then it is a NetworkError and nothing is retried", async () => {
    const requests = tokenEndpoint(() => HttpResponse.error());
    const error = await rejection(exchangeCode(testGitHub(), exchange));
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBeDefined();
    expect(requests).toHaveLength(1);
  });

  it("when the provider hangs past the timeout, then it is a TimeoutError", async () => {
    tokenEndpoint(async () => {
      await delay(1_000);
      return HttpResponse.json(tokenResponse);
    });
    const started = Date.now();
    const error = await rejection(exchangeCode(testGitHub({ timeout: 50 }), exchange));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ code: "timeout" });
    expect(Date.now() - started).toBeLessThan(900);
  });

  it("when error_description is 5 KB of markup, then the error keeps at most 300 characters", async () => {
    const description = `<img src=x onerror=alert(1)>${"<p>lorem ipsum</p>".repeat(300)}`;
    tokenEndpoint(() =>
      HttpResponse.json({ error: "bad_verification_code", error_description: description }),
    );
    const error = (await rejection(exchangeCode(testGitHub(), exchange))) as ProviderError;
    expect(description.length).toBeGreaterThan(5_000);
    expect(error.errorDescription?.length).toBeLessThanOrEqual(300);
    expect(error.message.length).toBeLessThan(400);
  });

  it("when an error is thrown, then neither the code nor the secret appear in it", async () => {
    tokenEndpoint(() => HttpResponse.json(tokenErrors.bad_verification_code));
    const error = await rejection(exchangeCode(testGitHub(), exchange));
    const printed = `${String(error)} ${JSON.stringify(error)}`;
    expect(printed).not.toContain(exchange.code);
    expect(printed).not.toContain(CLIENT_SECRET);
  });

  it("when the provider returns expires_in, then expiresAt is now plus that many seconds", async () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    tokenEndpoint(() =>
      HttpResponse.json({ access_token: "t", token_type: "Bearer", expires_in: "60" }),
    );
    await expect(exchangeCode(testGitHub(), exchange)).resolves.toEqual({
      accessToken: "t",
      tokenType: "bearer",
      scopes: [],
      expiresAt: NOW + 60_000,
    });
  });

  it("when expires_in is negative or not a number, then it is a ResponseError", async () => {
    for (const expires_in of [-1, "soon", {}]) {
      tokenEndpoint(() => HttpResponse.json({ access_token: "t", expires_in }));
      await expect(exchangeCode(testGitHub(), exchange)).rejects.toThrow(
        '"expires_in" must be a non-negative number',
      );
    }
  });

  it("when the provider does not take PKCE, then no code_verifier is sent", async () => {
    const requests = tokenEndpoint(() => HttpResponse.json(tokenResponse), EXAMPLE_TOKEN_URL);
    await exchangeCode(exampleProvider({ pkce: false }), exchange);
    expect(new URLSearchParams(await requests[0]?.text()).has("code_verifier")).toBe(false);
  });

  it("when the code, redirect URI or verifier is invalid, then it is an ArgumentError and nothing is sent", async () => {
    await expect(exchangeCode(testGitHub(), { ...exchange, code: "" })).rejects.toThrow(
      argumentError("code"),
    );
    await expect(
      exchangeCode(testGitHub(), { ...exchange, redirectUri: "/callback" }),
    ).rejects.toThrow(argumentError("redirectUri"));
    await expect(exchangeCode(testGitHub(), { ...exchange, codeVerifier: "" })).rejects.toThrow(
      argumentError("codeVerifier"),
    );
  });
});

describe("refreshTokens", () => {
  it("when GitHub refreshes an expiring token, then expiry times are mapped to epoch ms", async () => {
    vi.spyOn(Date, "now").mockReturnValue(NOW);
    const requests = tokenEndpoint(() => HttpResponse.json(expiringTokenResponse));
    await expect(refreshTokens(testGitHub(), "ghr_old")).resolves.toEqual({
      accessToken: expiringTokenResponse.access_token,
      tokenType: "bearer",
      scopes: [],
      expiresAt: NOW + 28_800_000,
      refreshToken: expiringTokenResponse.refresh_token,
      refreshTokenExpiresAt: NOW + 15_811_200_000,
    });
    expect(Object.fromEntries(new URLSearchParams(await requests[0]?.text()))).toEqual({
      grant_type: "refresh_token",
      refresh_token: "ghr_old",
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
    });
  });

  it("when the refresh token is rejected, then it is a ProviderError and it is not retried", async () => {
    const requests = tokenEndpoint(() =>
      HttpResponse.json({
        error: "bad_refresh_token",
        error_description: "The refresh token passed is incorrect or expired.",
      }),
    );
    await expect(refreshTokens(testGitHub(), "ghr_old")).rejects.toThrow(ProviderError);
    expect(requests).toHaveLength(1);
  });

  it("when a standard provider refreshes, then client_secret_basic is used", async () => {
    const requests = tokenEndpoint(
      () =>
        HttpResponse.json({ access_token: "new", token_type: "Bearer", scope: "openid profile" }),
      EXAMPLE_TOKEN_URL,
    );
    await expect(refreshTokens(exampleProvider(), "rt")).resolves.toMatchObject({
      accessToken: "new",
      scopes: ["openid", "profile"],
    });
    expect(requests[0]?.headers.get("authorization")).toMatch(/^Basic /);
  });

  it("when the refresh token is empty, then it is an ArgumentError", async () => {
    await expect(refreshTokens(testGitHub(), "")).rejects.toThrow(argumentError("refreshToken"));
  });
});
