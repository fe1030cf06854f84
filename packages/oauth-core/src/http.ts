import { NetworkError, ResponseError, TimeoutError } from "./errors.js";
import { toPlainText } from "./text.js";

/**
 * The default per-request timeout, in milliseconds (10 000), when a provider's `timeout`
 * option is left out. It covers the whole exchange, body included, and every retry.
 */
export const DEFAULT_TIMEOUT = 10_000;

/** How requests are sent: the `fetch` and `timeout` a provider was made with. */
export interface RequestSettings {
  /** Defaults to `globalThis.fetch`, looked up on every call so interceptors installed later work. */
  readonly fetch?: typeof fetch | undefined;
  /** Milliseconds for the whole exchange, body included; default {@link DEFAULT_TIMEOUT}. */
  readonly timeout?: number | undefined;
}

/**
 * A request as a provider hook sends it through {@link RequestContext.request}. Redirects are
 * never followed (`redirect: "manual"`), so credentials cannot travel to another origin.
 */
export interface HttpRequest {
  /** HTTP method; default `"GET"`. */
  readonly method?: string;
  /** Request headers; none by default (set `Accept` and `Content-Type` yourself). */
  readonly headers?: Record<string, string>;
  /** The body, already encoded (a form's `toString()`, or JSON text). */
  readonly body?: string;
  /**
   * `"idempotent"` marks a read that may be sent again (user info, discovery, JWKS): network
   * errors and 502/503/504 are retried within the timeout. Anything else is sent exactly once.
   */
  readonly retry?: "idempotent";
}

/** An answer with its body already read (within the timeout), as provider hooks get it. */
export interface HttpResponse {
  /** The HTTP status code. */
  readonly status: number;
  /** Whether `status` is 200–299. */
  readonly ok: boolean;
  /** The response headers. */
  readonly headers: Headers;
  /** The whole body as text. */
  readonly text: string;
  /** The body parsed as JSON, as `unknown`; a body that is not JSON is a `ResponseError`. */
  json(): unknown;
}

/** What a provider hook gets to talk to its provider with the caller's fetch and timeout. */
export interface RequestContext {
  /**
   * Sends a request with the provider's `fetch` and `timeout`, reading the whole body.
   *
   * @throws {@link NetworkError} when no answer came; {@link TimeoutError} when it took longer
   * than the timeout; {@link ResponseError} (status 0) when a browser answered with a redirect
   * it will not show (redirects are never followed). An HTTP error status is an answer, not an
   * exception.
   */
  request(url: string | URL, init?: HttpRequest): Promise<HttpResponse>;
}

export function contextFor(settings: RequestSettings): RequestContext {
  return { request: (url, init) => sendRequest(settings, url, init) };
}

/**
 * Sends a request once, or, for an idempotent read, up to three times. The timeout covers every
 * attempt and the pauses between them.
 */
export async function sendRequest(
  settings: RequestSettings,
  url: string | URL,
  init: HttpRequest = {},
): Promise<HttpResponse> {
  const target = new URL(url);
  // Query strings can carry secrets; messages name the endpoint only.
  const label = `${target.origin}${target.pathname}`;
  const timeout = settings.timeout ?? DEFAULT_TIMEOUT;
  const signal = AbortSignal.timeout(timeout);
  const attempt = () => sendOnce(settings, target, init, signal, label);
  try {
    return init.retry === "idempotent"
      ? await withRetries(attempt, signal, Date.now() + timeout)
      : await attempt();
  } catch (error) {
    if (error instanceof ResponseError) throw error;
    if (signal.aborted) throw new TimeoutError(`${label} did not answer within ${timeout} ms`);
    throw new NetworkError(`the request to ${label} failed`, error);
  }
}

async function sendOnce(
  settings: RequestSettings,
  target: URL,
  init: HttpRequest,
  signal: AbortSignal,
  label: string,
): Promise<HttpResponse> {
  const fetchImpl = settings.fetch ?? globalThis.fetch;
  const response = await untilAborted(
    fetchImpl(target, {
      method: init.method ?? "GET",
      headers: init.headers,
      body: init.body,
      signal,
      // Credentials travel with these requests: never let a redirect carry them elsewhere.
      redirect: "manual",
    }),
    signal,
  );
  // A browser hides a redirect it was told not to follow: an "opaqueredirect" with status 0,
  // no headers and no body (other runtimes show the 3xx itself). Nothing there can be used.
  if (response.type === "opaqueredirect") {
    throw new ResponseError(`${label} answered a redirect, which is not followed`, 0);
  }
  const text = await untilAborted(response.text(), signal);
  return toHttpResponse(label, response, text);
}

/** Gateway failures that a second try may get past; 4xx (rate limits included) never are. */
const RETRY_STATUSES = new Set([502, 503, 504]);
/** Pauses before the second and third attempts (D2: at most two retries). */
const RETRY_DELAYS = [100, 300];

/**
 * Retries network errors and 502/503/504 with exponential backoff and jitter (so that many
 * clients do not come back in step). A pause that would outlast the budget is not taken: the
 * last answer is returned, or the last error thrown, instead of a timeout.
 */
async function withRetries(
  attempt: () => Promise<HttpResponse>,
  signal: AbortSignal,
  deadline: number,
): Promise<HttpResponse> {
  for (let retry = 0; ; retry++) {
    let response: HttpResponse;
    try {
      response = await attempt();
    } catch (error) {
      // A ResponseError is an answer (a withheld redirect): not one to ask again for.
      const again = !(error instanceof ResponseError) && !signal.aborted;
      if (!again || !(await pause(RETRY_DELAYS[retry], signal, deadline))) throw error;
      continue;
    }
    if (!RETRY_STATUSES.has(response.status)) return response;
    if (!(await pause(RETRY_DELAYS[retry], signal, deadline))) return response;
  }
}

/** Waits about `delay` ms and answers true, or answers false at once when no retry is left. */
async function pause(
  delay: number | undefined,
  signal: AbortSignal,
  deadline: number,
): Promise<boolean> {
  if (delay === undefined) return false;
  const jittered = delay * (0.75 + Math.random() * 0.5);
  if (Date.now() + jittered >= deadline) return false;
  await untilAborted(new Promise((resolve) => setTimeout(resolve, jittered)), signal);
  return true;
}

/** Settles on abort even when an injected fetch ignores its signal. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

function toHttpResponse(label: string, response: Response, text: string): HttpResponse {
  const { status, headers } = response;
  return {
    status,
    ok: status >= 200 && status <= 299,
    headers,
    text,
    json() {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        // The body itself stays out of the message: it may be a whole HTML page.
        const type = toPlainText(headers.get("content-type") ?? "none", 100);
        throw new ResponseError(
          `${label} answered HTTP ${status} with a body that is not JSON (content-type "${type}")`,
          status,
        );
      }
    },
  };
}
