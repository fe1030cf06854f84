import { CSRF_HEADERS } from "./gateway";
import { apiUrl, ensureOk, type QueryParams, readJson, send } from "./http";

export interface ProxiedResponse {
  status: number;
  /** The JSON body, still unknown: each caller narrows what it reads. */
  data: unknown;
  headers: Headers;
}

/**
 * GET `path` of an API the gateway calls for the session (`prefix` is its path, e.g.
 * `/api/google`); the gateway adds the token. Only plain paths are accepted, so a caller's
 * value can never leave the prefix.
 */
export async function proxiedGet(
  prefix: string,
  path: string,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<ProxiedResponse> {
  const url = proxiedUrl(prefix, path, params);
  const init: RequestInit = { headers: { ...CSRF_HEADERS, Accept: "application/json" } };
  if (signal) init.signal = signal;
  const response = await ensureOk(await send(url, init));
  return {
    status: response.status,
    data: await readJson(response, (body) => body),
    headers: response.headers,
  };
}

function proxiedUrl(prefix: string, path: string, params: QueryParams): URL {
  const url = apiUrl(prefix + path, params);
  // Checked after resolution, which is when "..", "%2e%2e" or "\\" would have moved it.
  if (!path.startsWith("/") || !url.pathname.startsWith(`${prefix}/`) || /[?#]/.test(path)) {
    throw new TypeError(`"${path}" is not a plain path under ${prefix}`);
  }
  return url;
}
