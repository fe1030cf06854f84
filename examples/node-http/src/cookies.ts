export interface CookieOptions {
  /** Only sent on requests under this path. */
  path: string;
  /** Seconds; 0 deletes the cookie. Left out, it lasts until the browser closes. */
  maxAge?: number;
  /** Whether the public URL is https: a Secure cookie is never sent over plain http. */
  secure: boolean;
}

/**
 * A Set-Cookie value. Always HttpOnly (page scripts never see the ids) and SameSite=Lax:
 * sent when a link from GitHub lands on /callback, not on cross-site POSTs such as a forged
 * logout form.
 */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [`${name}=${value}`, `Path=${options.path}`, "HttpOnly", "SameSite=Lax"];
  if (options.maxAge !== undefined) parts.push(`Max-Age=${options.maxAge}`);
  if (options.secure) parts.push("Secure");
  return parts.join("; ");
}

/** The Cookie header as a map. Our values are base64url, so no decoding is needed. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const pair of (header ?? "").split(";")) {
    const eq = pair.indexOf("=");
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    // The first one wins, as the most specific path comes first in the browser's header.
    if (!cookies.has(name)) cookies.set(name, pair.slice(eq + 1).trim());
  }
  return cookies;
}
