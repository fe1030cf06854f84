import { generateKeyPairSync, type KeyObject, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AppDeps } from "../src/app.js";
import { TestBrowser } from "./support/browser.js";
import { startGateway } from "./support/gateway.js";
import { useMockGitHub } from "./support/network.js";
import { CLIENT, gatewayAt, jwtPayload, startLogoutReceiver } from "./support/oidc-gateway.js";
import { startOidcProvider } from "./support/oidc-provider.js";
import { OidcUser } from "./support/oidc-user.js";

// Closes the network: the gateway and the provider reach each other on loopback only.
useMockGitHub();

const CSRF = { "X-CSRF": "1" };
const BACKCHANNEL = "/auth/oidc/backchannel-logout";

/** Posts a logout token to a gateway's back-channel endpoint, as a provider would. */
function postLogoutToken(gatewayUrl: string, token: string, contentType?: string) {
  return fetch(`${gatewayUrl}${BACKCHANNEL}`, {
    method: "POST",
    headers: { "Content-Type": contentType ?? "application/x-www-form-urlencoded" },
    body: contentType ? token : new URLSearchParams({ logout_token: token }).toString(),
  });
}

/** A JWS made here with `key`: a forgery, since the provider never published that key. */
function signJwt(header: object, payload: object, key: KeyObject): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString("base64url");
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${sign("RSA-SHA256", Buffer.from(input), key).toString("base64url")}`;
}

async function expectRefused(response: Response, error = "invalid_logout_token") {
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toMatch(/^application\/json/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(await response.json()).toMatchObject({ error });
}

describe("RP-initiated logout against an independent provider", () => {
  it("when Ada signs out with OIDC_LOGOUT=provider, then the provider's session ends too and she lands on the login page with the notice", async () => {
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op, { OIDC_LOGOUT: "provider" });
    const user = new OidcUser(op.issuer);
    await user.signIn(gateway.url, "ada");
    expect(op.store.sessions()).toMatchObject([{ accountId: "ada" }]);
    const browser = user.at(gateway.url);

    const out = await browser.post("/auth/logout", CSRF);

    expect(out.status).toBe(200);
    const { endSessionUrl } = (await out.json()) as { endSessionUrl: string };
    const url = new URL(endSessionUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${op.issuer}/session/end`);
    expect(url.searchParams.get("client_id")).toBe(CLIENT.client_id);
    expect(url.searchParams.get("post_logout_redirect_uri")).toBe(
      `${gateway.url}/auth/oidc/logged-out`,
    );
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(jwtPayload(url.searchParams.get("id_token_hint") ?? "")).toMatchObject({
      iss: op.issuer,
      aud: CLIENT.client_id,
      sub: "ada",
    });
    // The session here is over before the browser even reaches the provider.
    expect((await browser.get("/api/me")).status).toBe(401);

    const back = await user.followEndSession(endSessionUrl);

    expect(`${back.origin}${back.pathname}`).toBe(`${gateway.url}/auth/oidc/logged-out`);
    expect(back.searchParams.get("state")).toBe(url.searchParams.get("state"));
    await op.events.waitFor("end_session.success");
    expect(op.store.sessions()).toEqual([]);
    const landed = await browser.get(`${back.pathname}${back.search}`);
    expect(landed.status).toBe(302);
    expect(landed.headers.get("location")).toBe("/login?notice=provider_signed_out");
    // The grant went at the same logout: the refresh token was revoked.
    expect(op.events.named("revocation.success").map((e) => e.revoked?.kind)).toContain(
      "RefreshToken",
    );
  });

  it("when the provider sends a browser back with another state or none, then it lands on the login page without the notice", async () => {
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op, { OIDC_LOGOUT: "provider" });
    const user = new OidcUser(op.issuer);
    await user.signIn(gateway.url, "ada");
    const browser = user.at(gateway.url);
    await browser.post("/auth/logout", CSRF);

    for (const query of ["?state=forged", "", "?state="]) {
      const landed = await browser.get(`/auth/oidc/logged-out${query}`);
      expect(landed.status).toBe(302);
      expect(landed.headers.get("location")).toBe("/login");
    }
    // A browser that never signed out gets no notice either.
    const stranger = new TestBrowser(gateway.url);
    expect((await stranger.get("/auth/oidc/logged-out?state=x")).headers.get("location")).toBe(
      "/login",
    );
  });

  it("when OIDC_LOGOUT is left at local, then logout answers 204 and the provider's session stays", async () => {
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op);
    const user = new OidcUser(op.issuer);
    await user.signIn(gateway.url, "ada");

    const out = await user.at(gateway.url).post("/auth/logout", CSRF);

    expect(out.status).toBe(204);
    expect(op.store.sessions()).toMatchObject([{ accountId: "ada" }]);
    expect(op.events.named("end_session.success")).toEqual([]);
  });
});

describe("back-channel logout against an independent provider", () => {
  it("when Ada signs out at the provider, then the provider itself ends her gateway session, and Grace's stays", async () => {
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op, {}, (url) => ({
      backchannel_logout_uri: `${url}${BACKCHANNEL}`,
    }));
    const ada = new OidcUser(op.issuer);
    const grace = new OidcUser(op.issuer);
    await ada.signIn(gateway.url, "ada");
    await grace.signIn(gateway.url, "grace");

    await ada.endSessionAtProvider();

    const delivered = await op.events.waitFor("backchannel.success");
    expect(delivered).toMatchObject({ clientId: CLIENT.client_id, accountId: "ada" });
    expect(op.events.named("backchannel.error")).toEqual([]);
    expect((await ada.at(gateway.url).get("/api/me")).status).toBe(401);
    expect((await grace.at(gateway.url).get("/api/me")).status).toBe(200);
  });

  it("when one provider session holds two gateway sessions, then its logout ends both; another browser's stays", async () => {
    const op = await startOidcProvider();
    const gateway = await gatewayAt(op, {}, (url) => ({
      backchannel_logout_uri: `${url}${BACKCHANNEL}`,
    }));
    const ada = new OidcUser(op.issuer);
    const adaElsewhere = new OidcUser(op.issuer);
    await ada.signIn(gateway.url, "ada");
    const firstCookie = ada.at(gateway.url).sessionCookie() ?? "";
    // Signing in again in the same browser: the provider's session is reused.
    await ada.signIn(gateway.url, "ada");
    await adaElsewhere.signIn(gateway.url, "ada");
    const first = new TestBrowser(gateway.url);
    first.cookies.set("latchkey.session", firstCookie);
    expect((await first.get("/api/me")).status).toBe(200);

    await ada.endSessionAtProvider();
    await op.events.waitFor("backchannel.success");

    expect((await first.get("/api/me")).status).toBe(401);
    expect((await ada.at(gateway.url).get("/api/me")).status).toBe(401);
    expect((await adaElsewhere.at(gateway.url).get("/api/me")).status).toBe(200);
  });
});

describe("logout tokens the gateway refuses", () => {
  /**
   * A gateway where Ada is signed in, and a real logout token for her session that the
   * provider sent to a recorder instead of the gateway: each test then delivers it, or a
   * corrupted copy, itself.
   */
  async function capturedToken(env: Record<string, string> = {}, deps: AppDeps = {}) {
    const op = await startOidcProvider();
    const receiver = await startLogoutReceiver();
    const gateway = await gatewayAt(op, env, { backchannel_logout_uri: receiver.url }, (e) =>
      startGateway(e, deps),
    );
    const ada = new OidcUser(op.issuer);
    await ada.signIn(gateway.url, "ada");
    await ada.endSessionAtProvider();
    await op.events.waitFor("backchannel.success");
    const token = new URLSearchParams(receiver.bodies[0]).get("logout_token") ?? "";
    const signedIn = ada.at(gateway.url);
    expect((await signedIn.get("/api/me")).status).toBe(200);
    return { op, gateway, token, signedIn };
  }

  it("when the provider's token is delivered twice, then the first ends the session and the replay is a 400", async () => {
    const { gateway, token, signedIn } = await capturedToken();
    const first = await postLogoutToken(gateway.url, token);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("no-store");
    expect((await signedIn.get("/api/me")).status).toBe(401);
    await expectRefused(await postLogoutToken(gateway.url, token));
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toContain(
      'latchkey_backchannel_logouts_total{provider="oidc",outcome="accepted"} 1',
    );
    expect(metrics).toContain(
      'latchkey_backchannel_logouts_total{provider="oidc",outcome="replayed"} 1',
    );
  });

  it("when the token is re-signed with a key the provider never published, then it is a 400 and nothing ends", async () => {
    const { gateway, token, signedIn } = await capturedToken();
    const header = JSON.parse(Buffer.from(token.split(".")[0] ?? "", "base64url").toString()) as {
      kid?: string;
      alg: string;
      typ?: string;
    };
    const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const forged = signJwt(
      { alg: "RS256", kid: header.kid, typ: header.typ ?? "logout+jwt" },
      jwtPayload(token),
      privateKey,
    );
    await expectRefused(await postLogoutToken(gateway.url, forged));
    // A changed payload under the provider's own signature is refused the same way.
    const [h, , sig] = token.split(".");
    const altered = Buffer.from(JSON.stringify({ ...jwtPayload(token), sid: "another" })).toString(
      "base64url",
    );
    await expectRefused(await postLogoutToken(gateway.url, `${h}.${altered}.${sig}`));
    expect((await signedIn.get("/api/me")).status).toBe(200);
  });

  it("when the token arrives long after it was issued, then it is a 400 and nothing ends", async () => {
    const clock = { skew: 0 };
    const { gateway, token, signedIn } = await capturedToken(
      {},
      { now: () => Date.now() + clock.skew },
    );
    clock.skew = 10 * 60_000;
    await expectRefused(await postLogoutToken(gateway.url, token));
    clock.skew = 0;
    expect((await signedIn.get("/api/me")).status).toBe(200);
  });

  it("when the token was issued to another client of the provider, then it is a 400 and nothing ends", async () => {
    const op = await startOidcProvider();
    const otherReceiver = await startLogoutReceiver();
    const gateway = await gatewayAt(op);
    // Another app at the same provider, where Ada is signed in within the same provider session.
    const other = await gatewayAt(
      op,
      {},
      {
        client_id: "another-app",
        client_secret: "another-app-secret-at-the-provider",
        backchannel_logout_uri: otherReceiver.url,
      },
    );
    const ada = new OidcUser(op.issuer);
    await ada.signIn(gateway.url, "ada");
    await ada.signIn(other.url, "ada");
    await ada.endSessionAtProvider();
    await op.events.waitFor("backchannel.success");
    const foreign = new URLSearchParams(otherReceiver.bodies[0]).get("logout_token") ?? "";
    expect(jwtPayload(foreign).aud).toBe("another-app");

    await expectRefused(await postLogoutToken(gateway.url, foreign));
    expect((await ada.at(gateway.url).get("/api/me")).status).toBe(200);
  });

  it("when the body is not a logout token form, then it is a 400 invalid_request", async () => {
    const { gateway, signedIn } = await capturedToken();
    await expectRefused(await postLogoutToken(gateway.url, ""), "invalid_request");
    await expectRefused(
      await postLogoutToken(gateway.url, JSON.stringify({ logout_token: "x" }), "application/json"),
      "invalid_request",
    );
    await expectRefused(await postLogoutToken(gateway.url, "not.a.jwt"));
    await expectRefused(await postLogoutToken(gateway.url, "garbage"));
    expect((await signedIn.get("/api/me")).status).toBe(200);
  });
});
