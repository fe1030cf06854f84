import { ArgumentError } from "./errors.js";

/** A wrong argument is the caller's mistake: an ArgumentError naming it, before any request. */

export function assertNonEmptyString(value: unknown, name: string): asserts value is string {
  if (typeof value !== "string" || value === "") {
    throw new ArgumentError(name, "must be a non-empty string");
  }
}

/** An absolute http(s) URL without a fragment (RFC 6749 §3.1.2 forbids one in redirect URIs). */
export function assertHttpUrl(value: unknown, name: string): asserts value is string {
  assertNonEmptyString(value, name);
  const url = URL.canParse(value) ? new URL(value) : undefined;
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:") || url.hash !== "") {
    throw new ArgumentError(name, "must be an absolute http(s) URL without a fragment");
  }
}

/** RFC 6749 §3.3 scope-token: printable ASCII without space, `"` or `\`. */
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

export function assertScopes(scopes: readonly string[], name: string): void {
  for (const scope of scopes) {
    if (!SCOPE_TOKEN.test(scope)) throw new ArgumentError(name, "holds an invalid scope");
  }
}

export function assertTimeout(value: number | undefined, name: string): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new ArgumentError(name, "must be a positive number of milliseconds");
  }
}

/** Plain http is allowed to this machine only, so the dev mock works and nothing leaves it. */
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
}

export function trimTrailingSlashes(url: string): string {
  return url.replace(/\/+$/, "");
}
