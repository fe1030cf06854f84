/** Longer values are refused outright rather than parsed: no real page path needs more. */
const MAX_RETURN_TO_LENGTH = 2048;
const FALLBACK = "/";
// The SPA's login page (and signing out): coming back there right after signing in is a loop.
const NO_RETURN = /^\/(login|logout)(?:[/?#]|$)/i;

/**
 * Where to send the user after sign-in: a same-origin relative path or `/`. The SPA's login
 * page applies the same rule (both pass packages/contracts/test/return-to-cases.ts), so the
 * place it promises is the place the callback redirects to. Checked when the login starts and
 * again before the final redirect, so a value that slipped into a transaction by any route
 * still cannot leave the origin.
 */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_RETURN_TO_LENGTH) {
    return FALLBACK;
  }
  // Browsers treat "\" as "/" and strip tabs/newlines inside URLs, so "/\evil" and "/\t/evil"
  // are protocol-relative to them. Refuse any control character or backslash at all.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this refuses
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return FALLBACK;
  if (!value.startsWith("/") || value.startsWith("//")) return FALLBACK;
  // Encoded slashes and backslashes decode into the same tricks on some routers.
  if (/^\/%(2f|5c)/i.test(value)) return FALLBACK;
  const base = new URL("https://return-to.invalid");
  let resolved: URL;
  try {
    resolved = new URL(value, base);
  } catch {
    return FALLBACK;
  }
  if (resolved.origin !== base.origin) return FALLBACK;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Dot segments can collapse into a leading "//": "/.//evil.example" resolves to the path
  // "//evil.example", which a browser reads as another host. Check the result, not just the input.
  return path.startsWith("//") || NO_RETURN.test(path) ? FALLBACK : path;
}
