import { toHttpUrl, toPlainText } from "./text.js";

/** The stable `code` of every error this package throws; map these, not messages. */
export const ErrorCode = {
  AUTHORIZATION_ERROR: "authorization_error",
  STATE_MISMATCH: "state_mismatch",
  INVALID_CALLBACK: "invalid_callback",
  PROVIDER_ERROR: "provider_error",
  INVALID_RESPONSE: "invalid_response",
  NETWORK_ERROR: "network_error",
  TIMEOUT: "timeout",
  UNSUPPORTED: "unsupported",
  ISSUER_MISMATCH: "issuer_mismatch",
  INVALID_ID_TOKEN: "invalid_id_token",
  DEVICE_FLOW_ERROR: "device_flow_error",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const MAX_ERROR_LENGTH = 100;
const MAX_DESCRIPTION_LENGTH = 300;

/** An OAuth error as a provider states it (`error`, `error_description`, `error_uri`). */
export interface OAuthErrorFields {
  error: string;
  errorDescription?: string | undefined;
  errorUri?: string | undefined;
}

export class OAuthError extends Error {
  readonly code: ErrorCode;

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

/** The callback carried `error=` (the user cancelled, or the provider refused). */
export class AuthorizationError extends OAuthError {
  readonly error: string;
  readonly errorDescription: string | undefined;
  readonly errorUri: string | undefined;

  constructor(fields: OAuthErrorFields) {
    const clean = sanitizeFields(fields);
    super(ErrorCode.AUTHORIZATION_ERROR, `the authorization was refused: ${describe(clean)}`);
    this.name = "AuthorizationError";
    this.error = clean.error;
    this.errorDescription = clean.errorDescription;
    this.errorUri = clean.errorUri;
  }
}

export class StateMismatchError extends OAuthError {
  constructor(message: string) {
    super(ErrorCode.STATE_MISMATCH, message);
    this.name = "StateMismatchError";
  }
}

export class InvalidCallbackError extends OAuthError {
  constructor(message: string) {
    super(ErrorCode.INVALID_CALLBACK, message);
    this.name = "InvalidCallbackError";
  }
}

/**
 * The callback's `iss` (RFC 9207) is missing where the provider promises one, or names another
 * issuer: the response may come from a different authorization server (a mix-up attack). It is
 * an `InvalidCallbackError` too, so code that already catches those keeps working.
 */
export class IssuerMismatchError extends InvalidCallbackError {
  override readonly code = ErrorCode.ISSUER_MISMATCH;

  constructor(message: string) {
    super(message);
    this.name = "IssuerMismatchError";
  }
}

/**
 * The token response has no id_token, or it failed a check; `check` names which one
 * (`missing`, `format`, `alg`, `signature`, `iss`, `aud`, `azp`, `exp`, `nbf`, `iat`, `sub`,
 * `nonce`, `auth_time`).
 */
export class IdTokenError extends OAuthError {
  readonly check: string;

  constructor(check: string, detail?: string) {
    super(
      ErrorCode.INVALID_ID_TOKEN,
      `the id_token failed the "${check}" check${detail ? ` (${toPlainText(detail, 200)})` : ""}`,
    );
    this.name = "IdTokenError";
    this.check = check;
  }
}

/** The provider answered with an OAuth error body (`{"error": …}`). */
export class ProviderError extends OAuthError {
  readonly error: string;
  readonly errorDescription: string | undefined;
  readonly errorUri: string | undefined;
  readonly status: number;

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
 * The device flow (RFC 8628) ended without tokens: the person declined (`access_denied`) or the
 * codes expired (`expired_token`). `status` is undefined when the client itself stopped at the
 * authorization's `expiresAt`.
 */
export class DeviceFlowError extends OAuthError {
  readonly error: string;
  readonly errorDescription: string | undefined;
  readonly errorUri: string | undefined;
  readonly status: number | undefined;

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

/** Unexpected status, a body that is not JSON, or a missing or ill-typed field. */
export class ResponseError extends OAuthError {
  readonly status: number;

  constructor(message: string, status: number) {
    super(ErrorCode.INVALID_RESPONSE, message);
    this.name = "ResponseError";
    this.status = status;
  }
}

export class NetworkError extends OAuthError {
  override readonly cause: unknown;

  constructor(message: string, cause: unknown) {
    super(ErrorCode.NETWORK_ERROR, message, { cause });
    this.name = "NetworkError";
    this.cause = cause;
  }
}

export class TimeoutError extends OAuthError {
  constructor(message: string) {
    super(ErrorCode.TIMEOUT, message);
    this.name = "TimeoutError";
  }
}

/** The provider has no such capability (e.g. token revocation). */
export class UnsupportedError extends OAuthError {
  constructor(message: string) {
    super(ErrorCode.UNSUPPORTED, message);
    this.name = "UnsupportedError";
  }
}
