import type { RevocationStore } from "./revocation-store.js";

/** A store did not answer in time or failed: the request cannot be decided safely. */
export class StoreUnavailableError extends Error {
  readonly code = "store_unavailable";
  constructor(
    readonly operation: string,
    override readonly cause?: unknown,
  ) {
    super(`The session store did not answer (${operation}).`);
    this.name = "StoreUnavailableError";
  }
}

/**
 * Bounds every store call: a store that hangs or fails becomes a quick
 * `StoreUnavailableError` (a 503), never a hung request. Nothing is assumed on failure;
 * in particular a session whose revocation cannot be checked is not let through.
 */
export async function withinDeadline<T>(
  operation: string,
  timeoutMs: number,
  call: () => Promise<T>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(operation)), timeoutMs);
  });
  try {
    return await Promise.race([call(), deadline]);
  } catch (err) {
    throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(operation, err);
  } finally {
    clearTimeout(timer);
  }
}

export function guardRevocationStore(store: RevocationStore, timeoutMs: number): RevocationStore {
  return {
    revoke: (sid, until) => withinDeadline("revoke", timeoutMs, () => store.revoke(sid, until)),
    isRevoked: (sid) => withinDeadline("isRevoked", timeoutMs, () => store.isRevoked(sid)),
    ping: () => withinDeadline("ping", timeoutMs, () => store.ping()),
  };
}
