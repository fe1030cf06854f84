import type { z } from "zod";
import { LruMap } from "../collections/lru-map.js";

/** iron's allowance for clocks that disagree: a seal opens until this long past its expiry. */
const IRON_TIMESTAMP_SKEW_MS = 60_000;

interface OpenedSeal {
  data: unknown;
  /** What the data was checked against: a cookie of another shape never gets it. */
  schema: z.ZodType<unknown>;
  /** The secret id in the seal (`Fe26.2*<id>*…`) and the secret that opened it. */
  secretId: string;
  secret: string;
  /** The seal's own expiry (ms since the epoch), when it has one. */
  expiresAt: number | undefined;
}

/**
 * Seals already opened, so a cookie sent on every request (or a value read from Redis on
 * every request) is decrypted once: only the
 * decryption is skipped. A hit is refused unless the seal would still open here — not past
 * its own expiry (by iron's rule), sealed with a secret id this cookie still has, under the
 * same secret. The session's own checks (expiry, idle timeout, revocation) run after the
 * read either way. Keyed by the whole seal: any change to it is another key. (Hashing it
 * instead would save a kilobyte or two per entry but cost a SHA-256 of the cookie on every
 * request, more than the rest of the lookup.) What it holds and hands out is frozen (see
 * `openSeal`), so no reader can change what the next request reads.
 */
export class SealCache {
  private readonly seals: LruMap<OpenedSeal>;
  hits = 0;
  misses = 0;

  constructor(maxEntries: number) {
    this.seals = new LruMap({ maxEntries });
  }

  get size(): number {
    return this.seals.size;
  }

  get<T>(seal: string, secrets: Record<string, string>, schema: z.ZodType<T>): T | undefined {
    const entry = this.seals.get(seal);
    if (
      entry === undefined ||
      entry.schema !== schema ||
      secrets[entry.secretId] !== entry.secret
    ) {
      this.misses += 1;
      return undefined;
    }
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now() - IRON_TIMESTAMP_SKEW_MS) {
      this.seals.delete(seal);
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    return entry.data as T;
  }

  /**
   * Remembers what `seal` opened to; call only after it opened with `secrets` and parsed, with
   * `data` deeply frozen.
   */
  set<T>(seal: string, secrets: Record<string, string>, schema: z.ZodType<T>, data: T): void {
    const [, secretId = "", , , , expiration = ""] = (seal.split("~", 1)[0] ?? "").split("*");
    const secret = secrets[secretId];
    if (secret === undefined) return;
    this.seals.set(seal, {
      data,
      schema,
      secretId,
      secret,
      expiresAt: /^\d+$/.test(expiration) ? Number(expiration) : undefined,
    });
  }
}
