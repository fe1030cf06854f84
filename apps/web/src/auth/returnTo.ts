// Where to go after signing in. The gateway checks returnTo with the same rule before its
// final redirect (apps/gateway/src/auth/return-to.ts; both pass
// packages/contracts/test/return-to-cases.ts), so the link the login page builds is the page
// the sign-in ends on. Anything a browser could read as another origin ("//host", "/\host",
// "https://…", "javascript:…") would make the login page an open redirect.

const HOME = "/";
/** Longer values are refused outright rather than parsed: no real page path needs more. */
const MAX_LENGTH = 2048;
// Paths that would bounce straight back to the login page (or sign out) after signing in.
const NO_RETURN = /^\/(login|logout)(?:[/?#]|$)/i;
const PROBE_ORIGIN = "http://return-to.invalid";

/** A same-origin path, resolved as the browser would resolve it, or "/". */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return HOME;
  // Browsers drop tabs/newlines from URLs ("/\t/evil" is "//evil") and read "\" as "/".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return HOME;
  if (!value.startsWith("/") || value.startsWith("//")) return HOME;
  // "/%2f/evil" and "/%5cevil" decode into the same tricks on some routers.
  if (/^\/%(2f|5c)/i.test(value)) return HOME;
  let resolved: URL;
  try {
    resolved = new URL(value, PROBE_ORIGIN);
  } catch {
    return HOME;
  }
  if (resolved.origin !== PROBE_ORIGIN) return HOME;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Dot segments can collapse into a leading "//" ("/.//evil" resolves to "//evil").
  return path.startsWith("//") || NO_RETURN.test(path) ? HOME : path;
}
