// Where to go after signing in. Only same-origin relative paths are honoured: anything that
// a browser could read as another origin ("//host", "/\host", "https://…", "javascript:…")
// would make the login page an open redirect.

const HOME = "/";
// Paths that would bounce straight back to the login page (or sign out) after signing in.
const NO_RETURN = /^\/(login|logout)(?:[/?#]|$)/;
const PROBE_ORIGIN = "http://return-to.invalid";

export function safeReturnTo(raw: string | null | undefined): string {
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return HOME;
  // Browsers drop tabs/newlines from URLs ("/\t/evil" is "//evil") and read "\" as "/".
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are the point
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return HOME;
  try {
    const resolved = new URL(raw, PROBE_ORIGIN);
    if (resolved.origin !== PROBE_ORIGIN) return HOME;
    // Dot segments can collapse into a leading "//" ("/.//evil" resolves to "//evil").
    if (resolved.pathname.startsWith("//")) return HOME;
  } catch {
    return HOME;
  }
  return NO_RETURN.test(raw) ? HOME : raw;
}
