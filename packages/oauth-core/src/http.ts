import { NetworkError, ResponseError, TimeoutError } from "./errors.js";
import { toPlainText } from "./text.js";

export const DEFAULT_TIMEOUT = 10_000;

export interface RequestSettings {
  /** Defaults to `globalThis.fetch`, looked up on every call so interceptors installed later work. */
  readonly fetch?: typeof fetch | undefined;
  /** Milliseconds for the whole exchange, body included. */
  readonly timeout?: number | undefined;
}

export interface HttpRequest {
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface HttpResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON, as `unknown`; a body that is not JSON is a `ResponseError`. */
  json(): unknown;
}

/** What a provider hook gets to talk to its provider with the caller's fetch and timeout. */
export interface RequestContext {
  request(url: string | URL, init?: HttpRequest): Promise<HttpResponse>;
}

export function contextFor(settings: RequestSettings): RequestContext {
  return { request: (url, init) => sendRequest(settings, url, init) };
}

/** Sends one request, exactly once: retrying is the caller's decision, per endpoint. */
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
  const fetchImpl = settings.fetch ?? globalThis.fetch;
  try {
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
    const text = await untilAborted(response.text(), signal);
    return toHttpResponse(label, response, text);
  } catch (error) {
    if (signal.aborted) throw new TimeoutError(`${label} did not answer within ${timeout} ms`);
    throw new NetworkError(`the request to ${label} failed`, error);
  }
}

/** Settles on abort even when an injected fetch ignores its signal. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
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
