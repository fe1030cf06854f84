import { HttpResponse, http } from "msw";
import { describe, expect, it } from "vitest";
import {
  fetchUser,
  ProviderError,
  ResponseError,
  revokeToken,
  UnsupportedError,
} from "../src/index.js";
import { useMockServer } from "./support/msw.js";
import {
  createTestIdp,
  ISSUER,
  OIDC_ACCESS_TOKEN,
  OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET,
} from "./support/oidc-idp.js";

const server = useMockServer();

describe("fetchUser (OpenID Connect)", () => {
  it("when userinfo answers, then the user is normalized and the bearer token sent", async () => {
    const idp = await createTestIdp(server);
    idp.userinfo = {
      sub: "248289761001",
      preferred_username: "janedoe",
      name: "Jane Doe",
      email: "janedoe@example.com",
      email_verified: true,
      picture: "https://idp.example.com/janedoe/me.jpg",
      profile: "https://idp.example.com/janedoe",
    };
    const { user, raw } = await fetchUser(await idp.provider({ id: "acme" }), OIDC_ACCESS_TOKEN);
    expect(user).toEqual({
      provider: "acme",
      id: "248289761001",
      login: "janedoe",
      name: "Jane Doe",
      email: "janedoe@example.com",
      avatarUrl: "https://idp.example.com/janedoe/me.jpg",
      profileUrl: "https://idp.example.com/janedoe",
    });
    expect(raw).toEqual(idp.userinfo);
    expect(idp.calls.userinfo[0]?.headers.get("authorization")).toBe(`Bearer ${OIDC_ACCESS_TOKEN}`);
  });

  it("when there is no preferred_username, then login falls back to email, then to sub", async () => {
    const idp = await createTestIdp(server);
    const provider = await idp.provider();
    idp.userinfo = { sub: "s1", email: "a@example.com" };
    expect((await fetchUser(provider, OIDC_ACCESS_TOKEN)).user.login).toBe("a@example.com");
    idp.userinfo = { sub: "s1" };
    expect((await fetchUser(provider, OIDC_ACCESS_TOKEN)).user).toMatchObject({
      login: "s1",
      name: null,
      email: null,
      avatarUrl: null,
      profileUrl: null,
    });
  });

  it("when email_verified is false, then the email is dropped; when absent, it is kept", async () => {
    const idp = await createTestIdp(server);
    idp.userinfo = { sub: "s1", email: "a@example.com", email_verified: false };
    expect((await fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN)).user.email).toBeNull();
    idp.userinfo = { sub: "s1", email: "a@example.com" };
    expect((await fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN)).user.email).toBe(
      "a@example.com",
    );
  });

  it("when the userinfo sub is not the id_token's, then it is a ResponseError", async () => {
    const idp = await createTestIdp(server);
    idp.userinfo = { sub: "someone-else" };
    await expect(
      fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN, { expectedSubject: "user-1" }),
    ).rejects.toThrow(`the userinfo "sub" is not the id_token's subject`);
    idp.userinfo = { sub: "user-1" };
    await expect(
      fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN, { expectedSubject: "user-1" }),
    ).resolves.toBeDefined();
  });

  it("when sub is missing or picture is not http(s), then it is refused or dropped", async () => {
    const idp = await createTestIdp(server);
    idp.userinfo = { preferred_username: "x" };
    await expect(fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN)).rejects.toThrow(
      '"sub" must be a string',
    );
    idp.userinfo = { sub: "s", picture: "javascript:alert(1)" };
    expect((await fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN)).user.avatarUrl).toBeNull();
  });

  it("when userinfo answers 401, then it says the token was rejected", async () => {
    const idp = await createTestIdp(server);
    server.use(http.get(`${ISSUER}/userinfo`, () => new HttpResponse(null, { status: 401 })));
    await expect(fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN)).rejects.toMatchObject({
      status: 401,
      message: "the provider rejected the access token",
    });
  });

  it("when the provider has no userinfo endpoint, then it is an UnsupportedError", async () => {
    const idp = await createTestIdp(server, { document: { userinfo_endpoint: undefined } });
    await expect(fetchUser(await idp.provider(), OIDC_ACCESS_TOKEN)).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });
});

describe("revokeToken (OpenID Connect)", () => {
  it("when a revocation endpoint is discovered, then the token is POSTed to it with client auth", async () => {
    const idp = await createTestIdp(server);
    await revokeToken(await idp.provider(), OIDC_ACCESS_TOKEN);
    expect(idp.calls.revoke).toHaveLength(1);
    const request = idp.calls.revoke[0] as Request;
    expect(request.headers.get("authorization")).toBe(
      `Basic ${btoa(`${OIDC_CLIENT_ID}:${OIDC_CLIENT_SECRET}`)}`,
    );
    expect(Object.fromEntries(new URLSearchParams(await request.text()))).toEqual({
      token: OIDC_ACCESS_TOKEN,
      token_type_hint: "access_token",
    });
  });

  it("when client_secret_post is configured, then the credentials go in the body", async () => {
    const idp = await createTestIdp(server);
    await revokeToken(await idp.provider({ clientAuth: "client_secret_post" }), OIDC_ACCESS_TOKEN);
    const body = new URLSearchParams(await (idp.calls.revoke[0] as Request).text());
    expect(body.get("client_id")).toBe(OIDC_CLIENT_ID);
    expect(body.get("client_secret")).toBe(OIDC_CLIENT_SECRET);
  });

  it("when the endpoint answers an OAuth error or a 500, then it is a ProviderError or ResponseError", async () => {
    const idp = await createTestIdp(server);
    server.use(
      http.post(
        `${ISSUER}/revoke`,
        () => HttpResponse.json({ error: "invalid_client" }, { status: 401 }),
        {
          once: true,
        },
      ),
      http.post(`${ISSUER}/revoke`, () => HttpResponse.text("oops", { status: 500 }), {
        once: true,
      }),
    );
    await expect(revokeToken(await idp.provider(), OIDC_ACCESS_TOKEN)).rejects.toBeInstanceOf(
      ProviderError,
    );
    await expect(revokeToken(await idp.provider(), OIDC_ACCESS_TOKEN)).rejects.toMatchObject({
      constructor: ResponseError,
      status: 500,
    });
  });

  it("when no revocation endpoint is discovered, then it is an UnsupportedError", async () => {
    const idp = await createTestIdp(server, { document: { revocation_endpoint: undefined } });
    await expect(revokeToken(await idp.provider(), OIDC_ACCESS_TOKEN)).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });
});
