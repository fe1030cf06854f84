import { HttpResponse, http } from "msw";
import { describe, expect, it, vi } from "vitest";
import {
  exchangeCode,
  IdTokenError,
  NetworkError,
  type Provider,
  ProviderError,
  ResponseError,
  refreshTokens,
} from "../src/index.js";
import { argumentError } from "./support/argument-error.js";
import { useMockServer } from "./support/msw.js";
import {
  type Claims,
  createTestIdp,
  ISSUER,
  OIDC_ACCESS_TOKEN,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
  OIDC_REDIRECT_URI,
  type SignOptions,
  type TestIdp,
} from "./support/oidc-idp.js";

const server = useMockServer();
const NONCE = "n-0S6_WzA2Mj";
const exchange = {
  code: "SplxlOBeZQQYbYS6WxSbIA",
  redirectUri: OIDC_REDIRECT_URI,
  codeVerifier: "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
  nonce: NONCE,
};

/** The IdP issues an id_token with `claims` (over valid ones) and the code is exchanged. */
async function exchangeWith(idp: TestIdp, claims: Claims = {}, sign?: SignOptions) {
  await idp.issueTokens({ nonce: NONCE, ...claims }, sign);
  return exchangeCode(await idp.provider(), exchange);
}

async function rejection(promise: Promise<unknown>): Promise<IdTokenError> {
  const error = await promise.catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(IdTokenError);
  expect(error).toMatchObject({ code: "invalid_id_token" });
  return error as IdTokenError;
}

describe("exchangeCode (OpenID Connect)", () => {
  it("when the id_token is valid, then its claims are returned with the tokens", async () => {
    const idp = await createTestIdp(server);
    const idToken = await idp.issueTokens({ nonce: NONCE, email: "ada@example.com" });
    const tokens = await exchangeCode(await idp.provider(), exchange);
    expect(tokens).toMatchObject({
      accessToken: OIDC_ACCESS_TOKEN,
      tokenType: "bearer",
      scopes: ["openid", "profile", "email"],
      idToken,
      idTokenClaims: { iss: ISSUER, sub: "user-1", aud: OIDC_CLIENT_ID, nonce: NONCE },
    });
    expect(idp.calls.jwks).toHaveLength(1);
  });

  it("when the code is exchanged, then one request carries the grant, PKCE and Basic client auth", async () => {
    const idp = await createTestIdp(server);
    await exchangeWith(idp);
    expect(idp.calls.token).toHaveLength(1);
    const request = idp.calls.token[0] as Request;
    expect(request.headers.get("authorization")).toBe(
      `Basic ${btoa(`${OIDC_CLIENT_ID}:${OIDC_CLIENT_SECRET}`)}`,
    );
    expect(Object.fromEntries(new URLSearchParams(await request.text()))).toEqual({
      grant_type: "authorization_code",
      code: exchange.code,
      redirect_uri: OIDC_REDIRECT_URI,
      code_verifier: exchange.codeVerifier,
    });
  });

  it("when no nonce is passed, then it is an ArgumentError and nothing is sent", async () => {
    const idp = await createTestIdp(server);
    const provider = await idp.provider();
    const sent = vi.fn();
    server.events.on("request:start", sent);
    await expect(exchangeCode(provider, { ...exchange, nonce: undefined })).rejects.toThrow(
      argumentError("nonce"),
    );
    await expect(exchangeCode(provider, { ...exchange, nonce: undefined })).rejects.toThrow(
      '"nonce" must be a non-empty string',
    );
    server.events.removeListener("request:start", sent);
    expect(sent).not.toHaveBeenCalled();
  });

  it("when the signature does not match the payload, then the signature check fails", async () => {
    const idp = await createTestIdp(server);
    const genuine = await idp.sign(idp.claims({ nonce: NONCE }));
    const [header, , signature] = genuine.split(".");
    const forgedPayload = (await idp.sign(idp.claims({ nonce: NONCE, sub: "admin" }))).split(
      ".",
    )[1];
    idp.tokenResponse = () =>
      HttpResponse.json({
        access_token: OIDC_ACCESS_TOKEN,
        token_type: "Bearer",
        id_token: `${header}.${forgedPayload}.${signature}`,
      });
    const error = await rejection(exchangeCode(await idp.provider(), exchange));
    expect(error.check).toBe("signature");
  });

  it("when the token is signed by a key not in the JWKS (same kid), then the signature check fails", async () => {
    const idp = await createTestIdp(server);
    const error = await rejection(exchangeWith(idp, {}, { foreignKey: true }));
    expect(error.check).toBe("signature");
  });

  it("when the token names a key id the JWKS lacks, then the signature check fails", async () => {
    const idp = await createTestIdp(server);
    const error = await rejection(exchangeWith(idp, {}, { foreignKey: true, kid: "unknown" }));
    expect(error.check).toBe("signature");
    expect(error.message).toContain("no applicable keys");
  });

  it("when the token is alg none, then the alg check fails", async () => {
    const idp = await createTestIdp(server);
    const error = await rejection(exchangeWith(idp, {}, { alg: "none" }));
    expect(error.check).toBe("alg");
  });

  it("when the issuer even lists alg none, then an unsigned token still fails", async () => {
    const idp = await createTestIdp(server, {
      document: { id_token_signing_alg_values_supported: ["ES256", "none"] },
    });
    const error = await rejection(exchangeWith(idp, {}, { alg: "none" }));
    expect(error.check).toBe("alg");
  });

  it.each([
    ["iss", { iss: "https://evil.example" }],
    ["aud", { aud: "another-client" }],
    ["aud", { aud: [OIDC_CLIENT_ID, "another-client"] }],
    ["azp", { aud: [OIDC_CLIENT_ID, "another-client"], azp: "another-client" }],
    ["exp", { exp: Math.floor(Date.now() / 1000) - 120 }],
    ["nonce", { nonce: "another-transaction" }],
    ["nonce", { nonce: undefined }],
    ["iat", { iat: undefined }],
    ["sub", { sub: undefined }],
  ])(
    "when the claims fail %s (%j), then it is an IdTokenError naming it",
    async (check, claims) => {
      const idp = await createTestIdp(server);
      const error = await rejection(exchangeWith(idp, claims));
      expect(error.check).toBe(check);
      expect(error.message).toContain(`"${check}"`);
    },
  );

  it("when several audiences come with azp = this client, then the token is accepted", async () => {
    const idp = await createTestIdp(server);
    const tokens = await exchangeWith(idp, {
      aud: [OIDC_CLIENT_ID, "another-client"],
      azp: OIDC_CLIENT_ID,
    });
    expect(tokens.idTokenClaims?.azp).toBe(OIDC_CLIENT_ID);
  });

  it("when exp passed within the clock tolerance, then the token is accepted", async () => {
    const idp = await createTestIdp(server);
    await expect(
      exchangeWith(idp, { exp: Math.floor(Date.now() / 1000) - 5 }),
    ).resolves.toBeDefined();
  });

  it("when the token response has no id_token, then the missing check fails", async () => {
    const idp = await createTestIdp(server);
    idp.tokenResponse = () =>
      HttpResponse.json({ access_token: OIDC_ACCESS_TOKEN, token_type: "Bearer" });
    const error = await rejection(exchangeCode(await idp.provider(), exchange));
    expect(error.check).toBe("missing");
  });

  it("when the id_token is not a JWT, then the format check fails", async () => {
    const idp = await createTestIdp(server);
    idp.tokenResponse = () =>
      HttpResponse.json({ access_token: OIDC_ACCESS_TOKEN, token_type: "Bearer", id_token: "abc" });
    const error = await rejection(exchangeCode(await idp.provider(), exchange));
    expect(error.check).toBe("format");
  });

  it("when the error message is built, then it holds neither the id_token nor the access token", async () => {
    const idp = await createTestIdp(server);
    const idToken = await idp.issueTokens({ nonce: "other" });
    const error = await rejection(exchangeCode(await idp.provider(), exchange));
    expect(String(error)).not.toContain(idToken.split(".")[1]);
    expect(String(error)).not.toContain(OIDC_ACCESS_TOKEN);
  });

  it("when the token endpoint answers an OAuth error, then it is a ProviderError", async () => {
    const idp = await createTestIdp(server);
    idp.tokenResponse = () => HttpResponse.json({ error: "invalid_grant" }, { status: 400 });
    await expect(exchangeCode(await idp.provider(), exchange)).rejects.toBeInstanceOf(
      ProviderError,
    );
  });

  it("when the JWKS cannot be fetched, then it is a ResponseError, not an id_token verdict", async () => {
    const idp = await createTestIdp(server);
    server.use(http.get(`${ISSUER}/jwks`, () => HttpResponse.json({}, { status: 404 })));
    const error = await exchangeWith(idp).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error).toMatchObject({ status: 404 });
  });

  it("when the JWKS request fails on the network every time, then it is a NetworkError", async () => {
    const idp = await createTestIdp(server);
    server.use(http.get(`${ISSUER}/jwks`, () => HttpResponse.error()));
    await expect(exchangeWith(idp)).rejects.toBeInstanceOf(NetworkError);
  });

  it("when two exchanges use one provider, then the JWKS is fetched once", async () => {
    const idp = await createTestIdp(server);
    const provider: Provider = await idp.provider();
    await idp.issueTokens({ nonce: NONCE });
    await exchangeCode(provider, exchange);
    await exchangeCode(provider, exchange);
    expect(idp.calls.jwks).toHaveLength(1);
  });
});

describe("refreshTokens (OpenID Connect)", () => {
  it("when the answer has no id_token, then the tokens are returned without one", async () => {
    const idp = await createTestIdp(server);
    idp.tokenResponse = () =>
      HttpResponse.json({ access_token: "new", token_type: "Bearer", refresh_token: "r2" });
    const tokens = await refreshTokens(await idp.provider(), "r1");
    expect(tokens).toMatchObject({ accessToken: "new", refreshToken: "r2" });
    expect(tokens).not.toHaveProperty("idToken");
  });

  it("when the answer has an id_token, then it is validated too (no nonce expected)", async () => {
    const idp = await createTestIdp(server);
    await idp.issueTokens({});
    await expect(refreshTokens(await idp.provider(), "r1")).resolves.toMatchObject({
      idTokenClaims: { sub: "user-1" },
    });
    await idp.issueTokens({ aud: "another-client" });
    const error = await rejection(refreshTokens(await idp.provider(), "r1"));
    expect(error.check).toBe("aud");
  });
});
