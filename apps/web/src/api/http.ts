import { ApiError, ClientErrorCode, ShapeError } from "./errors";
import { isRecord } from "./parse";

export type QueryParams = Readonly<Record<string, string | number | undefined>>;

/**
 * Resolves an API path against the page's own origin. The gateway is always same-origin (the
 * Vite proxy in dev, the gateway itself in production), and resolving explicitly keeps fetch
 * working where relative URLs are not accepted (jsdom in tests, at http://localhost:3000).
 */
export function apiUrl(path: string, params: QueryParams = {}): URL {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url;
}

/** fetch with the cookie attached; a failed connection becomes an ApiError with status 0. */
export async function send(url: URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { credentials: "same-origin", ...init });
  } catch (cause) {
    // An aborted navigation is not an error to show anyone: let the router see it as such.
    if (init.signal?.aborted) throw cause;
    throw new ApiError(0, ClientErrorCode.Network, "The server could not be reached.", { cause });
  }
}

/**
 * Reads and drops a body the caller has no use for (a 401's), so the request completes: a
 * response left unread keeps its connection busy, and Chromium lists the request as pending.
 */
export async function discardBody(response: Response): Promise<void> {
  await response.text().catch(() => undefined);
}

/** Throws the gateway's `{error, message}` as an ApiError unless the answer is a 2xx. */
export async function ensureOk(response: Response): Promise<Response> {
  if (response.ok) return response;
  let body: unknown;
  try {
    body = await readBody(response);
  } catch {
    body = undefined;
  }
  const fields = isRecord(body) ? body : {};
  const code = typeof fields.error === "string" ? fields.error : ClientErrorCode.Http;
  const message =
    typeof fields.message === "string"
      ? fields.message
      : `The server answered ${response.status} ${response.statusText}`.trim();
  throw new ApiError(response.status, code, message);
}

/** Reads a JSON body and narrows it with `parse`; any mismatch is an `invalid_response`. */
export async function readJson<T>(response: Response, parse: (body: unknown) => T): Promise<T> {
  try {
    return parse(await readBody(response));
  } catch (error) {
    const message = error instanceof ShapeError ? error.message : "The answer was not valid JSON";
    throw new ApiError(response.status, ClientErrorCode.InvalidResponse, message, { cause: error });
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return undefined;
  const body: unknown = JSON.parse(text);
  return body;
}
