import { unsealData } from "iron-session";
import type { z } from "zod";
import type { SealCache } from "./seal-cache.js";

const SEAL_SUFFIX = "~2";

export interface OpenSealOptions<T> {
  secrets: Record<string, string>;
  schema: z.ZodType<T>;
  /** Opened seals to reuse instead of decrypting the same value again. */
  cache?: SealCache | undefined;
}

/**
 * Opens an iron seal (a session cookie, a value kept in Redis) and checks it against
 * `schema`: from `cache` when it holds this very seal, else by decrypting it (and then keeping
 * it there). Anything that does not open or match (tampered, truncated, expired, sealed with
 * a removed secret, an older shape) is undefined. What it returns is deeply frozen, cached or
 * not, so code that tried to change a value in place would fail in every test, not only where
 * a cache hit happened to be shared.
 */
export async function openSeal<T>(
  sealed: string,
  { secrets, schema, cache }: OpenSealOptions<T>,
): Promise<T | undefined> {
  if (!hasSealSuffix(sealed)) return undefined;
  const cached = cache?.get(sealed, secrets, schema);
  if (cached !== undefined) return cached;
  // iron-session answers `{}` for a seal that does not open; only its callback tells that
  // apart from a seal of an empty object.
  let opened = true;
  const data: unknown = await unsealData(sealed, {
    // No ttl here: iron checks the expiry written inside the seal when it was made.
    password: secrets,
    onUnsealError: () => {
      opened = false;
    },
  });
  if (!opened) return undefined;
  const parsed = schema.safeParse(data);
  if (!parsed.success) return undefined;
  const frozen = deepFreeze(parsed.data);
  cache?.set(sealed, secrets, schema, frozen);
  return frozen;
}

/**
 * Every seal this gateway writes ends in iron-session's `~2`. That marker is outside the MAC,
 * so iron-session ignores it; the gateway accepts only the exact form it writes, so that a
 * changed cookie never opens, whichever character was changed.
 */
function hasSealSuffix(sealed: string): boolean {
  return sealed.endsWith(SEAL_SUFFIX) && sealed.indexOf("~") === sealed.length - SEAL_SUFFIX.length;
}

/** Freezes `value` and everything in it, so a value shared between requests stays as it was. */
function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
