import { describe, expect, it } from "vitest";
import { TestBrowser } from "./support/browser.js";
import { useMockGitHub } from "./support/network.js";
import { CLIENT, gatewayAt } from "./support/oidc-gateway.js";
import { startOidcProvider } from "./support/oidc-provider.js";
import { OidcUser } from "./support/oidc-user.js";
import { startRedisGateway, useRedisServer } from "./support/redis.js";

useMockGitHub();
const redis = useRedisServer();

/** Another instance of the gateway registered at the provider (same client). */
const oidcEnv = (issuer: string) => ({
  OIDC_ISSUER: issuer,
  OIDC_CLIENT_ID: CLIENT.client_id,
  OIDC_CLIENT_SECRET: CLIENT.client_secret,
});

describe("back-channel logout across gateway instances sharing Redis", () => {
  it("when the provider's logout reaches one instance, then the session started on another ends on both", async () => {
    const op = await startOidcProvider();
    const onRedis = (env: Record<string, string>) => startRedisGateway(redis.url, env);
    // Two instances of one deployment: same secret, same Redis. Ada signs in on the first;
    // the provider's back-channel call is registered to reach the second.
    const second = await onRedis(oidcEnv(op.issuer));
    const first = await gatewayAt(
      op,
      {},
      () => ({ backchannel_logout_uri: `${second.url}/auth/oidc/backchannel-logout` }),
      onRedis,
    );
    const ada = new OidcUser(op.issuer);
    await ada.signIn(first.url, "ada");
    const cookie = ada.at(first.url).sessionCookie() ?? "";
    const onSecond = new TestBrowser(second.url);
    onSecond.cookies.set("latchkey.session", cookie);
    expect((await ada.at(first.url).get("/api/me")).status).toBe(200);
    expect((await onSecond.get("/api/me")).status).toBe(200);

    await ada.endSessionAtProvider();
    const delivered = await op.events.waitFor("backchannel.success");

    expect(delivered).toMatchObject({ accountId: "ada" });
    expect((await ada.at(first.url).get("/api/me")).status).toBe(401);
    expect((await onSecond.get("/api/me")).status).toBe(401);
  });

  it("when a user ends a session from the list on one instance, then it is refused on the other", async () => {
    const op = await startOidcProvider();
    const onRedis = (env: Record<string, string>) => startRedisGateway(redis.url, env);
    const first = await gatewayAt(op, {}, {}, onRedis);
    const laptop = new OidcUser(op.issuer);
    const phone = new OidcUser(op.issuer);
    await laptop.signIn(first.url, "ada");
    await phone.signIn(first.url, "ada");
    const second = await onRedis(oidcEnv(op.issuer));
    // The laptop's requests now reach the second instance: it lists both sessions.
    const laptopOnSecond = new TestBrowser(second.url);
    laptopOnSecond.cookies.set("latchkey.session", laptop.at(first.url).sessionCookie() ?? "");
    const listed = (await (await laptopOnSecond.get("/api/sessions")).json()) as {
      sessions: { id: string; current: boolean }[];
    };
    expect(listed.sessions.map((s) => s.current)).toEqual([false, true]);
    const phoneSession = listed.sessions.find((s) => !s.current);

    const ended = await laptopOnSecond.request(`/api/sessions/${phoneSession?.id}`, {
      method: "DELETE",
      headers: { "X-CSRF": "1" },
    });

    expect(ended.status).toBe(204);
    expect((await phone.at(first.url).get("/api/me")).status).toBe(401);
    expect((await laptop.at(first.url).get("/api/me")).status).toBe(200);
  });
});
