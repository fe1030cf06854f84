import { base64url, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { delay, HttpResponse, http } from "msw";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  LogoutTokenError,
  NetworkError,
  oidc,
  type Provider,
  ResponseError,
  TimeoutError,
  UnsupportedError,
  type VerifyLogoutTokenOptions,
  verifyLogoutToken,
} from "../src/index.js";
import { argumentError } from "./support/argument-error.js";
import { testGitHub } from "./support/github.js";
import { useMockServer } from "./support/msw.js";

const server = useMockServer();

const ISSUER = "https://op.example.com";
const CLIENT_ID = "rp-client";
const CLIENT_SECRET = "rp-client-secret-0123456789";
const JWKS_URI = `${ISSUER}/jwks`;
const EVENT = "http://schemas.openid.net/event/backchannel-logout";
/** Milliseconds: 2027-01-15, a fixed clock so that iat and exp are exact. */
const NOW = 1_800_000_000_000;
const IAT = NOW / 1000;

type Claims = Record<string, unknown>;
interface SigningKey {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string, alg: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, alg, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

let rsa: SigningKey;
let ec: SigningKey;
/** Signs under the published key's `kid`, but the JWKS never held this key: a forgery. */
let forger: SigningKey;

/** The JWKS the issuer publishes now, and each request it got for it. */
let published: JWK[];
let jwksRequests: Request[];

function serveIssuer(
  jwks: () => Response | Promise<Response> = () => HttpResponse.json({ keys: published }),
) {
  server.use(
    http.get(`${ISSUER}/.well-known/openid-configuration`, () =>
      HttpResponse.json({
        issuer: ISSUER,
        authorization_endpoint: `${ISSUER}/auth`,
        token_endpoint: `${ISSUER}/token`,
        jwks_uri: JWKS_URI,
        response_types_supported: ["code"],
        subject_types_supported: ["public"],
        id_token_signing_alg_values_supported: ["RS256", "ES256"],
        backchannel_logout_supported: true,
        backchannel_logout_session_supported: true,
      }),
    ),
    http.get(JWKS_URI, ({ request }) => {
      jwksRequests.push(request);
      return jwks();
    }),
  );
}

const makeProvider = (timeout?: number) =>
  oidc({ issuer: ISSUER, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, timeout });

/** Valid logout-token claims at NOW, then `overrides` (undefined removes one). */
function claims(overrides: Claims = {}): Claims {
  const all: Claims = {
    iss: ISSUER,
    aud: CLIENT_ID,
    iat: IAT,
    exp: IAT + 120,
    jti: "jti-0001",
    events: { [EVENT]: {} },
    sid: "op-session-1",
    ...overrides,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
}

function sign(
  body: Claims,
  key: SigningKey = rsa,
  header: Record<string, unknown> = { typ: "logout+jwt" },
): Promise<string> {
  return new SignJWT(body)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, ...header })
    .sign(key.privateKey);
}

const encodeJson = (value: unknown) => base64url.encode(JSON.stringify(value));
const at = (ms: number): VerifyLogoutTokenOptions => ({ now: () => ms });

/** The LogoutTokenError a refused token is, checked to leave the token out of its message. */
async function refusal(provider: Provider, token: string, options = at(NOW)) {
  const error = await verifyLogoutToken(provider, token, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LogoutTokenError);
  if (token !== "") expect((error as Error).message).not.toContain(token);
  return error as LogoutTokenError;
}

beforeAll(async () => {
  [rsa, ec, forger] = await Promise.all([
    signingKey("rsa-1", "RS256"),
    signingKey("ec-2", "ES256"),
    signingKey("rsa-1", "RS256"),
  ]);
});

beforeEach(() => {
  published = [rsa.jwk];
  jwksRequests = [];
  serveIssuer();
});

describe("verifyLogoutToken", () => {
  it("when the token names a session only, then its issuer, sid, jti and times come back", async () => {
    const provider = await makeProvider();
    const token = await sign(claims());
    await expect(verifyLogoutToken(provider, token, at(NOW))).resolves.toEqual({
      issuer: ISSUER,
      sessionId: "op-session-1",
      jti: "jti-0001",
      issuedAt: IAT,
      expiresAt: IAT + 120,
    });
  });

  it("when the token names a subject only, without exp, then the subject comes back and no expiry", async () => {
    const token = await sign(claims({ sid: undefined, sub: "user-7", exp: undefined }));
    await expect(verifyLogoutToken(await makeProvider(), token, at(NOW))).resolves.toEqual({
      issuer: ISSUER,
      subject: "user-7",
      jti: "jti-0001",
      issuedAt: IAT,
    });
  });

  it("when the token names both, for several audiences, typed application/logout+JWT, then both come back", async () => {
    const token = await sign(claims({ sub: "user-7", aud: ["another-rp", CLIENT_ID] }), rsa, {
      typ: "application/logout+JWT",
    });
    await expect(verifyLogoutToken(await makeProvider(), token, at(NOW))).resolves.toMatchObject({
      subject: "user-7",
      sessionId: "op-session-1",
    });
  });

  it("when the token has no typ header, then it is accepted", async () => {
    const token = await sign(claims(), rsa, {});
    await expect(verifyLogoutToken(await makeProvider(), token, at(NOW))).resolves.toMatchObject({
      jti: "jti-0001",
    });
  });

  it("when a token is 400 s old and maxAgeSeconds is 600, then it is accepted", async () => {
    const token = await sign(claims({ iat: IAT - 400, exp: undefined }));
    const options = { ...at(NOW), maxAgeSeconds: 600 };
    await expect(verifyLogoutToken(await makeProvider(), token, options)).resolves.toMatchObject({
      issuedAt: IAT - 400,
    });
  });

  it("when two tokens are checked, then the issuer's JWKS is fetched once, with the provider's fetch", async () => {
    const provider = await makeProvider();
    await verifyLogoutToken(provider, await sign(claims()), at(NOW));
    await verifyLogoutToken(provider, await sign(claims({ jti: "jti-0002" })), at(NOW + 1000));
    expect(jwksRequests).toHaveLength(1);
  });

  const refused: [string, () => Promise<string>, Pick<LogoutTokenError, "reason" | "check">][] = [
    [
      "it is signed by a key the issuer never published",
      () => sign(claims(), forger),
      { reason: "signature", check: "signature" },
    ],
    [
      'its alg is "none"',
      async () => `${encodeJson({ alg: "none", typ: "logout+jwt" })}.${encodeJson(claims())}.`,
      { reason: "alg", check: "alg" },
    ],
    [
      "it is HS256 with the client secret as key",
      () =>
        new SignJWT(claims())
          .setProtectedHeader({ alg: "HS256", typ: "logout+jwt" })
          .sign(new TextEncoder().encode(CLIENT_SECRET)),
      { reason: "alg", check: "alg" },
    ],
    [
      "its iss is another issuer",
      () => sign(claims({ iss: "https://evil.example.com" })),
      { reason: "claims", check: "iss" },
    ],
    [
      "its aud is another client",
      () => sign(claims({ aud: "another-rp" })),
      { reason: "claims", check: "aud" },
    ],
    [
      "its iat is 2 minutes in the future",
      () => sign(claims({ iat: IAT + 120, exp: IAT + 300 })),
      { reason: "claims", check: "iat" },
    ],
    [
      "its iat is older than 300 s (and the clock tolerance)",
      () => sign(claims({ iat: IAT - 331, exp: undefined })),
      { reason: "claims", check: "iat" },
    ],
    [
      "its iat is missing",
      () => sign(claims({ iat: undefined })),
      { reason: "claims", check: "iat" },
    ],
    [
      "its exp has passed",
      () => sign(claims({ iat: IAT - 100, exp: IAT - 60 })),
      { reason: "claims", check: "exp" },
    ],
    [
      "its jti is missing",
      () => sign(claims({ jti: undefined })),
      { reason: "claims", check: "jti" },
    ],
    ["its jti is empty", () => sign(claims({ jti: "" })), { reason: "claims", check: "jti" }],
    [
      "its events are missing",
      () => sign(claims({ events: undefined })),
      { reason: "claims", check: "events" },
    ],
    [
      "its events hold another event",
      () => sign(claims({ events: { "http://schemas.openid.net/event/other": {} } })),
      { reason: "claims", check: "events" },
    ],
    [
      "its back-channel-logout event is not an object",
      () => sign(claims({ events: { [EVENT]: "yes" } })),
      { reason: "claims", check: "events" },
    ],
    [
      "it carries a nonce",
      () => sign(claims({ nonce: "n-0S6_WzA2Mj" })),
      { reason: "claims", check: "nonce" },
    ],
    [
      "it names neither sid nor sub",
      () => sign(claims({ sid: undefined })),
      { reason: "claims", check: "sid" },
    ],
    ["its sub is a number", () => sign(claims({ sub: 7 })), { reason: "claims", check: "sub" }],
    [
      'its typ is "JWT" (an id_token, say)',
      () => sign(claims(), rsa, { typ: "JWT" }),
      { reason: "typ", check: "typ" },
    ],
    [
      "it has five parts, as an encrypted JWT (JWE) does",
      async () => `${encodeJson({ alg: "RSA-OAEP", enc: "A256GCM" })}.a.b.c.d`,
      { reason: "malformed", check: "format" },
    ],
    ["it is garbage", async () => "not a token at all", { reason: "malformed", check: "format" }],
    [
      "its header is not JSON",
      async () => "bm90IGpzb24.e30.c2ln",
      { reason: "malformed", check: "format" },
    ],
    ["it is empty", async () => "", { reason: "malformed", check: "format" }],
  ];

  it.each(refused)("when %s, then it is a LogoutTokenError", async (_, make, expected) => {
    const error = await refusal(await makeProvider(), await make());
    expect(error).toMatchObject({ code: "invalid_logout_token", ...expected });
    expect(error.message).toContain(`"${expected.check}"`);
  });

  it("when the issuer rotated its key, then the token's unknown kid has the JWKS fetched once more and the token passes", async () => {
    const provider = await makeProvider();
    await verifyLogoutToken(provider, await sign(claims()), at(NOW));
    published = [ec.jwk];
    const later = NOW + 60_000;
    const token = await sign(claims({ iat: later / 1000, exp: undefined }), ec);
    await expect(verifyLogoutToken(provider, token, at(later))).resolves.toMatchObject({
      jti: "jti-0001",
    });
    expect(jwksRequests).toHaveLength(2);
  });

  it("when unknown kids arrive within 30 s of the last fetch, then they are refused without another fetch", async () => {
    const provider = await makeProvider();
    await verifyLogoutToken(provider, await sign(claims()), at(NOW));
    const stranger = await signingKey("made-up", "ES256");
    for (const offset of [1000, 2000, 29_000]) {
      const body = claims({ iat: (NOW + offset) / 1000 });
      const error = await refusal(provider, await sign(body, stranger), at(NOW + offset));
      expect(error).toMatchObject({ reason: "signature" });
    }
    expect(jwksRequests).toHaveLength(1);
  });

  it("when the JWKS cannot be reached, then it is a NetworkError, and the next token fetches it again", async () => {
    const provider = await makeProvider();
    server.use(http.get(JWKS_URI, () => HttpResponse.error()));
    const token = await sign(claims());
    await expect(verifyLogoutToken(provider, token, at(NOW))).rejects.toBeInstanceOf(NetworkError);
    server.resetHandlers();
    serveIssuer();
    await expect(verifyLogoutToken(provider, token, at(NOW))).resolves.toMatchObject({
      jti: "jti-0001",
    });
  });

  it("when the JWKS answers 404 or no key set, then it is a ResponseError", async () => {
    const provider = await makeProvider();
    const token = await sign(claims());
    serveIssuer(() => HttpResponse.json({ error: "gone" }, { status: 404 }));
    await expect(verifyLogoutToken(provider, token, at(NOW))).rejects.toMatchObject({
      name: "ResponseError",
      status: 404,
    });
    serveIssuer(() => HttpResponse.json({ keys: "none" }));
    await expect(verifyLogoutToken(provider, token, at(NOW))).rejects.toBeInstanceOf(ResponseError);
  });

  it("when the JWKS answers later than the provider's timeout, then it is a TimeoutError", async () => {
    const provider = await makeProvider(50);
    serveIssuer(async () => {
      await delay(500);
      return HttpResponse.json({ keys: published });
    });
    const token = await sign(claims());
    await expect(verifyLogoutToken(provider, token, at(NOW))).rejects.toBeInstanceOf(TimeoutError);
  });

  it("when the provider is a copy, then it is an ArgumentError and nothing is fetched", async () => {
    const provider = await makeProvider();
    const token = await sign(claims());
    await expect(verifyLogoutToken({ ...provider }, token, at(NOW))).rejects.toThrow(
      argumentError("provider"),
    );
    expect(jwksRequests).toHaveLength(0);
  });

  it("when the provider is plain OAuth 2.0, then it is an UnsupportedError", async () => {
    const token = await sign(claims());
    await expect(verifyLogoutToken(testGitHub(), token, at(NOW))).rejects.toBeInstanceOf(
      UnsupportedError,
    );
  });

  it.each([0, -1, Number.NaN])(
    "when maxAgeSeconds is %d, then it is an ArgumentError",
    async (maxAgeSeconds) => {
      const token = await sign(claims());
      await expect(
        verifyLogoutToken(await makeProvider(), token, { ...at(NOW), maxAgeSeconds }),
      ).rejects.toThrow(argumentError("maxAgeSeconds"));
    },
  );
});
