import { toHttpUrl, toPlainText } from "./text.js";

/**
 * The stable `code` of every {@link OAuthError} this package throws, by name. Branch on
 * `error.code` (or `instanceof`), never on `error.message`: messages are for logs and may be
 * reworded in any release, codes are not.
 *
 * Wrong arguments (a relative `redirectUri`, an empty `expectedState`, an invalid scope) are
 * {@link ArgumentError}s, code `invalid_argument`: the caller's mistake, thrown before any
 * request is sent.
 *
 * @example
 * ```ts
 * try {
 *   const { code } = parseCallback(params, { expectedState });
 *   // …
 * } catch (error) {
 *   if (error instanceof OAuthError && error.code === ErrorCode.AUTHORIZATION_ERROR) {
 *     return showSignInPage("Sign-in was cancelled."); // the person pressed "Cancel"
 *   }
 *   throw error;
 * }
 * ```
 */
export const ErrorCode = {
  /**
   * {@link AuthorizationError}: the callback carried `error=` with a valid `state`, e.g.
   * `access_denied` when the person cancelled. Offer to start again.
   */
  AUTHORIZATION_ERROR: "authorization_error",
  /**
   * {@link StateMismatchError}: the callback's `state` is missing or is not the one created
   * for this browser. A forged or replayed callback, or a login started in another tab: do not
   * exchange the code; start a new login.
   */
  STATE_MISMATCH: "state_mismatch",
  /**
   * {@link InvalidCallbackError}: the callback is malformed: no `code`, a repeated parameter,
   * or a token in the URL (implicit-flow parameters). Start a new login.
   */
  INVALID_CALLBACK: "invalid_callback",
  /**
   * {@link ProviderError}: the provider answered an OAuth error body, e.g. `invalid_grant` for
   * a code that was already used or expired. Its `error` says which; for a code exchange,
   * start a new login (the code cannot be sent again).
   */
  PROVIDER_ERROR: "provider_error",
  /**
   * {@link ResponseError}: the provider answered something unusable: an unexpected HTTP
   * status, a body that is not JSON, a missing or ill-typed field, a bad discovery document,
   * or user info about another subject. `status` 401 from a user or API call means the access
   * token was rejected: refresh it or sign the person in again.
   */
  INVALID_RESPONSE: "invalid_response",
  /**
   * {@link NetworkError}: the request failed before an answer (DNS, refused or reset
   * connection, TLS); `cause` holds the underlying error. Usually transient.
   */
  NETWORK_ERROR: "network_error",
  /**
   * {@link TimeoutError}: no complete answer (body included) within the provider's `timeout`
   * (default {@link DEFAULT_TIMEOUT} ms). Usually transient; a timed-out code exchange is not
   * retried, so start a new login.
   */
  TIMEOUT: "timeout",
  /**
   * {@link UnsupportedError}: the provider cannot do what was asked, e.g. revoke tokens
   * (Bitbucket, Spotify, Microsoft) or run the device flow. Not transient: skip the step.
   */
  UNSUPPORTED: "unsupported",
  /**
   * {@link IssuerMismatchError}: the callback's `iss` (RFC 9207) names another issuer, or is
   * missing where the provider promises one: a possible mix-up attack. Do not exchange the
   * code.
   */
  ISSUER_MISMATCH: "issuer_mismatch",
  /**
   * {@link IdTokenError}: an OpenID Connect token response has no id_token, or its id_token
   * failed a check (signature, `alg`, `iss`, `aud`, `exp`, `nonce`…); `check` names which. No
   * token from that response is returned: start a new login.
   */
  INVALID_ID_TOKEN: "invalid_id_token",
  /**
   * {@link LogoutTokenError}: a back-channel logout token failed a check ({@link
   * verifyLogoutToken}); `reason` and `check` say which. End no session; answer the sender
   * HTTP 400.
   */
  INVALID_LOGOUT_TOKEN: "invalid_logout_token",
  /**
   * {@link DeviceFlowError}: the device flow ended without tokens: the person declined
   * (`access_denied`) or the codes expired (`expired_token`). Start over with
   * {@link startDeviceAuthorization} if the person wants to.
   */
  DEVICE_FLOW_ERROR: "device_flow_error",
  /**
   * {@link ArgumentError}: a function or provider factory got a wrong argument or option (a
   * relative `redirectUri`, an empty `expectedState`, an invalid scope, a malformed setting);
   * `argument` names which. A bug or a configuration mistake, not transient: nothing was sent.
   */
  INVALID_ARGUMENT: "invalid_argument",
} as const;

/**
 * One of the {@link ErrorCode} values: the type of {@link OAuthError.code}, e.g.
 * `"state_mismatch"`.
 */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const MAX_ERROR_LENGTH = 100;
const MAX_DESCRIPTION_LENGTH = 300;

/**
 * An OAuth error as a provider states it (RFC 6749 §4.1.2.1 and §5.2: `error`,
 * `error_description`, `error_uri`), in camelCase: what {@link AuthorizationError},
 * {@link ProviderError} and {@link DeviceFlowError} are built from. The constructors cap and
 * flatten these values, since they come from the provider (or whoever forged a callback).
 */
export interface OAuthErrorFields {
  /**
   * The OAuth error code, e.g. `access_denied` or `invalid_grant`. Flattened to one line and
   * capped at 100 characters; an empty one becomes `unknown_error`.
   */
  error: string;
  /**
   * Human-readable text from the provider, if any: flattened to one line, capped at 300
   * characters. Plain text, never HTML, but still escape it when you render it.
   */
  errorDescription?: string | undefined;
  /**
   * A page about the error, kept only when it is an absolute http(s) URL (else `undefined`).
   */
  errorUri?: string | undefined;
}

/**
 * The base class of every error this package throws on purpose: a failure the provider, the
 * network or the callback caused, or a wrong argument ({@link ArgumentError}). Catch it and
 * branch on {@link OAuthError.code}; the subclasses add the fields that come with each code.
 *
 * A message never contains a token, a code or a secret, so it is safe to log; provider-supplied
 * text in it is flattened and capped.
 */
export class OAuthError extends Error {
  /** What went wrong, stable across releases: one of {@link ErrorCode}. */
  readonly code: ErrorCode;

  /**
   * For subclasses and provider hooks; prefer a subclass, which sets the matching `code`.
   *
   * @param code - One of {@link ErrorCode}.
   * @param message - For logs: must not contain tokens, codes or secrets.
   * @param options - `cause`, as for `Error`.
   */
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "OAuthError";
    this.code = code;
  }
}

/** The fields come from the provider (or from whoever forged the callback): cap and flatten. */
interface CleanFields {
  error: string;
  errorDescription: string | undefined;
  errorUri: string | undefined;
}

function sanitizeFields(fields: OAuthErrorFields): CleanFields {
  const description = fields.errorDescription
    ? toPlainText(fields.errorDescription, MAX_DESCRIPTION_LENGTH)
    : undefined;
  return {
    error: toPlainText(fields.error, MAX_ERROR_LENGTH) || "unknown_error",
    errorDescription: description || undefined,
    errorUri: toHttpUrl(fields.errorUri) ?? undefined,
  };
}

function describe(fields: CleanFields): string {
  return fields.errorDescription
    ? `"${fields.error}": ${fields.errorDescription}`
    : `"${fields.error}"`;
}

/**
 * Code `authorization_error`: the callback carried `error=` with a valid `state` (checked
 * first), so the provider really sent it: the person cancelled (`access_denied`) or the
 * provider refused the request (`invalid_scope`, `unauthorized_client`…). Thrown by
 * {@link parseCallback}.
 */
export class AuthorizationError extends OAuthError {
  /** The callback's `error`, e.g. `access_denied` (one line, at most 100 characters). */
  readonly error: string;
  /** The callback's `error_description`, flattened and capped at 300 characters. */
  readonly errorDescription: string | undefined;
  /** The callback's `error_uri`, only when it is an absolute http(s) URL. */
  readonly errorUri: string | undefined;

  /**
   * Builds the error from the callback's parameters, capping and flattening them.
   *
   * @param fields - The callback's `error`, `error_description` and `error_uri`.
   */
  constructor(fields: OAuthErrorFields) {
    const clean = sanitizeFields(fields);
    super(ErrorCode.AUTHORIZATION_ERROR, `the authorization was refused: ${describe(clean)}`);
    this.name = "AuthorizationError";
    this.error = clean.error;
    this.errorDescription = clean.errorDescription;
    this.errorUri = clean.errorUri;
  }
}

/**
 * Code `state_mismatch`: the callback has no `state`, or not the one created with this
 * login's {@link createAuthorizationRequest} (compared in constant time). It is checked before
 * anything else, so a forged `error=access_denied` is this error, not an
 * {@link AuthorizationError}. Thrown by {@link parseCallback}; never exchange the code then.
 */
export class StateMismatchError extends OAuthError {
  /**
   * Sets `code` to `state_mismatch`.
   *
   * @param message - What was wrong with the `state`, without its value.
   */
  constructor(message: string) {
    super(ErrorCode.STATE_MISMATCH, message);
    this.name = "StateMismatchError";
  }
}

/**
 * Code `invalid_callback`: the callback query is malformed: no `code`, a parameter given twice,
 * or `access_token`, `id_token` or `token` present (implicit or hybrid flow answers, which this
 * client never asks for). Thrown by {@link parseCallback}. {@link IssuerMismatchError} extends it.
 */
export class InvalidCallbackError extends OAuthError {
  /**
   * Sets `code` to `invalid_callback`.
   *
   * @param message - Which parameter was wrong, without its value.
   */
  constructor(message: string) {
    super(ErrorCode.INVALID_CALLBACK, message);
    this.name = "InvalidCallbackError";
  }
}

/**
 * Code `issuer_mismatch`: the callback's `iss` (RFC 9207) is missing where the provider
 * promises one, or names another issuer: the response may come from a different authorization
 * server (a mix-up attack). It is an `InvalidCallbackError` too, so code that already catches
 * those keeps working. Thrown by {@link parseCallback} with the options from
 * {@link callbackChecksFor}; never exchange the code then.
 */
export class IssuerMismatchError extends InvalidCallbackError {
  /** Always `issuer_mismatch` (not its parent class's `invalid_callback`). */
  override readonly code = ErrorCode.ISSUER_MISMATCH;

  /**
   * Sets `code` to `issuer_mismatch`.
   *
   * @param message - What was wrong with `iss`, without its value.
   */
  constructor(message: string) {
    super(message);
    this.name = "IssuerMismatchError";
  }
}

/**
 * Code `invalid_id_token`: an OpenID Connect token response (code exchange or refresh) has no
 * id_token, or its id_token failed a check; {@link IdTokenError.check} names which one. None of
 * the response's tokens are returned.
 */
export class IdTokenError extends OAuthError {
  /**
   * The check that failed: `missing`, `format`, `alg`, `signature`, `iss`, `aud`, `azp`,
   * `exp`, `nbf`, `iat`, `sub`, `nonce` or `auth_time`.
   */
  readonly check: string;

  /**
   * Sets `code` to `invalid_id_token` and the message to name the failed check.
   *
   * @param check - The failed check, as listed for {@link IdTokenError.check}.
   * @param detail - Extra context for the message (flattened, at most 200 characters).
   */
  constructor(check: string, detail?: string) {
    super(
      ErrorCode.INVALID_ID_TOKEN,
      `the id_token failed the "${check}" check${detail ? ` (${toPlainText(detail, 200)})` : ""}`,
    );
    this.name = "IdTokenError";
    this.check = check;
  }
}

/**
 * What kind of check a logout token failed: `malformed` (not a signed JWT in compact form, or
 * unreadable), `alg` (an algorithm other than an asymmetric signature: `none`, HS256…), `typ`
 * (a `typ` header other than `logout+jwt`), `signature` (no key of the issuer's verifies it)
 * or `claims` (`iss`, `aud`, `iat`, `exp`, `jti`, `events`, `sid`/`sub`, `nonce`).
 */
export type LogoutTokenFailure = "malformed" | "alg" | "typ" | "signature" | "claims";

/**
 * Code `invalid_logout_token`: a back-channel logout token (OpenID Connect Back-Channel Logout
 * 1.0 §2.6) failed a check in {@link verifyLogoutToken}. The message names the check and never
 * quotes the token. End no session, and answer the sender HTTP 400.
 */
export class LogoutTokenError extends OAuthError {
  /** The kind of check that failed. */
  readonly reason: LogoutTokenFailure;
  /**
   * The check itself: `format`, `alg`, `typ`, `signature`, or the claim that failed (`iss`,
   * `aud`, `iat`, `exp`, `nbf`, `jti`, `events`, `sid`, `sub`, `nonce`).
   */
  readonly check: string;

  /**
   * Sets `code` to `invalid_logout_token` and the message to name the failed check.
   *
   * @param reason - The kind of check that failed.
   * @param check - The check itself, as listed for {@link LogoutTokenError.check}.
   * @param detail - What was wrong (flattened, at most 200 characters), never the token.
   */
  constructor(reason: LogoutTokenFailure, check: string, detail?: string) {
    super(
      ErrorCode.INVALID_LOGOUT_TOKEN,
      `the logout token failed the "${check}" check${detail ? ` (${toPlainText(detail, 200)})` : ""}`,
    );
    this.name = "LogoutTokenError";
    this.reason = reason;
    this.check = check;
  }
}

/**
 * Code `provider_error`: the provider answered an OAuth error body (`{"error": …}`) at the
 * token, device, revocation or API endpoint. Providers that report errors with HTTP 200
 * (GitHub, Slack's `ok: false`, VK ID) or in their own shapes (Facebook, X, Discord, Twitch)
 * are mapped to it too. Common `error` values: `invalid_grant` (the code or refresh token was
 * used, expired or revoked: sign in again), `invalid_client` (wrong client id or secret: fix
 * the configuration), `bad_verification_code` (GitHub's `invalid_grant`).
 */
export class ProviderError extends OAuthError {
  /** The provider's error code, e.g. `invalid_grant` (one line, at most 100 characters). */
  readonly error: string;
  /** The provider's description, flattened and capped at 300 characters. */
  readonly errorDescription: string | undefined;
  /** The provider's `error_uri`, only when it is an absolute http(s) URL. */
  readonly errorUri: string | undefined;
  /** The HTTP status of the answer (200 for providers that report errors with 200). */
  readonly status: number;

  /**
   * Builds the error from the provider's answer, capping and flattening its fields; for
   * provider files that map a provider's own error shapes.
   *
   * @param fields - The error as the provider stated it (sanitized here) and the HTTP status.
   */
  constructor(fields: OAuthErrorFields & { status: number }) {
    const clean = sanitizeFields(fields);
    super(
      ErrorCode.PROVIDER_ERROR,
      `the provider answered ${describe(clean)} (HTTP ${fields.status})`,
    );
    this.name = "ProviderError";
    this.error = clean.error;
    this.errorDescription = clean.errorDescription;
    this.errorUri = clean.errorUri;
    this.status = fields.status;
  }
}

/**
 * Code `device_flow_error`: the device flow (RFC 8628) ended without tokens: the person
 * declined (`access_denied`) or the codes expired (`expired_token`). `status` is undefined when
 * the client itself stopped at the authorization's `expiresAt`. Thrown by
 * {@link pollDeviceToken}; other error answers while polling are {@link ProviderError}s.
 */
export class DeviceFlowError extends OAuthError {
  /** `access_denied` or `expired_token`. */
  readonly error: string;
  /** The provider's description (flattened, at most 300 characters), or this library's own. */
  readonly errorDescription: string | undefined;
  /** The provider's `error_uri`, only when it is an absolute http(s) URL. */
  readonly errorUri: string | undefined;
  /** The HTTP status of the provider's answer; `undefined` when the client stopped itself. */
  readonly status: number | undefined;

  /**
   * Builds the error from the provider's answer, capping and flattening its fields.
   *
   * @param fields - The provider's error and the HTTP status (none when the client stopped).
   */
  constructor(fields: OAuthErrorFields & { status?: number | undefined }) {
    const clean = sanitizeFields(fields);
    super(ErrorCode.DEVICE_FLOW_ERROR, `the device authorization ended: ${describe(clean)}`);
    this.name = "DeviceFlowError";
    this.error = clean.error;
    this.errorDescription = clean.errorDescription;
    this.errorUri = clean.errorUri;
    this.status = fields.status;
  }
}

/**
 * Code `invalid_response`: the provider answered something this library cannot use: an
 * unexpected HTTP status, a body that is not JSON (described by status and content type, never
 * quoted), a missing or ill-typed field, an invalid discovery document, or OpenID Connect user
 * info about another `sub` than the id_token's. A `401` from a user-info or API call always
 * means the provider rejected the access token (refresh it, or sign the person in again).
 */
export class ResponseError extends OAuthError {
  /** The HTTP status of the answer that could not be used. */
  readonly status: number;

  /**
   * Sets `code` to `invalid_response`.
   *
   * @param message - What was wrong, naming fields but never quoting their values.
   * @param status - The HTTP status of the answer.
   */
  constructor(message: string, status: number) {
    super(ErrorCode.INVALID_RESPONSE, message);
    this.name = "ResponseError";
    this.status = status;
  }
}

/**
 * Code `network_error`: a request failed without an answer (DNS failure, connection refused or
 * reset, TLS error), or the injected `fetch` threw. Usually transient. Idempotent reads (user
 * info, discovery, JWKS) have already been retried within the timeout; token requests are
 * never retried, so after a failed code exchange start a new login.
 */
export class NetworkError extends OAuthError {
  /** What `fetch` threw (a `TypeError` from a WHATWG fetch, for one). */
  override readonly cause: unknown;

  /**
   * Sets `code` to `network_error` and keeps `cause` (also passed on to `Error`).
   *
   * @param message - Names the endpoint (origin and path, never the query).
   * @param cause - What `fetch` threw.
   */
  constructor(message: string, cause: unknown) {
    super(ErrorCode.NETWORK_ERROR, message, { cause });
    this.name = "NetworkError";
    this.cause = cause;
  }
}

/**
 * Code `timeout`: no complete answer, body included, within the provider's `timeout` (default
 * {@link DEFAULT_TIMEOUT} ms). The timeout covers every retry of an idempotent read, and holds
 * even when an injected `fetch` ignores its abort signal.
 */
export class TimeoutError extends OAuthError {
  /**
   * Sets `code` to `timeout`.
   *
   * @param message - Names the endpoint and the timeout in milliseconds.
   */
  constructor(message: string) {
    super(ErrorCode.TIMEOUT, message);
    this.name = "TimeoutError";
  }
}

/**
 * Code `unsupported`: the provider cannot do what was asked: {@link revokeToken} where it has no
 * revocation (Bitbucket, Spotify, Microsoft, an `oauth2()` without `revocationUrl`, an OpenID
 * Connect provider whose discovery lists none; Yandex for ordinary tokens), the device flow
 * where there is no device endpoint, or user info without a userinfo endpoint. Not transient.
 */
export class UnsupportedError extends OAuthError {
  /**
   * Sets `code` to `unsupported`.
   *
   * @param message - Names the provider and the missing capability.
   */
  constructor(message: string) {
    super(ErrorCode.UNSUPPORTED, message);
    this.name = "UnsupportedError";
  }
}

/**
 * Code `invalid_argument`: a function or provider factory was called with a wrong argument or
 * option, e.g. a relative `redirectUri`, an empty `expectedState`, a scope with a space, or a
 * catalogue setting that is not one of its words. Thrown at once, before any request is sent;
 * {@link ArgumentError.argument} names the argument, and so does the message (never its value).
 *
 * It is an `OAuthError` like every other error of this package, so one `catch` branching on
 * `code` covers them all; for that it is not a `TypeError` (a class has one parent). Treat it
 * as a bug or a configuration mistake: the same call fails the same way again.
 */
export class ArgumentError extends OAuthError {
  /** The argument or option that was wrong, as the caller named it, e.g. `redirectUri`. */
  readonly argument: string;

  /**
   * Sets `code` to `invalid_argument`; the message is the quoted argument name and `problem`.
   *
   * @param argument - The argument or option, e.g. `redirectUri`.
   * @param problem - What is wrong with it, without its value, e.g. `must be a non-empty string`.
   */
  constructor(argument: string, problem: string) {
    super(ErrorCode.INVALID_ARGUMENT, `"${argument}" ${problem}`);
    this.name = "ArgumentError";
    this.argument = argument;
  }
}
