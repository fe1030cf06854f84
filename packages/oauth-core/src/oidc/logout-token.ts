import type { JWTPayload } from "jose";
import { contextOf, engineOf } from "../engine.js";
import { ArgumentError, LogoutTokenError, UnsupportedError } from "../errors.js";
import type { Provider } from "../provider.js";
import { checkLogoutTokenHeader, verifiedLogoutClaims } from "./logout-jws.js";
import { CLOCK_TOLERANCE } from "./support.js";

/** Back-Channel Logout §2.4: the member of `events` that makes a JWT a logout token. */
const LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";
/** Seconds a logout token is taken after its `iat`, unless the caller says otherwise. */
const DEFAULT_MAX_AGE = 300;

/** How {@link verifyLogoutToken} judges time. */
export interface VerifyLogoutTokenOptions {
  /**
   * How old (seconds since its `iat`) a logout token may be; default 300. Keep each `jti` at
   * least this long, or an older replay could pass.
   */
  maxAgeSeconds?: number;
  /** The current time in milliseconds, for tests; default `Date.now`. */
  now?: () => number;
}

/** What a verified logout token says: whose sessions at this client to end. */
export interface LogoutToken {
  /** The issuer that sent it (the provider's `issuer`). */
  issuer: string;
  /** The `sub` claim: end every session of this user, when there is no `sessionId`. */
  subject?: string;
  /** The `sid` claim: end the sessions that began with this provider session. */
  sessionId?: string;
  /** The `jti` claim: refuse a second token with the same one from the same issuer. */
  jti: string;
  /** The `iat` claim, in seconds since the epoch. */
  issuedAt: number;
  /** The `exp` claim, in seconds since the epoch, when the token has one. */
  expiresAt?: number;
}

/**
 * Checks a logout token that an OpenID Connect provider POSTed to this client's
 * `backchannel_logout_uri` (the `logout_token` form field), as OpenID Connect Back-Channel
 * Logout 1.0 §2.6 requires: a JWS (never a JWE) signed with an asymmetric algorithm (never
 * `none` nor HS*) by a key from the issuer's `jwks_uri` (fetched with the provider's `fetch` and
 * `timeout`, kept per provider, fetched again when the token names a key it lacks), a `typ`
 * header of `logout+jwt` if any, `iss` the provider's issuer, `aud` this client, `iat` within
 * `maxAgeSeconds` and not in the future (30 s tolerance), `exp` if any not passed, a `jti`,
 * `events` holding the back-channel-logout event, `sid` or `sub`, and no `nonce`.
 *
 * A verified token can still be a replay: the caller must refuse a second token with the same
 * `jti` from the same `issuer`. Store each `jti` until `max(expiresAt, issuedAt +
 * maxAgeSeconds)` (seconds); after that this function refuses the token on its own.
 *
 * @param logoutToken - The `logout_token` as received.
 * @returns Whose sessions to end: those of `sessionId` when present, else all of `subject`'s.
 * @throws {@link LogoutTokenError} when a check fails; its `reason` and `check` say which. End
 * no session, and answer the sender HTTP 400.
 * @throws {@link UnsupportedError} when the provider is not OpenID Connect (no issuer keys).
 * @throws {@link NetworkError}, {@link TimeoutError} or {@link ResponseError} when the issuer's
 * JWKS could not be had: the token was not judged.
 * @throws {@link ArgumentError} when `maxAgeSeconds` is not a positive number or `provider` is
 * not one a factory made.
 */
export async function verifyLogoutToken(
  provider: Provider,
  logoutToken: string,
  options: VerifyLogoutTokenOptions = {},
): Promise<LogoutToken> {
  const { issuerKeys } = engineOf(provider);
  const { maxAgeSeconds = DEFAULT_MAX_AGE, now = Date.now } = options;
  if (!(Number.isFinite(maxAgeSeconds) && maxAgeSeconds > 0)) {
    throw new ArgumentError("maxAgeSeconds", "must be a positive number of seconds");
  }
  if (typeof now !== "function") throw new ArgumentError("now", "must be a function");
  const { issuer } = provider;
  if (!issuerKeys || issuer === undefined) {
    throw new UnsupportedError(`${provider.name} is not an OpenID Connect provider`);
  }
  checkLogoutTokenHeader(logoutToken);
  const time = now();
  const claims = await verifiedLogoutClaims(contextOf(provider), issuerKeys, logoutToken, time, {
    issuer,
    audience: provider.clientId,
    clockTolerance: CLOCK_TOLERANCE,
    maxTokenAge: maxAgeSeconds,
    currentDate: new Date(time),
    requiredClaims: ["iat", "jti", "events"],
  });
  return logoutTokenFrom(claims, issuer);
}

/** The claims jose does not know about (§2.4), checked, and the answer made from them. */
function logoutTokenFrom(claims: JWTPayload, issuer: string): LogoutToken {
  const { jti, events, sid, sub, nonce, iat, exp } = claims;
  const fail = (check: string, problem: string) => new LogoutTokenError("claims", check, problem);
  if (typeof jti !== "string" || jti === "") throw fail("jti", '"jti" must be a non-empty string');
  const event = isObject(events) ? events[LOGOUT_EVENT] : undefined;
  if (!isObject(event)) throw fail("events", `"events" must hold a ${LOGOUT_EVENT} object`);
  for (const [name, value] of [
    ["sid", sid],
    ["sub", sub],
  ] as const) {
    if (value !== undefined && (typeof value !== "string" || value === "")) {
      throw fail(name, `"${name}" must be a non-empty string`);
    }
  }
  if (sid === undefined && sub === undefined) throw fail("sid", 'neither "sid" nor "sub" is there');
  // A nonce would make it an id_token, which must never pass for a logout (§2.4).
  if (nonce !== undefined) throw fail("nonce", 'a logout token must not carry "nonce"');
  return {
    issuer,
    ...(typeof sub === "string" && { subject: sub }),
    ...(typeof sid === "string" && { sessionId: sid }),
    jti,
    // jose checked both: iat is required and numeric, exp numeric when present.
    issuedAt: iat as number,
    ...(exp !== undefined && { expiresAt: exp }),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
