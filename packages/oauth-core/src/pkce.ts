import { base64url } from "./encoding.js";
import { ArgumentError } from "./errors.js";
import { randomToken } from "./random.js";

/** RFC 7636 §4.1: 43–128 characters from the unreserved set. */
const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * A fresh PKCE code verifier: base64url of 32 random bytes (`crypto.getRandomValues`), 43
 * characters. {@link createAuthorizationRequest} makes one for you.
 */
export function generateCodeVerifier(): string {
  return randomToken();
}

/**
 * The S256 code challenge: base64url(SHA-256(verifier)). `plain` is never offered.
 * {@link createAuthorizationRequest} calls it for you.
 *
 * @throws {@link ArgumentError} when `verifier` is not 43–128 characters of `[A-Za-z0-9-._~]`
 * (RFC 7636).
 */
export async function computeCodeChallenge(verifier: string): Promise<string> {
  if (!VERIFIER_PATTERN.test(verifier)) {
    throw new ArgumentError("verifier", "must be 43–128 characters of [A-Za-z0-9-._~]");
  }
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
