/** What {@link safeReturnTo} refuses besides other origins, and what it answers instead. */
export interface ReturnToOptions {
  /**
   * Paths never to come back to right after signing in, each matched as a whole path segment
   * and case-insensitively (`"/login"` refuses `/login`, `/Login/`, `/login?x`, not
   * `/loginhelp`): the login page itself, sign-out.
   */
  refuse?: readonly string[];
  /** The answer for anything refused; default `"/"`. */
  fallback?: string;
}

/** Longer values are refused outright rather than parsed: no real page path needs more. */
const MAX_LENGTH = 2048;
const PROBE = "https://return-to.invalid";

/**
 * Where to send a person after sign-in: `value` when it is a path on this origin (resolved as
 * a browser would resolve it), else the fallback. Use it wherever a `returnTo` is read and
 * again before redirecting to it, so a login page cannot become an open redirect: anything a
 * browser could read as another origin is refused (`//host`, `/\host`, `/\t/host`, `https:…`,
 * `javascript:…`, encoded slashes, dot segments that collapse into `//`).
 */
export function safeReturnTo(value: unknown, options: ReturnToOptions = {}): string {
  const fallback = options.fallback ?? "/";
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) {
    return fallback;
  }
  // Browsers treat "\" as "/" and strip tabs and newlines inside URLs, so "/\evil" and
  // "/\t/evil" are protocol-relative to them: refuse any control character or backslash.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  // Encoded slashes and backslashes decode into the same tricks on some routers.
  if (/^\/%(2f|5c)/i.test(value)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(value, PROBE);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PROBE) return fallback;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Dot segments can collapse into a leading "//": "/.//evil.example" resolves to the path
  // "//evil.example". Check the result, not just the input.
  if (path.startsWith("//")) return fallback;
  return isRefused(resolved.pathname, options.refuse ?? []) ? fallback : path;
}

function isRefused(pathname: string, refuse: readonly string[]): boolean {
  const lower = pathname.toLowerCase();
  return refuse.some((entry) => {
    const prefix = entry.toLowerCase().replace(/\/+$/, "");
    return lower === prefix || lower.startsWith(`${prefix}/`);
  });
}
