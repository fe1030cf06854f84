import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { useMockGitHub } from "./support/network.js";
import { CLIENT, gatewayAt, jwtPayload, startLogoutReceiver } from "./support/oidc-gateway.js";
import { startOidcProvider, type TestOidcProvider } from "./support/oidc-provider.js";
import { OidcUser } from "./support/oidc-user.js";
import { startUpstream } from "./support/upstream.js";

// Closes the network: the gateway and the provider reach each other on loopback only.
useMockGitHub();

/** The ids (the token values themselves) of what the provider saved, oldest first. */
const saved = (op: TestOidcProvider, model: string) =>
  op.events.named(`${model}.saved`).map((event) => event.model?.jti ?? "");

describe("the gateway against an independent OpenID provider (oidc-provider)", () => {
  it("when Ada signs in through the provider, then /api/me names the provider's subject, and the code was PKCE-bound", async () => {
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op);
    const user = new OidcUser(op.issuer);

    const callback = await user.signIn(gateway.url, "ada", "/restricted");

    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("/restricted");
    const me = await user.at(gateway.url).get("/api/me");
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      provider: "oidc",
      user: {
        provider: "oidc",
        id: "ada",
        login: "ada.lovelace",
        email: "ada@example.test",
        name: "Ada Lovelace",
      },
    });
    const [code] = op.events.named("authorization_code.saved");
    expect(code?.model).toMatchObject({ clientId: CLIENT.client_id, codeChallengeMethod: "S256" });
    // The provider checks the verifier against that challenge before it answers the exchange.
    expect(op.events.named("grant.success")).toMatchObject([
      { grantType: "authorization_code", clientId: CLIENT.client_id },
    ]);
    expect(op.events.named("grant.error")).toEqual([]);
    expect(op.store.operations).toContainEqual({
      op: "consume",
      model: "AuthorizationCode",
      id: code?.model?.jti,
    });
  });

  it("when the access token has expired, then the next proxied call refreshes it at the provider and sends the new one", async () => {
    const op = await startOidcProvider({ accessTokenTtlSeconds: 1 });
    const upstream = await startUpstream();
    const gateway = await gatewayAt(op, { UPSTREAMS: `orders=${upstream.url}` });
    const user = new OidcUser(op.issuer);
    await user.signIn(gateway.url, "ada");
    const [first] = saved(op, "access_token");
    const [refreshToken] = saved(op, "refresh_token");

    await sleep(1_100);
    expect(op.store.has("AccessToken", first ?? "")).toBe(false);
    const answer = await user.at(gateway.url).get("/api/orders/v1/orders", { "x-csrf": "1" });

    expect(answer.status).toBe(200);
    const refreshed = await op.events.waitFor("grant.success", 2_000, (e) => {
      return e.grantType === "refresh_token";
    });
    expect(refreshed.clientId).toBe(CLIENT.client_id);
    // The provider rotates: the refresh token the session held is spent, a new one issued.
    expect(op.events.named("refresh_token.consumed").map((e) => e.model?.jti)).toEqual([
      refreshToken,
    ]);
    const latest = saved(op, "access_token").at(-1) ?? "";
    expect(latest).not.toBe(first);
    expect(op.store.has("AccessToken", latest)).toBe(true);
    expect(upstream.arrivals.map((arrival) => arrival.headers.authorization)).toEqual([
      `Bearer ${latest}`,
    ]);
  });

  it("when Ada signs out, then the provider has revoked her refresh token, dropped the grant and no longer knows the access token", async () => {
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op);
    const user = new OidcUser(op.issuer);
    await user.signIn(gateway.url, "ada");
    const [accessToken = ""] = saved(op, "access_token");
    const [refreshToken = ""] = saved(op, "refresh_token");
    const grantId = op.store.grantOf(refreshToken) ?? "";
    expect(op.store.has("Grant", grantId)).toBe(true);

    const out = await user.at(gateway.url).post("/auth/logout", { "x-csrf": "1" });

    expect(out.status).toBe(204);
    const revoked = op.events.named("revocation.success").map((e) => e.revoked?.kind);
    expect(revoked).toContain("RefreshToken");
    await op.events.waitFor("grant.revoked", 1_000, (e) => e.grantId === grantId);
    expect(op.store.has("RefreshToken", refreshToken)).toBe(false);
    expect(op.store.has("Grant", grantId)).toBe(false);
    expect(op.store.has("AccessToken", accessToken)).toBe(false);
    expect(await op.provider.RefreshToken.find(refreshToken)).toBeUndefined();
    expect(await op.provider.AccessToken.find(accessToken)).toBeUndefined();
    expect((await user.at(gateway.url).get("/api/me")).status).toBe(401);
  });
});

describe("the test provider itself", () => {
  it("when Ada signs out at the provider, then it POSTs a logout_token for her session to the client's back-channel URI", async () => {
    const receiver = await startLogoutReceiver();
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op, {}, { backchannel_logout_uri: receiver.url });
    const user = new OidcUser(op.issuer);
    await user.signIn(gateway.url, "ada");
    expect(op.store.sessions()).toMatchObject([{ accountId: "ada" }]);

    const landed = await user.endSessionAtProvider();

    expect(landed.href).toBe(`${op.issuer}/session/end/success`);
    const delivered = await op.events.waitFor("backchannel.success");
    expect(delivered).toMatchObject({ clientId: CLIENT.client_id, accountId: "ada" });
    expect(receiver.bodies).toHaveLength(1);
    const logoutToken = new URLSearchParams(receiver.bodies[0]).get("logout_token") ?? "";
    const claims = jwtPayload(logoutToken);
    expect(claims).toMatchObject({
      iss: op.issuer,
      aud: CLIENT.client_id,
      sub: "ada",
      sid: delivered.sid,
      events: { "http://schemas.openid.net/event/backchannel-logout": {} },
    });
    expect(claims).not.toHaveProperty("nonce");
    expect(op.store.sessions()).toEqual([]);
    expect(op.store.all("Grant")).toEqual([]);
  });

  it("when an end-session URL for the gateway is followed and confirmed, then the provider sends the browser to post_logout_redirect_uri with the state", async () => {
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op);
    const user = new OidcUser(op.issuer);
    await user.signIn(gateway.url, "grace");
    const endSession = new URL(`${op.issuer}/session/end`);
    endSession.search = new URLSearchParams({
      client_id: CLIENT.client_id,
      post_logout_redirect_uri: `${gateway.url}/`,
      state: "came-from-the-gateway",
    }).toString();

    const landed = await user.followEndSession(endSession.href);

    expect(landed.href).toBe(`${gateway.url}/?state=came-from-the-gateway`);
    await op.events.waitFor("end_session.success");
    expect(op.store.sessions()).toEqual([]);
  });
});
