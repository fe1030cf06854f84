import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createSessionCookie, type SessionData } from "../src/session/session.js";
import { createSealer } from "../src/stores/sealed.js";
import { TEST_SECRET } from "./support/gateway.js";

/**
 * A session cookie as iron-session 8.0.4 sealed it (`sealData(SESSION, { password: { 1:
 * TEST_SECRET }, ttl })`), kept verbatim: cookies in browsers and values in Redis written by
 * gateways before an upgrade must still open after it. The ttl was 100 years rather than 0:
 * every seal the gateway writes carries an expiry, so the fixture keeps that field in play
 * (its expiry is in 2126) while never going stale.
 */
const IRON_SESSION_8_SEAL =
  "Fe26.2*1*65aacda50ad6cb5319ba6764903493d34933e718e8cda9a4349fcda3d6ba8ef3*ejBD4mg14ccRAnviXSXm6g*D_ssAziCAVWrQI0FEMiLHZ4koDjnDamncEAArjyJyyrNUomwXmPTFzFDzGtUSKVejYmHmkY4NNLYaDJcYxPm0nfVSL7nh_DXp6-fpXaJoYhvyqa3U4JsUZqntWfrNPKJicXfJxfBtkkcswFBGQw3foTcFV9WnufNFPfz3uz24cAAdsPK5dpXPP2y2ePB7A8k8yj4wymRoOTmSoVH9m3K0QvqI9BznGqIAiJX-SgBRCUfBbA3x3xxmYEvJGSMvCzDwrBkRI7KdgW22ErtAP-gq9EglGpX7W7PYYD7Nm7StqF6QDIiLPohJCWu-Ngx7FLlg8vKIBtTv07cpqG2BJuLlS82v36U6_8MoYPTwnfNFylI9VVJy5BDGxktSmNcxGL36TDh2nVpDwymXjCIJ9QAog9Stx4Tbu5KaHFOw09EudBay4VgGjJqhYUIdIoK_L9cdFZaCvv6jEPElnxNOjRjV5aQHpkDjhOnfkz9LYEeSk5lSpY3_0YWCnzInqgjVt1a3GsCGoNZgwytTu0ZmepgU-2wMokr1dH8MtyqUwQysvZbD4cX5jZj4jkv7KKGkRkv*4949894635608*814585772ae0a1d74bc334985923b02bbd1e3c0323839e0038c40b7fecf4bbc1*cmUwZq58QTZQ1wssQ0yBCKfv76eMuW7DNzhQLl0tFpU~2";

/** What that seal holds. */
const SESSION: SessionData = {
  v: 2,
  sid: "fixture-sid-0123456789abcdef",
  provider: "github",
  user: {
    provider: "github",
    id: "583231",
    login: "octocat",
    name: "The Octocat",
    email: null,
    avatarUrl: "https://avatars.githubusercontent.com/u/583231?v=4",
    profileUrl: "https://github.com/octocat",
  },
  token: { accessToken: "gho_fixture", tokenType: "bearer", scopes: ["read:user"] },
  createdAt: 1767225600000,
  lastSeenAt: 1767225600000,
  expiresAt: 4102444800000,
};

const WEEK_SECONDS = 7 * 24 * 3600;

function sessionCookie(secrets: Record<string, string>) {
  return createSessionCookie({ secrets, absoluteTimeoutSeconds: WEEK_SECONDS, secure: false });
}

function requestWith(cookie: string): IncomingMessage {
  return { headers: { cookie } } as IncomingMessage;
}

describe("seals written by earlier gateways", () => {
  it("when a session cookie sealed by iron-session 8 comes in, then it opens to the same session", async () => {
    const read = await sessionCookie({ 1: TEST_SECRET }).read(
      requestWith(`latchkey.session=${IRON_SESSION_8_SEAL}`),
    );
    expect(read).toEqual(SESSION);
  });

  it("when the secrets have been rotated but still hold the old one, then the old seal still opens", async () => {
    const rotated = { 2: "a-newer-secret-that-is-at-least-32-characters", 1: TEST_SECRET };
    const read = await sessionCookie(rotated).read(
      requestWith(`latchkey.session=${IRON_SESSION_8_SEAL}`),
    );
    expect(read).toEqual(SESSION);
  });

  it("when the old secret has been removed, then the old seal reads as absent", async () => {
    const read = await sessionCookie({ 2: "a-newer-secret-that-is-at-least-32-characters" }).read(
      requestWith(`latchkey.session=${IRON_SESSION_8_SEAL}`),
    );
    expect(read).toBeUndefined();
  });

  it("when a value sealed by iron-session 8 is read back from a shared store, then it opens too", async () => {
    const sealer = createSealer({ 1: TEST_SECRET });
    const opened = await sealer.open(
      IRON_SESSION_8_SEAL,
      z.object({ sid: z.string(), user: z.object({ login: z.string() }) }),
    );
    expect(opened).toEqual({ sid: SESSION.sid, user: { login: "octocat" } });
  });
});
