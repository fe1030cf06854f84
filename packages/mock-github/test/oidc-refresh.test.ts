import { describe, expect, it } from "vitest";
import { createMockGitHub, MOCK_OIDC_CLIENT_ID, MOCK_OIDC_CLIENT_SECRET } from "../src/index.js";
import { json, useMockGitHub } from "./helpers.js";
import {
  issuerOf,
  oidcCode,
  oidcPost,
  redeem,
  signIn,
  userinfo,
  verifyJws,
} from "./oidc-helpers.js";

const OTHER = "other-client";
const SHORT = "short-lived-client";
const { clock } = useMockGitHub({
  oidcClients: [
    { clientId: MOCK_OIDC_CLIENT_ID, clientSecret: MOCK_OIDC_CLIENT_SECRET },
    { clientId: OTHER, clientSecret: "other-secret" },
    { clientId: SHORT, clientSecret: "short-secret", tokenLifetimeSeconds: 5 },
  ],
});
const ISSUER = issuerOf();

const refresh = (
  refreshToken: string,
  fields: Record<string, string> = {},
  authorization?: string,
) =>
  oidcPost(
    { grant_type: "refresh_token", refresh_token: refreshToken, ...fields },
    { authorization },
  );

async function expectInvalidGrant(response: Response) {
  expect(response.status).toBe(400);
  expect(await json(response)).toEqual({
    error: "invalid_grant",
    error_description: "The refresh token is invalid, expired or revoked.",
  });
}

describe("POST /oidc/token (refresh_token)", () => {
  it("when the refresh token is good, then it answers new tokens and an id_token for the same subject without a nonce", async () => {
    const first = await signIn();
    clock.now += 60_000;
    const response = await refresh(first.refresh_token);
    expect(response.status).toBe(200);
    const second = await json(response);
    expect(second).toEqual({
      access_token: expect.stringMatching(/^mat_/),
      token_type: "Bearer",
      expires_in: 3600,
      refresh_token: expect.stringMatching(/^mrt_/),
      id_token: expect.any(String),
      scope: "openid profile email",
    });
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);

    const jwks = await json(await fetch(`${ISSUER}/jwks`));
    const before = (await verifyJws(first.id_token, jwks)).claims;
    const after = (await verifyJws(second.id_token, jwks)).claims;
    expect(after).not.toHaveProperty("nonce");
    expect(after).toMatchObject({
      iss: before.iss,
      sub: before.sub,
      aud: before.aud,
      auth_time: before.auth_time,
      iat: before.iat + 60,
    });
  });

  it("when a refresh token is used twice, then the second is invalid_grant and the whole grant is revoked", async () => {
    const first = await signIn();
    const second = await json(await refresh(first.refresh_token));
    await expectInvalidGrant(await refresh(first.refresh_token));
    // The replay may be a thief's: what the rotation handed out dies too (RFC 9700 §4.14.2).
    expect((await userinfo(second.access_token)).status).toBe(401);
    await expectInvalidGrant(await refresh(second.refresh_token));
  });

  it("when rotated, then the old access token keeps working until it expires", async () => {
    const first = await signIn();
    await refresh(first.refresh_token);
    expect((await userinfo(first.access_token)).status).toBe(200);
    clock.now += 3600 * 1000;
    expect((await userinfo(first.access_token)).status).toBe(401);
  });

  it("when the refresh token is unknown, then it is invalid_grant", async () => {
    await expectInvalidGrant(await refresh("mrt_unknown"));
  });

  it("when another client presents it, then it is invalid_grant and the token still works for its own", async () => {
    const { refresh_token } = await signIn();
    await expectInvalidGrant(
      await refresh(refresh_token, {}, `Basic ${btoa(`${OTHER}:other-secret`)}`),
    );
    expect((await refresh(refresh_token)).status).toBe(200);
  });

  it("when the scope asked is wider than granted, then it is invalid_scope and the token is not spent", async () => {
    const { refresh_token } = await signIn({ scope: "openid email" });
    const wider = await refresh(refresh_token, { scope: "openid profile" });
    expect(wider.status).toBe(400);
    expect((await json(wider)).error).toBe("invalid_scope");
    const same = await refresh(refresh_token, { scope: "openid" });
    expect(same.status).toBe(200);
  });

  it("when refresh_token is missing, then it is invalid_request", async () => {
    const response = await oidcPost({ grant_type: "refresh_token" });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toBe("invalid_request");
  });
});

describe("token lifetimes", () => {
  it("when the client has tokenLifetimeSeconds, then expires_in and the id_token's exp follow it and the token dies on time", async () => {
    const code = await oidcCode({ client_id: SHORT });
    const authorization = `Basic ${btoa(`${SHORT}:short-secret`)}`;
    const tokens = await json(await redeem(code, {}, { authorization }));
    expect(tokens.expires_in).toBe(5);
    const { claims } = await verifyJws(tokens.id_token, await json(await fetch(`${ISSUER}/jwks`)));
    expect(claims.exp - claims.iat).toBe(5);
    clock.now += 4999;
    expect((await userinfo(tokens.access_token)).status).toBe(200);
    clock.now += 1;
    expect((await userinfo(tokens.access_token)).status).toBe(401);
  });

  it("when tokenLifetimeSeconds is not a positive integer, then createMockGitHub throws a TypeError naming it", () => {
    expect(() =>
      createMockGitHub({
        baseUrl: "http://x.test",
        oidcClients: [{ clientId: "a", clientSecret: "b", tokenLifetimeSeconds: 0 }],
      }),
    ).toThrow('"tokenLifetimeSeconds" must be a positive integer');
  });
});
