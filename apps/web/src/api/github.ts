import { CSRF_HEADERS } from "./gateway";
import { apiUrl, ensureOk, type QueryParams, readJson, send } from "./http";
import { type LinkRels, parseLinkHeader } from "./linkHeader";

/** GitHub's `x-ratelimit-*` headers, passed through by the gateway. */
export interface RateLimit {
  limit: number;
  remaining: number;
  used: number | null;
  /** When the window resets. */
  resetAt: Date;
  resource: string | null;
}

export interface GitHubResponse {
  status: number;
  /** The JSON body, still unknown: each caller narrows what it reads. */
  data: unknown;
  links: LinkRels;
  rateLimit: RateLimit | null;
  etag: string | null;
}

const GITHUB_PREFIX = "/api/github";

/**
 * GET a GitHub REST path (e.g. "/user/repos") through the gateway, which adds the token.
 * Only plain paths are accepted so a caller's value can never leave `/api/github/`.
 */
export async function githubGet(
  path: string,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<GitHubResponse> {
  const url = gitHubUrl(path, params);
  const init: RequestInit = { headers: { ...CSRF_HEADERS, Accept: "application/json" } };
  if (signal) init.signal = signal;
  const response = await ensureOk(await send(url, init));
  const headers = response.headers;
  return {
    status: response.status,
    data: await readJson(response, (body) => body),
    links: parseLinkHeader(headers.get("Link")),
    rateLimit: parseRateLimit(headers),
    etag: headers.get("ETag"),
  };
}

function gitHubUrl(path: string, params: QueryParams): URL {
  const url = apiUrl(GITHUB_PREFIX + path, params);
  // Checked after resolution, which is when "..", "%2e%2e" or "\\" would have moved it.
  if (!path.startsWith("/") || !url.pathname.startsWith(`${GITHUB_PREFIX}/`) || /[?#]/.test(path)) {
    throw new TypeError(`githubGet: "${path}" is not a plain GitHub API path`);
  }
  return url;
}

export function parseRateLimit(headers: Headers): RateLimit | null {
  const limit = intHeader(headers, "x-ratelimit-limit");
  const remaining = intHeader(headers, "x-ratelimit-remaining");
  const reset = intHeader(headers, "x-ratelimit-reset");
  if (limit === null || remaining === null || reset === null) return null;
  return {
    limit,
    remaining,
    used: intHeader(headers, "x-ratelimit-used"),
    resetAt: new Date(reset * 1000),
    resource: headers.get("x-ratelimit-resource"),
  };
}

function intHeader(headers: Headers, name: string): number | null {
  const value = headers.get(name);
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value) : null;
}
