import { HttpResponse, http } from "msw";
import { base64url } from "../../src/encoding.js";
import { type OidcOptions, oidc, type Provider } from "../../src/index.js";
import type { MockServer } from "./msw.js";

/**
 * A fake OpenID Connect provider for tests: discovery, JWKS, token, userinfo and revocation
 * served by msw, and id_tokens signed with WebCrypto (ES256). Fixtures only: the package itself
 * never signs nor verifies a JWT by hand, oauth4webapi does.
 */

export const ISSUER = "https://idp.example.com";
export const LOCAL_ISSUER = "http://localhost:4000/oidc";
export const OIDC_CLIENT_ID = "latchkey-client";
export const OIDC_CLIENT_SECRET = "oidc-client-secret-0123456789";
export const OIDC_ACCESS_TOKEN = "at-0123456789abcdef";
export const OIDC_REDIRECT_URI = "https://app.example.com/auth/oidc/callback";
export const KID = "key-1";

export type Claims = Record<string, unknown>;
export interface SignOptions {
  alg?: string;
  kid?: string;
  /** Signs with a key the JWKS does not hold. */
  foreignKey?: boolean;
}
type Endpoint = "discovery" | "jwks" | "token" | "userinfo" | "revoke";

/** Key generation and signing for the two algorithms a test IdP can sign with. */
const ALGORITHMS = {
  ES256: { key: { name: "ECDSA", namedCurve: "P-256" }, sign: { name: "ECDSA", hash: "SHA-256" } },
  // What the big providers publish (Google, Microsoft, GitLab, Slack, Twitch, LinkedIn).
  RS256: {
    key: {
      name: "RSASSA-PKCS1-v1_5",
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: "SHA-256",
    },
    sign: { name: "RSASSA-PKCS1-v1_5" },
  },
} as const;
const encodeJson = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

const generated = new Map<keyof typeof ALGORITHMS, Promise<[CryptoKeyPair, CryptoKeyPair]>>();

/** The IdP's key pair and a foreign one, made once per algorithm: RSA keys are slow to make. */
function keyPairs(alg: keyof typeof ALGORITHMS): Promise<[CryptoKeyPair, CryptoKeyPair]> {
  const make = () => crypto.subtle.generateKey(ALGORITHMS[alg].key, true, ["sign", "verify"]);
  let pairs = generated.get(alg);
  if (!pairs) {
    pairs = Promise.all([make(), make()]);
    generated.set(alg, pairs);
  }
  return pairs;
}

export async function createTestIdp(
  server: MockServer,
  options: { issuer?: string; document?: Record<string, unknown>; alg?: "ES256" | "RS256" } = {},
) {
  const issuer = options.issuer ?? ISSUER;
  const alg = options.alg ?? "ES256";
  const algorithm = ALGORITHMS[alg];
  const [keys, foreignKeys] = await keyPairs(alg);
  const publicJwk = await crypto.subtle.exportKey("jwk", keys.publicKey);
  const document: Record<string, unknown> = {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    revocation_endpoint: `${issuer}/revoke`,
    response_types_supported: ["code"],
    subject_types_supported: ["public"],
    id_token_signing_alg_values_supported: [alg],
    code_challenge_methods_supported: ["S256"],
    ...options.document,
  };
  const calls: Record<Endpoint, Request[]> = {
    discovery: [],
    jwks: [],
    token: [],
    userinfo: [],
    revoke: [],
  };
  const now = () => Math.floor(Date.now() / 1000);

  const idp = {
    issuer,
    document,
    calls,
    userinfo: { sub: "user-1", preferred_username: "ada", name: "Ada Lovelace" } as Claims,
    /** What the token endpoint answers; `issueTokens` sets it. */
    tokenResponse: (): Response | Promise<Response> => HttpResponse.json({ error: "not_set" }),

    /** Valid claims for this issuer and client, then `overrides` (undefined removes one). */
    claims(overrides: Claims = {}): Claims {
      return {
        iss: issuer,
        sub: "user-1",
        aud: OIDC_CLIENT_ID,
        iat: now(),
        exp: now() + 300,
        ...overrides,
      };
    },

    async sign(claims: Claims, sign: SignOptions = {}): Promise<string> {
      const header = { alg: sign.alg ?? alg, typ: "JWT", kid: sign.kid ?? KID };
      const input = `${encodeJson(header)}.${encodeJson(claims)}`;
      if (header.alg === "none") return `${input}.`;
      const key = sign.foreignKey ? foreignKeys.privateKey : keys.privateKey;
      const data = new TextEncoder().encode(input);
      const signature = await crypto.subtle.sign(algorithm.sign, key, data);
      return `${input}.${base64url(new Uint8Array(signature))}`;
    },

    /** The token endpoint will answer tokens and an id_token with these claims. */
    async issueTokens(claims: Claims, sign?: SignOptions, extra: Claims = {}): Promise<string> {
      const idToken = await idp.sign(idp.claims(claims), sign);
      idp.tokenResponse = () =>
        HttpResponse.json({
          access_token: OIDC_ACCESS_TOKEN,
          token_type: "Bearer",
          expires_in: 3600,
          scope: "openid profile email",
          id_token: idToken,
          ...extra,
        });
      return idToken;
    },

    /** `oidc()` for this IdP: settles once discovery has run against it. */
    provider(overrides: Partial<OidcOptions> = {}): Promise<Provider> {
      return oidc({
        issuer,
        clientId: OIDC_CLIENT_ID,
        clientSecret: OIDC_CLIENT_SECRET,
        ...overrides,
      });
    },
  };

  const record = (endpoint: Endpoint, request: Request) => calls[endpoint].push(request.clone());
  // Served where the document says, so a provider's recorded document can be served as is.
  const at = (key: string, path: string) => {
    const value = document[key];
    return typeof value === "string" && URL.canParse(value) ? value : `${issuer}${path}`;
  };
  server.use(
    http.get(`${issuer}/.well-known/openid-configuration`, ({ request }) => {
      record("discovery", request);
      return HttpResponse.json(document);
    }),
    http.get(at("jwks_uri", "/jwks"), ({ request }) => {
      record("jwks", request);
      return HttpResponse.json({ keys: [{ ...publicJwk, kid: KID, alg, use: "sig" }] });
    }),
    http.post(at("token_endpoint", "/token"), ({ request }) => {
      record("token", request);
      return idp.tokenResponse();
    }),
    http.get(at("userinfo_endpoint", "/userinfo"), ({ request }) => {
      record("userinfo", request);
      return HttpResponse.json(idp.userinfo);
    }),
    http.post(at("revocation_endpoint", "/revoke"), ({ request }) => {
      record("revoke", request);
      return new HttpResponse(null, { status: 200 });
    }),
  );
  return idp;
}

export type TestIdp = Awaited<ReturnType<typeof createTestIdp>>;
