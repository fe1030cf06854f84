import { HttpResponse, http } from "msw";
import type { SetupServer } from "msw/node";
import { base64url } from "../../src/encoding.js";
import { type OAuthProvider, type OidcOptions, oidc } from "../../src/index.js";

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

const ECDSA = { name: "ECDSA", namedCurve: "P-256" } as const;
const encodeJson = (value: unknown) => base64url(new TextEncoder().encode(JSON.stringify(value)));

export async function createTestIdp(
  server: SetupServer,
  options: { issuer?: string; document?: Record<string, unknown> } = {},
) {
  const issuer = options.issuer ?? ISSUER;
  const [keys, foreignKeys] = await Promise.all([
    crypto.subtle.generateKey(ECDSA, true, ["sign", "verify"]),
    crypto.subtle.generateKey(ECDSA, true, ["sign", "verify"]),
  ]);
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
    id_token_signing_alg_values_supported: ["ES256"],
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
      const alg = sign.alg ?? "ES256";
      const input = `${encodeJson({ alg, typ: "JWT", kid: sign.kid ?? KID })}.${encodeJson(claims)}`;
      if (alg === "none") return `${input}.`;
      const key = sign.foreignKey ? foreignKeys.privateKey : keys.privateKey;
      const data = new TextEncoder().encode(input);
      const signature = await crypto.subtle.sign({ name: "ECDSA", hash: "SHA-256" }, key, data);
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

    provider(overrides: Partial<OidcOptions> = {}): OAuthProvider {
      return oidc({
        issuer,
        clientId: OIDC_CLIENT_ID,
        clientSecret: OIDC_CLIENT_SECRET,
        ...overrides,
      });
    },
  };

  const record = (endpoint: Endpoint, request: Request) => calls[endpoint].push(request.clone());
  server.use(
    http.get(`${issuer}/.well-known/openid-configuration`, ({ request }) => {
      record("discovery", request);
      return HttpResponse.json(document);
    }),
    http.get(`${issuer}/jwks`, ({ request }) => {
      record("jwks", request);
      return HttpResponse.json({ keys: [{ ...publicJwk, kid: KID, alg: "ES256", use: "sig" }] });
    }),
    http.post(`${issuer}/token`, ({ request }) => {
      record("token", request);
      return idp.tokenResponse();
    }),
    http.get(`${issuer}/userinfo`, ({ request }) => {
      record("userinfo", request);
      return HttpResponse.json(idp.userinfo);
    }),
    http.post(`${issuer}/revoke`, ({ request }) => {
      record("revoke", request);
      return new HttpResponse(null, { status: 200 });
    }),
  );
  return idp;
}

export type TestIdp = Awaited<ReturnType<typeof createTestIdp>>;
