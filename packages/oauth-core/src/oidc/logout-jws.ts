import {
  type CryptoKey,
  decodeProtectedHeader,
  errors,
  type JWTPayload,
  type JWTVerifyOptions,
  jwtVerify,
  type LocalJWKSet,
} from "jose";
import { LogoutTokenError, OAuthError, ResponseError } from "../errors.js";
import type { RequestContext } from "../http.js";
import type { IssuerKeys } from "../jwks.js";

/**
 * Asymmetric signatures only: `none` proves nothing, and an HMAC key would be the client
 * secret, which the client itself holds, so it could forge a logout for anyone.
 */
const ALGORITHMS = [
  "RS256",
  "RS384",
  "RS512",
  "PS256",
  "PS384",
  "PS512",
  "ES256",
  "ES384",
  "ES512",
  "EdDSA",
  "Ed25519",
];

/**
 * Checks what can be checked before any key is fetched: a JWS in compact form (an encrypted
 * JWT has five parts) whose protected header names an accepted algorithm and, if it has a
 * `typ`, `logout+jwt`.
 *
 * @throws {@link LogoutTokenError} `malformed`, `alg` or `typ`.
 */
export function checkLogoutTokenHeader(token: unknown): asserts token is string {
  if (typeof token !== "string" || token === "") {
    throw new LogoutTokenError("malformed", "format", "it is empty");
  }
  const parts = token.split(".").length;
  if (parts !== 3) {
    const what = parts === 5 ? "an encrypted JWT (JWE)" : "not a JWS in compact serialization";
    throw new LogoutTokenError("malformed", "format", `it is ${what}`);
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new LogoutTokenError("malformed", "format", "its header is not a JSON object");
  }
  if (typeof header.alg !== "string" || !ALGORITHMS.includes(header.alg)) {
    throw new LogoutTokenError("alg", "alg", "only asymmetric signatures are accepted");
  }
  const { typ } = header;
  // Back-Channel Logout §2.4: "logout+jwt", which RFC 7515 lets a sender write in full.
  if (typ !== undefined && !isLogoutJwtType(typ)) {
    throw new LogoutTokenError("typ", "typ", 'the "typ" header is not logout+jwt');
  }
}

function isLogoutJwtType(typ: unknown): boolean {
  if (typeof typ !== "string") return false;
  const type = typ.toLowerCase();
  return type === "logout+jwt" || type === "application/logout+jwt";
}

/** What {@link verifiedLogoutClaims} checks besides the signature (jose's claim checks). */
export type LogoutClaimChecks = Pick<
  JWTVerifyOptions,
  "issuer" | "audience" | "clockTolerance" | "maxTokenAge" | "currentDate" | "requiredClaims"
>;

/**
 * The token's claims, once a key of the issuer's verified its signature and jose checked the
 * claims it knows (`iss`, `aud`, `iat`, `exp`, `nbf`, presence). A token naming a key the
 * cached set lacks has the set fetched again (key rotation), as {@link IssuerKeys} allows.
 *
 * @throws {@link LogoutTokenError} `signature`, `claims` or `malformed`.
 * @throws {@link NetworkError}, {@link TimeoutError} or {@link ResponseError} when the issuer's
 * JWKS could not be had.
 */
export async function verifiedLogoutClaims(
  ctx: RequestContext,
  keys: IssuerKeys,
  token: string,
  now: number,
  checks: LogoutClaimChecks,
): Promise<JWTPayload> {
  const options: JWTVerifyOptions = { ...checks, algorithms: ALGORITHMS };
  try {
    const seen = keys.current(ctx, now);
    try {
      return await verifyWithSet(token, await seen, options);
    } catch (error) {
      const newer = error instanceof errors.JWKSNoMatchingKey && keys.newer(ctx, now, seen);
      if (!newer) throw error;
      return await verifyWithSet(token, await newer, options);
    }
  } catch (error) {
    throw toLogoutTokenError(error);
  }
}

async function verifyWithSet(
  token: string,
  set: LocalJWKSet,
  options: JWTVerifyOptions,
): Promise<JWTPayload> {
  try {
    return (await jwtVerify(token, set, options)).payload;
  } catch (error) {
    // Keys without a `kid`, or sharing one: each that fits the algorithm may be the signer.
    if (!(error instanceof errors.JWKSMultipleMatchingKeys)) throw error;
    for await (const key of error as AsyncIterable<CryptoKey>) {
      try {
        return (await jwtVerify(token, key, options)).payload;
      } catch (failed) {
        if (!(failed instanceof errors.JWSSignatureVerificationFailed)) throw failed;
      }
    }
    throw new errors.JWSSignatureVerificationFailed();
  }
}

/** jose's failures as this package's; its messages quote no part of the token. */
function toLogoutTokenError(error: unknown): unknown {
  if (error instanceof OAuthError) return error;
  if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
    return new LogoutTokenError("claims", error.claim, error.message);
  }
  if (
    error instanceof errors.JWSSignatureVerificationFailed ||
    error instanceof errors.JWKSNoMatchingKey
  ) {
    return new LogoutTokenError("signature", "signature", error.message);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new LogoutTokenError("alg", "alg", error.message);
  }
  if (error instanceof errors.JWKInvalid || error instanceof errors.JWKSInvalid) {
    return new ResponseError(`the issuer's JWKS holds an unusable key: ${error.message}`, 200);
  }
  if (error instanceof errors.JOSEError) {
    return new LogoutTokenError("malformed", "format", error.message);
  }
  return error;
}
