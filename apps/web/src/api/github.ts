import type { QueryParams } from "./http";
import { type LinkRels, parseLinkHeader } from "./linkHeader";
import { proxiedGet } from "./proxied";

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

/** GET a GitHub REST path (e.g. "/user/repos") through the gateway, which adds the token. */
export async function githubGet(
  path: string,
  params: QueryParams = {},
  signal?: AbortSignal,
): Promise<GitHubResponse> {
  const { status, data, headers } = await proxiedGet(GITHUB_PREFIX, path, params, signal);
  return {
    status,
    data,
    links: parseLinkHeader(headers.get("Link")),
    rateLimit: parseRateLimit(headers),
    etag: headers.get("ETag"),
  };
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
