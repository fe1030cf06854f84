import { base64url } from "./encoding.js";

/** 32 bytes = 256 bits, twice the 128-bit floor for values an attacker must not guess. */
const RANDOM_BYTES = 32;

export function randomToken(byteLength = RANDOM_BYTES): string {
  return base64url(crypto.getRandomValues(new Uint8Array(byteLength)));
}

/** An unguessable `state` for one authorization request (base64url, 43 characters). */
export function generateState(): string {
  return randomToken();
}

/** A fresh OpenID Connect `nonce` for one transaction (256 bits, base64url). */
export function generateNonce(): string {
  return randomToken();
}

/**
 * Compares two strings without leaking where they differ through timing: every byte of the
 * longer one is visited, and the length check comes last.
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
