import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MOCK_OIDC_CLIENT_ID, MOCK_OIDC_CLIENT_SECRET } from "../src/index.js";
import { BASE, json, useMockGitHub } from "./helpers.js";
import {
  issuerOf,
  OIDC_REDIRECT_URI,
  oidcCode,
  oidcPost,
  redeem,
  redirectParams,
  submitOidc,
  userinfo,
  verifyJws,
} from "./oidc-helpers.js";

const { clock } = useMockGitHub();
const ISSUER = issuerOf();

async function jwks() {
  return json(await fetch(`${ISSUER}/jwks`));
}

/** RFC 6749 §5.2: a real status and `error` (with a description). */
async function expectError(response: Response, status: number, error: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get("cache-control")).toBe("no-store");
  const body = await json(response);
  expect(body).toEqual({ error, error_description: expect.any(String) });
}

describe("POST /oidc/token (authorization_code)", () => {
  it("when code, PKCE verifier and redirect_uri are right, then it answers the tokens with a signed id_token", async () => {
    const code = await oidcCode();
    const response = await redeem(code);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
    const body = await json(response);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^mat_[A-Za-z0-9]{40}$/),
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^mrt_[A-Za-z0-9]{60}$/),
      id_token: expect.any(String),
      scope: "openid profile email",
    });

    const keys = await jwks();
    const { header, claims } = await verifyJws(body.id_token, keys);
    expect(header).toEqual({ alg: "RS256", typ: "JWT", kid: keys.keys[0].kid });
    const now = Math.floor(clock.now / 1000);
    const atHash = createHash("sha256")
      .update(body.access_token)
      .digest()
      .subarray(0, 16)
      .toString("base64url");
    expect(claims).toEqual({
      iss: "http://github.test/oidc",
      sub: "583231",
      aud: MOCK_OIDC_CLIENT_ID,
      iat: now,
      exp: now + 3600,
      auth_time: now,
      nonce: code.nonce,
      at_hash: atHash,
      name: "The Octocat",
      picture: `${BASE}/avatars/u/583231?v=4`,
      preferred_username: "octocat",
      email: "octocat@github.com",
      email_verified: true,
    });
  });

  it("when the id_token is tampered with, then its signature no longer verifies", async () => {
    const body = await json(await redeem(await oidcCode()));
    const [header, payload, signature] = body.id_token.split(".");
    const forged = JSON.parse(Buffer.from(payload, "base64url").toString());
    forged.sub = "2154";
    const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
    await expect(verifyJws(tampered, await jwks())).rejects.toThrow("bad signature");
  });

  it("when the account has no name and an unverified email, then name is left out and email_verified is false", async () => {
    const body = await json(await redeem(await oidcCode({ login: "hubot" })));
    const { claims } = await verifyJws(body.id_token, await jwks());
    expect(claims).not.toHaveProperty("name");
    expect(claims).toMatchObject({
      sub: "480938",
      preferred_username: "hubot",
      email: "hubot@example.com",
      email_verified: false,
    });
  });

  it("when only openid was asked, then the id_token has no profile or email claims", async () => {
    const body = await json(await redeem(await oidcCode({ scope: "openid" })));
    expect(body.scope).toBe("openid");
    const { claims } = await verifyJws(body.id_token, await jwks());
    expect(Object.keys(claims).sort()).toEqual(
      ["at_hash", "aud", "auth_time", "exp", "iat", "iss", "nonce", "sub"].sort(),
    );
  });

  it("when the authorization request had no nonce, then the id_token has none", async () => {
    const body = await json(await redeem(await oidcCode({ nonce: undefined })));
    const { claims } = await verifyJws(body.id_token, await jwks());
    expect(claims).not.toHaveProperty("nonce");
  });

  it("when the client authenticates in the body (client_secret_post), then it is accepted", async () => {
    const { code, verifier } = await oidcCode();
    const response = await oidcPost(
      {
        grant_type: "authorization_code",
        code,
        redirect_uri: OIDC_REDIRECT_URI,
        code_verifier: verifier,
        client_id: MOCK_OIDC_CLIENT_ID,
        client_secret: MOCK_OIDC_CLIENT_SECRET,
      },
      { authorization: null },
    );
    expect(response.status).toBe(200);
  });

  it("when the authorization request sent no PKCE challenge and no verifier comes, then it works", async () => {
    const response = await submitOidc({ login: "octocat" });
    const code = redirectParams(response).get("code") ?? "";
    const tokens = await oidcPost({
      grant_type: "authorization_code",
      code,
      redirect_uri: OIDC_REDIRECT_URI,
    });
    expect(tokens.status).toBe(200);
  });

  it("when a code is redeemed twice, then the second is invalid_grant and the first tokens are revoked", async () => {
    const code = await oidcCode();
    const first = await json(await redeem(code));
    expect((await userinfo(first.access_token)).status).toBe(200);
    await expectError(await redeem(code), 400, "invalid_grant");
    expect((await userinfo(first.access_token)).status).toBe(401);
    const refresh = await oidcPost({
      grant_type: "refresh_token",
      refresh_token: first.refresh_token,
    });
    await expectError(refresh, 400, "invalid_grant");
  });

  it("when the code is ten minutes old, then it is invalid_grant; just under, it works", async () => {
    const stale = await oidcCode();
    const fresh = await oidcCode();
    clock.now += 10 * 60 * 1000 - 1;
    expect((await redeem(fresh)).status).toBe(200);
    clock.now += 1;
    await expectError(await redeem(stale), 400, "invalid_grant");
  });

  it.each([
    ["wrong", { code_verifier: "x".repeat(43) }],
    ["too short", { code_verifier: "a".repeat(42) }],
  ])("when the PKCE verifier is %s, then it is invalid_grant", async (_, fields) => {
    await expectError(await redeem(await oidcCode(), fields), 400, "invalid_grant");
  });

  it("when the PKCE verifier is missing, then it is invalid_grant", async () => {
    const { code } = await oidcCode();
    const response = await oidcPost({
      grant_type: "authorization_code",
      code,
      redirect_uri: OIDC_REDIRECT_URI,
    });
    await expectError(response, 400, "invalid_grant");
  });

  it("when a verifier comes for a code sent without a challenge, then it is invalid_grant (no downgrade)", async () => {
    const code = redirectParams(await submitOidc({ login: "octocat" })).get("code") ?? "";
    await expectError(await redeem({ code, verifier: "a".repeat(43) }), 400, "invalid_grant");
  });

  it("when a bad verifier was tried first, then the code is spent anyway", async () => {
    const code = await oidcCode();
    await redeem(code, { code_verifier: "x".repeat(43) });
    await expectError(await redeem(code), 400, "invalid_grant");
  });

  it("when redirect_uri differs from the authorization request's, then it is invalid_grant", async () => {
    const response = await redeem(await oidcCode(), {
      redirect_uri: "http://localhost:3000/elsewhere",
    });
    await expectError(response, 400, "invalid_grant");
  });

  it("when the code is unknown, then it is invalid_grant", async () => {
    await expectError(
      await redeem({ code: "nope", verifier: "a".repeat(43) }),
      400,
      "invalid_grant",
    );
  });

  it("when the code is missing, then it is invalid_request", async () => {
    const response = await oidcPost({ grant_type: "authorization_code" });
    await expectError(response, 400, "invalid_request");
  });

  it("when the client secret is wrong (Basic), then it is 401 invalid_client with a Basic challenge", async () => {
    const code = await oidcCode();
    const response = await oidcPost(
      { grant_type: "authorization_code", code: code.code },
      { authorization: `Basic ${btoa(`${MOCK_OIDC_CLIENT_ID}:wrong`)}` },
    );
    expect(response.headers.get("www-authenticate")).toBe('Basic realm="oidc"');
    await expectError(response, 401, "invalid_client");
    // The code was not spent by someone who could not authenticate.
    expect((await redeem(code)).status).toBe(200);
  });

  it("when the client sends no credentials at all, then it is 401 invalid_client", async () => {
    const response = await oidcPost({ grant_type: "authorization_code" }, { authorization: null });
    await expectError(response, 401, "invalid_client");
  });

  it("when the client uses Basic and client_secret together, then it is invalid_request", async () => {
    const response = await oidcPost({
      grant_type: "authorization_code",
      client_secret: MOCK_OIDC_CLIENT_SECRET,
    });
    await expectError(response, 400, "invalid_request");
  });

  it("when grant_type is unsupported or missing, then it is unsupported_grant_type or invalid_request", async () => {
    await expectError(await oidcPost({ grant_type: "password" }), 400, "unsupported_grant_type");
    await expectError(await oidcPost({}), 400, "invalid_request");
  });

  it("when the body is JSON, then it is invalid_request", async () => {
    const response = await fetch(`${ISSUER}/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ grant_type: "authorization_code" }),
    });
    await expectError(response, 400, "invalid_request");
  });

  it("when a parameter is repeated, then it is invalid_request", async () => {
    const response = await fetch(`${ISSUER}/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=authorization_code&code=a&code=b",
    });
    await expectError(response, 400, "invalid_request");
  });
});
