import { HttpResponse } from "msw";
import { digest, randomHex } from "../random.js";
import type { RateLimitStatus } from "../state.js";
import type { ApiReply, RouteOptions } from "./respond.js";

/** The rate-limit headers GitHub puts on every REST response. */
export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  return {
    "x-ratelimit-limit": String(status.limit),
    "x-ratelimit-remaining": String(status.remaining),
    "x-ratelimit-reset": String(status.reset),
    "x-ratelimit-used": String(status.used),
    "x-ratelimit-resource": "core",
  };
}

export function send(
  reply: ApiReply,
  meta: {
    status: RateLimitStatus;
    scopes: readonly string[] | undefined;
    options: RouteOptions;
    body?: string | undefined;
  },
): Response {
  const headers = new Headers({
    "content-type": "application/json; charset=utf-8",
    "cache-control": meta.scopes
      ? "private, max-age=60, s-maxage=60"
      : "public, max-age=60, s-maxage=60",
    vary: "Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding",
    "x-github-media-type": "github.v3; format=json",
    "x-github-api-version-selected": "2022-11-28",
    "x-github-enterprise-version": "3.17.0",
    "x-github-request-id": requestId(),
    "access-control-allow-origin": "*",
    "access-control-expose-headers":
      "ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset",
    "x-content-type-options": "nosniff",
    ...rateLimitHeaders(meta.status),
    ...reply.headers,
  });
  if (meta.scopes) headers.set("x-oauth-scopes", meta.scopes.join(", "));
  if (meta.options.acceptedScopes !== undefined) {
    headers.set("x-accepted-oauth-scopes", meta.options.acceptedScopes);
  }
  const noBody = reply.status === 204 || reply.status === 304;
  if (noBody) {
    headers.delete("content-type");
    return new Response(null, { status: reply.status, headers });
  }
  // Framed by Content-Length, as GitHub frames its answers: a body ended only by the close
  // of the connection can crash a Node client that has not finished reading it.
  return HttpResponse.text(meta.body ?? JSON.stringify(reply.body ?? null), {
    status: reply.status,
    headers,
  });
}

export async function weakEtag(body: string): Promise<string> {
  const hash = Array.from(await digest("SHA-1", body), (b) => b.toString(16).padStart(2, "0"));
  return `W/"${hash.join("")}"`;
}

/** Weak comparison (RFC 9110 §13.1.2): W/"x" and "x" match; a list or "*" may be sent. */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (header === null) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

function requestId(): string {
  const hex = randomHex(14).toUpperCase();
  return `${hex.slice(0, 4)}:${hex.slice(4, 8)}:${hex.slice(8, 14)}:${hex.slice(14, 20)}:${hex.slice(20, 28)}`;
}
