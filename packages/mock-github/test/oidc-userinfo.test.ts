import { describe, expect, it } from "vitest";
import { MOCK_OIDC_CLIENT_ID, MOCK_OIDC_CLIENT_SECRET } from "../src/index.js";
import { BASE, json, useMockGitHub } from "./helpers.js";
import { issuerOf, oidcPost, signIn, userinfo } from "./oidc-helpers.js";

const OTHER = `Basic ${btoa("other-client:other-secret")}`;
const { mock } = useMockGitHub({
  oidcClients: [
    { clientId: MOCK_OIDC_CLIENT_ID, clientSecret: MOCK_OIDC_CLIENT_SECRET },
    { clientId: "other-client", clientSecret: "other-secret" },
  ],
});
const ISSUER = issuerOf();

const revoke = (
  token: string,
  fields: Record<string, string> = {},
  authorization?: string | null,
) => oidcPost({ token, ...fields }, { path: "/revoke", authorization });
const refresh = (refreshToken: string) =>
  oidcPost({ grant_type: "refresh_token", refresh_token: refreshToken });

describe("GET /oidc/userinfo", () => {
  it("when the bearer token is good, then it answers the user's claims", async () => {
    const { access_token } = await signIn({ login: "monalisa" });
    const response = await userinfo(access_token);
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await json(response)).toEqual({
      sub: "2154",
      name: "Mona Lisa Octocat",
      picture: `${BASE}/avatars/u/2154?v=4`,
      preferred_username: "monalisa",
      email: "mona@example.com",
      email_verified: true,
    });
  });

  it("when the token was granted email only, then only sub and the email come", async () => {
    const { access_token } = await signIn({ scope: "openid email" });
    expect(await json(await userinfo(access_token))).toEqual({
      sub: "583231",
      email: "octocat@github.com",
      email_verified: true,
    });
  });

  it("when asked with POST, then it answers the same", async () => {
    const { access_token } = await signIn();
    const response = await fetch(`${ISSUER}/userinfo`, {
      method: "POST",
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect((await json(response)).sub).toBe("583231");
  });

  it("when the token is unknown, then it is 401 with an invalid_token challenge", async () => {
    const response = await userinfo("mat_nope");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(
      `Bearer realm="${ISSUER}", error="invalid_token"`,
    );
    expect((await json(response)).error).toBe("invalid_token");
  });

  it("when no token is sent, then it is 401 with a bare Bearer challenge", async () => {
    const response = await fetch(`${ISSUER}/userinfo`);
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe(`Bearer realm="${ISSUER}"`);
  });

  it("when a GitHub token is sent, then it is refused: the two token sets are apart", async () => {
    expect((await userinfo(mock.issueToken("octocat"))).status).toBe(401);
  });
});

describe("POST /oidc/revoke", () => {
  it("when an access token is revoked, then 200 and it stops working, while the refresh token lives", async () => {
    const tokens = await signIn();
    const response = await revoke(tokens.access_token, { token_type_hint: "access_token" });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    expect((await refresh(tokens.refresh_token)).status).toBe(200);
  });

  it("when a refresh token is revoked, then it and its grant's access tokens stop working", async () => {
    const tokens = await signIn();
    expect((await revoke(tokens.refresh_token, { token_type_hint: "refresh_token" })).status).toBe(
      200,
    );
    expect((await refresh(tokens.refresh_token)).status).toBe(400);
    expect((await userinfo(tokens.access_token)).status).toBe(401);
  });

  it("when the hint is wrong, then the token is still found and revoked", async () => {
    const tokens = await signIn();
    await revoke(tokens.access_token, { token_type_hint: "refresh_token" });
    expect((await userinfo(tokens.access_token)).status).toBe(401);
  });

  it("when the token is unknown or already revoked, then it still answers 200", async () => {
    const tokens = await signIn();
    await revoke(tokens.access_token);
    expect((await revoke(tokens.access_token)).status).toBe(200);
    expect((await revoke("mat_never")).status).toBe(200);
  });

  it("when another client revokes the token, then 200 but the token keeps working", async () => {
    const tokens = await signIn();
    expect((await revoke(tokens.access_token, {}, OTHER)).status).toBe(200);
    expect((await userinfo(tokens.access_token)).status).toBe(200);
  });

  it("when the client does not authenticate, then it is 401 invalid_client and nothing is revoked", async () => {
    const tokens = await signIn();
    const response = await revoke(tokens.access_token, {}, null);
    expect(response.status).toBe(401);
    expect((await json(response)).error).toBe("invalid_client");
    expect((await userinfo(tokens.access_token)).status).toBe(200);
  });

  it("when no token is given, then it is 400 invalid_request", async () => {
    const response = await oidcPost({}, { path: "/revoke" });
    expect(response.status).toBe(400);
    expect((await json(response)).error).toBe("invalid_request");
  });
});

describe("reset()", () => {
  it("when it runs, then OpenID Connect tokens are forgotten too", async () => {
    const tokens = await signIn();
    mock.reset();
    expect((await userinfo(tokens.access_token)).status).toBe(401);
    expect((await refresh(tokens.refresh_token)).status).toBe(400);
  });
});
