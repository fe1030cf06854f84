import { sealData } from "iron-session";
import type { z } from "zod";
import { openSeal } from "../crypto/open-seal.js";
import type { SealCache } from "../crypto/seal-cache.js";

/** Clocks of different machines disagree a little; Redis's own TTL does the exact expiry. */
const CLOCK_SLACK_SECONDS = 60;

/**
 * Seals values with the session secrets before they leave the process, so a shared store
 * holds nothing readable (no token, no profile) and nothing it could forge: a value written
 * by anyone without the secret, or sealed with a secret since removed, reads as absent.
 */
export interface Sealer {
  seal(value: unknown, ttlMs: number): Promise<string>;
  open<T>(sealed: string, schema: z.ZodType<T>): Promise<T | undefined>;
}

/**
 * With `cache`, a value read again unchanged (a cached user, read on every `/api/me`) is
 * decrypted once: the same rules as for session cookies, see `SealCache`. What `open` gives
 * back is frozen either way.
 */
export function createSealer(secrets: Record<string, string>, cache?: SealCache): Sealer {
  return {
    seal: (value, ttlMs) =>
      sealData(value, {
        password: secrets,
        ttl: Math.ceil(ttlMs / 1000) + CLOCK_SLACK_SECONDS,
      }),
    open: (sealed, schema) => openSeal(sealed, { secrets, schema, cache }),
  };
}
