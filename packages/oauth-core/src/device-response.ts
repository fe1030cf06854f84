import { ResponseError } from "./errors.js";
import { assertJsonObject, type JsonObject, readOptionalNumber, readString } from "./parse.js";
import { toHttpUrl } from "./text.js";
import { providerErrorFrom } from "./token-response.js";

/**
 * A device authorization (RFC 8628 §3.2) from {@link startDeviceAuthorization}: what to show
 * the person, and what to pass to {@link pollDeviceToken}.
 */
export interface DeviceAuthorization {
  /** For the token requests only: never show or log it. */
  deviceCode: string;
  /** What the person types at `verificationUri`. */
  userCode: string;
  /** Where the person goes, on any device with a browser. */
  verificationUri: string;
  /** The same page with the user code filled in (for a QR code), when the provider gives one. */
  verificationUriComplete?: string;
  /** Epoch milliseconds after which both codes are void. */
  expiresAt: number;
  /** Seconds to wait between token requests; 5 when the provider does not say. */
  interval: number;
}

/** RFC 8628 §3.2: without `interval`, clients wait 5 seconds. */
const DEFAULT_INTERVAL = 5;
const MAX_USER_CODE_LENGTH = 64;

/** Parses the device authorization endpoint's answer, or throws a typed error. */
export function parseDeviceAuthorization(status: number, body: unknown): DeviceAuthorization {
  // No device authorization carries `error`, so one is an error at any status.
  const error = providerErrorFrom(status, body);
  if (error) throw error;
  if (status < 200 || status > 299) {
    throw new ResponseError(`the device authorization endpoint answered HTTP ${status}`, status);
  }
  assertJsonObject(body, status, "the device authorization response");
  const expiresIn = readOptionalNumber(body, "expires_in", status);
  if (!expiresIn) throw new ResponseError('"expires_in" must be a positive number', status);
  const authorization: DeviceAuthorization = {
    deviceCode: readString(body, "device_code", status),
    userCode: readUserCode(body, status),
    verificationUri: readVerificationUri(body, status),
    expiresAt: Date.now() + expiresIn * 1000,
    interval: readOptionalNumber(body, "interval", status) ?? DEFAULT_INTERVAL,
  };
  // Optional: a value that is not an http(s) URL is dropped rather than shown.
  const complete = body.verification_uri_complete;
  const completeUrl = typeof complete === "string" ? toHttpUrl(complete) : null;
  if (completeUrl) authorization.verificationUriComplete = new URL(completeUrl).href;
  return authorization;
}

/** Shown in a terminal: control characters could rewrite the screen, so none are accepted. */
function readUserCode(body: JsonObject, status: number): string {
  const code = readString(body, "user_code", status);
  if (/\p{Cc}/u.test(code) || code.length > MAX_USER_CODE_LENGTH) {
    throw new ResponseError('"user_code" must be a short line of printable text', status);
  }
  return code;
}

/** Shown and followed: only an absolute http(s) URL, normalized (controls percent-encoded). */
function readVerificationUri(body: JsonObject, status: number): string {
  const url = toHttpUrl(readString(body, "verification_uri", status));
  if (!url) throw new ResponseError('"verification_uri" must be an absolute http(s) URL', status);
  return new URL(url).href;
}
