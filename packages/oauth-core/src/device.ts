import { credentialsOf, postFormAsClient } from "./client-auth.js";
import { type DeviceAuthorization, parseDeviceAuthorization } from "./device-response.js";
import { contextOf, engineOf, processTokenResponse } from "./engine.js";
import { DeviceFlowError, ProviderError, UnsupportedError } from "./errors.js";
import { postForm } from "./form.js";
import { type HttpResponse, untilAborted } from "./http.js";
import { isJsonObject } from "./parse.js";
import type { Provider } from "./provider.js";
import type { TokenSet } from "./types.js";
import { assertNonEmptyString, assertScopes } from "./validate.js";

/**
 * The `grant_type` of the device flow's token requests (RFC 8628 §3.4), as
 * {@link pollDeviceToken} sends it; exported for mocks and tests.
 */
export const DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code";
/** RFC 8628 §3.5: every `slow_down` adds five seconds to the interval, for good. */
const SLOW_DOWN_SECONDS = 5;
/** setTimeout's ceiling; a longer wait would fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

/** Options of {@link startDeviceAuthorization}. */
export interface StartDeviceAuthorizationOptions {
  /** The scopes to ask for; default: the provider's `scopes`. */
  scopes?: readonly string[];
}

/** Why the provider has no token yet; passed to `onPending` after each such answer. */
export interface DevicePollState {
  /**
   * `authorization_pending`: the person has not answered yet; `slow_down`: the provider asked
   * for a longer interval, and the next wait is already longer.
   */
  error: "authorization_pending" | "slow_down";
  /** Seconds until the next request. */
  interval: number;
}

/** Options of {@link pollDeviceToken}; all optional. */
export interface PollDeviceTokenOptions {
  /** Aborting stops the polling at once; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Called after each answer without tokens yet (to show progress); its return value is
   * ignored, and an exception thrown from it ends the polling.
   */
  onPending?: (state: DevicePollState) => void;
  /**
   * Waits `ms` milliseconds between requests; default a `setTimeout` that rejects with the
   * signal's reason on abort. Replace it in tests (one that resolves at once, or moves a fake
   * clock); it should reject when `signal` aborts.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * Starts the device flow (RFC 8628 §3.1): the person then opens `verificationUri` on any device
 * and types `userCode`, while this side calls {@link pollDeviceToken}. Posts `client_id` and
 * `scope` once (with the client's credentials when it has a secret).
 *
 * @throws {@link UnsupportedError} when the provider has no device authorization endpoint;
 * for now also for OpenID Connect providers (an id_token from this grant is not validated yet).
 * @throws {@link ProviderError} when the provider answers an `error` (GitHub:
 * `device_flow_disabled` until "Enable Device Flow" is ticked for the app).
 * @throws {@link ResponseError} when the answer is malformed, its `verification_uri` is not an
 * absolute http(s) URL, or its `user_code` is not a short line of printable text.
 * @throws {@link NetworkError} or {@link TimeoutError} when no answer came.
 */
export async function startDeviceAuthorization(
  provider: Provider,
  options: StartDeviceAuthorizationOptions = {},
): Promise<DeviceAuthorization> {
  const endpoint = deviceEndpointOf(provider);
  const scopes = options.scopes ?? provider.scopes;
  assertScopes(scopes, "scopes");
  const body = new URLSearchParams();
  if (scopes.length > 0) body.set("scope", scopes.join(" "));
  const response = await postDeviceForm(provider, endpoint, body);
  return parseDeviceAuthorization(response.status, response.json());
}

/**
 * Polls the token endpoint until the person approves (tokens), declines or the codes expire
 * (`DeviceFlowError`), waiting `interval` seconds before each request and five more after each
 * `slow_down` (or the provider's stated interval, when longer). Any other error answer is
 * thrown as the provider's parser reports it. Each token request is sent once; no request is
 * sent after `expiresAt`.
 *
 * @param authorization - What {@link startDeviceAuthorization} answered.
 * @throws {@link DeviceFlowError} on `access_denied` or `expired_token`, also when `expiresAt`
 * passes first.
 * @throws {@link ProviderError} on any other error answer (e.g. `incorrect_device_code`).
 * @throws The signal's reason (an `AbortError` `DOMException` by default) when `signal` aborts.
 * @throws {@link UnsupportedError}, {@link ResponseError}, {@link NetworkError} or
 * {@link TimeoutError} as for {@link startDeviceAuthorization} and {@link exchangeCode}.
 */
export async function pollDeviceToken(
  provider: Provider,
  authorization: DeviceAuthorization,
  options: PollDeviceTokenOptions = {},
): Promise<TokenSet> {
  assertNonEmptyString(authorization.deviceCode, "deviceCode");
  deviceEndpointOf(provider);
  const { signal, sleep = abortableSleep } = options;
  let interval = authorization.interval;
  for (;;) {
    signal?.throwIfAborted();
    const remaining = authorization.expiresAt - Date.now();
    if (remaining <= 0) throw expiredLocally();
    await sleep(Math.min(interval * 1000, remaining), signal);
    // An injected sleep may ignore the signal.
    signal?.throwIfAborted();
    if (Date.now() >= authorization.expiresAt) throw expiredLocally();
    const request = requestDeviceToken(provider, authorization.deviceCode);
    const answer = await (signal ? untilAborted(request, signal) : request);
    if ("tokens" in answer) return answer.tokens;
    if (answer.error === "slow_down") {
      interval = Math.max(interval + SLOW_DOWN_SECONDS, answer.interval ?? 0);
    }
    options.onPending?.({ error: answer.error, interval });
  }
}

type PollAnswer =
  | { tokens: TokenSet }
  | { error: "authorization_pending" }
  | { error: "slow_down"; interval: number | undefined };

/** One token request; sent once, like every token request. */
async function requestDeviceToken(provider: Provider, deviceCode: string): Promise<PollAnswer> {
  const body = new URLSearchParams({ grant_type: DEVICE_CODE_GRANT, device_code: deviceCode });
  const response = await postDeviceForm(provider, provider.endpoints.token, body);
  const json = response.json();
  // The provider's own parser knows how it reports errors (GitHub: HTTP 200 with `error`).
  const engine = engineOf(provider);
  try {
    const checks = { grant: "device_code" } as const;
    return { tokens: await processTokenResponse(engine, contextOf(provider), response, checks) };
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    switch (error.error) {
      case "authorization_pending":
        return { error: "authorization_pending" };
      case "slow_down":
        return { error: "slow_down", interval: statedInterval(json) };
      case "access_denied":
      case "expired_token":
        throw new DeviceFlowError(error);
      default:
        throw error;
    }
  }
}

/** GitHub states the new interval with `slow_down`; a longer one than ours is honoured. */
function statedInterval(body: unknown): number | undefined {
  const value = isJsonObject(body) ? body.interval : undefined;
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : undefined;
}

function expiredLocally(): DeviceFlowError {
  return new DeviceFlowError({
    error: "expired_token",
    errorDescription: "The device code expired before the authorization was completed.",
  });
}

function deviceEndpointOf(provider: Provider): string {
  const endpoint = provider.endpoints.device;
  if (!provider.capabilities.device || !endpoint) {
    throw new UnsupportedError(`${provider.name} does not support the device authorization grant`);
  }
  return endpoint;
}

/**
 * RFC 8628 §3.1: a confidential client authenticates as at the token endpoint; a public one
 * (a CLI holds no secret) only names itself.
 */
function postDeviceForm(
  provider: Provider,
  url: string,
  body: URLSearchParams,
): Promise<HttpResponse> {
  const ctx = contextOf(provider);
  const client = credentialsOf(provider);
  if (client.clientSecret.reveal() !== "") return postFormAsClient(ctx, client, url, body);
  body.set("client_id", provider.clientId);
  return postForm(ctx, url, body);
}

function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.min(ms, MAX_DELAY),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
