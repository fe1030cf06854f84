import { webcrypto } from "node:crypto";
import { MOCK_OIDC_CLIENT_ID, MOCK_OIDC_CLIENT_SECRET } from "../src/index.js";
import { BASE, type Json, json, pkcePair } from "./helpers.js";

export const OIDC_REDIRECT_URI = "http://localhost:3000/auth/google/callback";
export const BASIC = `Basic ${btoa(`${MOCK_OIDC_CLIENT_ID}:${MOCK_OIDC_CLIENT_SECRET}`)}`;

export const issuerOf = (base = BASE) => `${base}/oidc`;

/** The parameters of a valid authorization request; `overrides` replace them (undefined drops one). */
export function oidcParams(
  overrides: Record<string, string | undefined> = {},
): Record<string, string> {
  const merged: Record<string, string | undefined> = {
    client_id: MOCK_OIDC_CLIENT_ID,
    redirect_uri: OIDC_REDIRECT_URI,
    response_type: "code",
    scope: "openid profile email",
    state: "st-1",
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

export function oidcAuthorizeUrl(
  overrides: Record<string, string | undefined> = {},
  base = BASE,
): string {
  const url = new URL(`${issuerOf(base)}/authorize`);
  for (const [key, value] of Object.entries(oidcParams(overrides))) {
    url.searchParams.set(key, value);
  }
  return url.href;
}

/** Presses a button on the sign-in page, as the browser's form submission would. */
export function submitOidc(
  fields: Record<string, string | undefined>,
  base = BASE,
): Promise<Response> {
  return fetch(`${issuerOf(base)}/authorize`, {
    method: "POST",
    body: new URLSearchParams(oidcParams(fields)),
    redirect: "manual",
  });
}

export function redirectParams(response: Response): URLSearchParams {
  return new URL(response.headers.get("location") ?? "").searchParams;
}

/** Signs in as `login` with PKCE and a nonce; answers the code and what redeeming it needs. */
export async function oidcCode(
  fields: Record<string, string | undefined> = {},
  base = BASE,
): Promise<{ code: string; verifier: string; nonce: string }> {
  const { verifier, challenge } = pkcePair();
  const nonce = `n-${crypto.randomUUID()}`;
  const response = await submitOidc(
    {
      login: "octocat",
      nonce,
      code_challenge: challenge,
      code_challenge_method: "S256",
      ...fields,
    },
    base,
  );
  const code = redirectParams(response).get("code");
  if (!code) throw new Error(`no code in ${response.status} ${response.headers.get("location")}`);
  return { code, verifier, nonce };
}

/** POSTs a form to the token endpoint (or another), the client authenticated with Basic. */
export function oidcPost(
  fields: Record<string, string>,
  options: { path?: string; authorization?: string | null; base?: string } = {},
): Promise<Response> {
  const headers: Record<string, string> = {
    "content-type": "application/x-www-form-urlencoded",
  };
  const authorization = options.authorization === undefined ? BASIC : options.authorization;
  if (authorization !== null) headers.authorization = authorization;
  return fetch(`${issuerOf(options.base)}${options.path ?? "/token"}`, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields),
  });
}

export function redeem(
  code: { code: string; verifier: string },
  fields: Record<string, string> = {},
  options: { authorization?: string; base?: string } = {},
): Promise<Response> {
  return oidcPost(
    {
      grant_type: "authorization_code",
      code: code.code,
      redirect_uri: OIDC_REDIRECT_URI,
      code_verifier: code.verifier,
      ...fields,
    },
    options,
  );
}

/** The whole flow: the token endpoint's JSON answer. */
export async function signIn(
  fields: Record<string, string | undefined> = {},
  base = BASE,
): Promise<Json> {
  return json(await redeem(await oidcCode(fields, base), {}, { base }));
}

export function userinfo(token: string, base = BASE): Promise<Response> {
  return fetch(`${issuerOf(base)}/userinfo`, { headers: { authorization: `Bearer ${token}` } });
}

function decodePart(part: string | undefined): Json {
  return JSON.parse(Buffer.from(part ?? "", "base64url").toString("utf8"));
}

/**
 * Checks a JWS against a JWKS with Web Crypto, independently of the mock's code: the key
 * named by `kid`, RS256. Answers the header and claims, or throws.
 */
export async function verifyJws(
  jws: string,
  jwks: { keys: Json[] },
): Promise<{ header: Json; claims: Json }> {
  const [header64, payload64, signature64] = jws.split(".");
  const header = decodePart(header64);
  const jwk = jwks.keys.find((key) => key.kid === header.kid);
  if (!jwk) throw new Error(`no key ${header.kid} in the JWKS`);
  const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const key = await webcrypto.subtle.importKey("jwk", jwk, algorithm, false, ["verify"]);
  const valid = await webcrypto.subtle.verify(
    algorithm,
    key,
    Buffer.from(signature64 ?? "", "base64url"),
    new TextEncoder().encode(`${header64}.${payload64}`),
  );
  if (!valid) throw new Error("bad signature");
  return { header, claims: decodePart(payload64) };
}
