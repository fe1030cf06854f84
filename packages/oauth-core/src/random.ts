import { base64url } from "./encoding.js";

/** 32 bytes = 256 bits, twice the 128-bit floor for values an attacker must not guess. */
const RANDOM_BYTES = 32;

export function randomToken(byteLength = RANDOM_BYTES): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/**
 * An unguessable `state` for one authorization request: 256 random bits from
 * `crypto.getRandomValues`, base64url, 43 characters. {@link createAuthorizationRequest} makes
 * one for you.
 */
export function generateState(): string {
  return randomToken();
}

/**
 * A fresh OpenID Connect `nonce` for one transaction (256 random bits, base64url, 43
 * characters). {@link createAuthorizationRequest} makes one for OpenID Connect providers.
 */
export function generateNonce(): string {
  return randomToken();
}

/**
 * Compares two strings without leaking where they differ through timing: every byte of the
 * longer one is visited, and the length check comes last. {@link parseCallback} compares
 * `state` with it; use it for your own secrets (e.g. a CSRF token) too.
 *
 * @returns Whether the UTF-8 encodings of `a` and `b` are equal.
 */
export function timingSafeEqual(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  const length = Math.max(left.length, right.length);
  let difference = 0;
  for (let i = 0; i < length; i++) {
    difference |= (left[i] ?? 0) ^ (right[i] ?? 0);
  }
  return difference === 0 && left.length === right.length;
}
