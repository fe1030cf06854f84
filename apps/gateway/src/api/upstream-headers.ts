import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { ApiTarget } from "./api-target.js";

/**
 * GitHub refuses API calls without a User-Agent and asks that it name the application; the
 * other APIs log it, so every call names the gateway.
 */
export const PROXY_USER_AGENT = "latchkey-gateway";

/**
 * The only standard client headers an API ever sees, besides the API's own it lists
 * (`ApiTarget.requestHeaders`: GitHub's `x-github-api-version` and `time-zone`, Microsoft
 * Graph's `consistencylevel`); anything else (cookies, the client's own
 * credentials, forwarding and method-override headers, hop-by-hop headers, whatever a new
 * browser or script invents) stays here by default.
 *
 * - `accept`: picks the media type (GitHub's `.raw`, `.html`, `.diff`, `+json`…).
 * - `accept-encoding`: the body comes back to the client as the API sent it, so it decodes
 *   what it asked for; a compressed answer also costs less on the way.
 * - `content-type`: what a write's body is (JSON, or raw bytes for release assets).
 * - `content-length`, `transfer-encoding`: the body's framing, as the body came; the relayed
 *   bytes would mean nothing without it.
 * - `if-none-match`, `if-modified-since`: conditional reads; GitHub does not count a 304
 *   against the rate limit.
 *
 * Left out, on purpose: `user-agent` (the gateway names itself; the browser's would only tell
 * the API about the user), `accept-language` (GitHub's REST API does not localize), `range`
 * (no GitHub REST endpoint answers partial content), `if-match`/`if-unmodified-since` (GitHub's
 * writes are guarded by the `sha` in their body), `x-github-otp` (basic authentication only,
 * never used here).
 */
const FORWARDED = [
  "accept",
  "accept-encoding",
  "content-type",
  "content-length",
  "transfer-encoding",
  "if-none-match",
  "if-modified-since",
] as const;

/** Kept even when the client's `Connection` names them: without them the body loses its framing. */
const FRAMING = new Set(["content-length", "transfer-encoding"]);

/**
 * The headers sent to the API for one client request: the allow-listed ones, the headers the
 * API needs on every call, and the user's token, in a new object (the client's are left as
 * they came, for the access log). A header the API lets clients send is the client's choice:
 * the API's fixed value for it (GitHub's pinned version) is not imposed on a client written
 * against another, or against the API's default.
 */
export function toUpstream(
  client: IncomingHttpHeaders,
  method: string,
  accessToken: string,
  api: Pick<ApiTarget, "scheme" | "headers" | "requestHeaders">,
): IncomingHttpHeaders {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(api.headers)) {
    if (!api.requestHeaders.includes(name)) headers[name] = value;
  }
  headers.authorization = `${api.scheme} ${accessToken}`;
  headers["user-agent"] = PROXY_USER_AGENT;
  for (const name of FORWARDED) {
    const value = client[name];
    if (value !== undefined) headers[name] = value;
  }
  for (const name of api.requestHeaders) {
    const value = client[name];
    if (value !== undefined) headers[name] = value;
  }
  // RFC 9110 §7.6.1: what the client's Connection names is about its hop only.
  const connection = client.connection;
  if (connection !== undefined) {
    for (const token of connection.split(",")) {
      const name = token.trim().toLowerCase();
      if (!FRAMING.has(name)) delete headers[name];
    }
  }
  // A write without framing has an empty body (RFC 9112 §6.3); APIs want that said with
  // Content-Length: 0 (starring, following, locking), not an empty chunked stream.
  if (
    headers["content-length"] === undefined &&
    headers["transfer-encoding"] === undefined &&
    method !== "GET" &&
    method !== "HEAD"
  ) {
    headers["content-length"] = "0";
  }
  return headers;
}

/**
 * An API's answer headers that never reach the browser.
 * - About the API's connection to us, not ours to the client (RFC 9110 §7.6.1); Node frames
 *   the answer to the client itself.
 * - Power over the gateway's origin: cookies, wiping its site data, alternative services.
 * - Policies for pages of the gateway's origin: the gateway sets its own, or deliberately
 *   none (HSTS on http); an API's answer never widens or replaces them.
 * - The gateway's request id and CORS decisions are its own.
 */
const NOT_FROM_UPSTREAM = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "proxy-authenticate",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "http2-settings",
  "set-cookie",
  "set-cookie2",
  "clear-site-data",
  "alt-svc",
  "content-security-policy",
  "content-security-policy-report-only",
  "x-frame-options",
  "referrer-policy",
  "strict-transport-security",
  "permissions-policy",
  "feature-policy",
  "cross-origin-opener-policy",
  "cross-origin-opener-policy-report-only",
  "cross-origin-embedder-policy",
  "cross-origin-embedder-policy-report-only",
  "cross-origin-resource-policy",
  "origin-agent-cluster",
  "x-content-type-options",
  "x-dns-prefetch-control",
  "x-download-options",
  "x-permitted-cross-domain-policies",
  "x-xss-protection",
  "report-to",
  "reporting-endpoints",
  "nel",
  "service-worker-allowed",
  "refresh",
  "x-request-id",
]);

/**
 * Cleans the API's answer headers in place, before they are copied onto the client's answer:
 * whatever the gateway already set on `res` (its security headers, request id, a re-sealed
 * cookie) wins over the API's, and the connection header is the gateway's own.
 */
export function fromUpstream(headers: IncomingHttpHeaders, res: ServerResponse): void {
  const connection = headers.connection;
  if (connection !== undefined) {
    for (const token of connection.split(",")) delete headers[token.trim().toLowerCase()];
  }
  // One pass over what the API sent (two dozen names), rather than a delete per listed name.
  for (const name of Object.keys(headers)) {
    if (NOT_FROM_UPSTREAM.has(name) || name.startsWith("access-control-") || res.hasHeader(name)) {
      delete headers[name];
    }
  }
  // Set here, or the proxy would copy the client's own Connection header onto the answer.
  if (!res.hasHeader("connection"))
    headers.connection = res.shouldKeepAlive ? "keep-alive" : "close";
}

/** Where an API lives, and where the gateway serves it. */
export interface ApiLocation {
  /** The API's base URL without a trailing slash, as relative locations are resolved against it. */
  base: string;
  origin: string;
  /** The API's path on its origin without a trailing slash: "" for api.github.com. */
  path: string;
  mountPath: string;
}

/**
 * A `Location` the API sent, as the browser should get it. An API points a moved resource
 * (GitHub: a renamed or transferred repository) and a created one at its own URL: that URL
 * goes through the gateway, so the SPA's request follows it with the user's token attached
 * here (fetched from the API's origin, it would carry no token and fail on CORS). Anything
 * else is left as sent: signed, short-lived download URLs (GitHub's codeload and release
 * assets) are meant to be fetched directly, web pages are not the API, and the gateway
 * proxies nothing but the API. What no URL parser takes (`//`) is left too: the browser
 * refuses it on its own.
 */
export function locationThroughGateway(location: string, requestUrl: string, api: ApiLocation) {
  let url: URL;
  try {
    url = new URL(location, api.base + requestUrl);
  } catch {
    return location;
  }
  if (url.origin !== api.origin) return location;
  const path = url.pathname;
  if (path !== api.path && !path.startsWith(`${api.path}/`)) return location;
  const rest = path.slice(api.path.length);
  return api.mountPath + (rest === "/" ? "" : rest) + url.search + url.hash;
}
