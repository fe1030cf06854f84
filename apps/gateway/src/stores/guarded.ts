import { type Bounded, within } from "../deadline.js";
import { type RevocationStore, StoreUnavailableError } from "../session/store-contract.js";
import type { Stores } from "./stores.js";

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
  let outcome: Bounded<T>;
  try {
    outcome = await within(call(), timeoutMs);
  } catch (err) {
    throw err instanceof StoreUnavailableError ? err : new StoreUnavailableError(operation, err);
  }
  if (!outcome.settled) throw new StoreUnavailableError(operation);
  return outcome.value;
}

type AsyncMethod<T> = {
  [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof T];

/** `target` with each named method bounded by `withinDeadline`, named `<area>.<method>`. */
function bound<T extends object, K extends AsyncMethod<T>>(
  area: string | undefined,
  target: T,
  methods: readonly K[],
  timeoutMs: number,
): Pick<T, K> {
  const guarded: Partial<Record<K, unknown>> = {};
  for (const method of methods) {
    const call = target[method] as (...args: unknown[]) => Promise<unknown>;
    guarded[method] = (...args: unknown[]) =>
      withinDeadline(area ? `${area}.${String(method)}` : String(method), timeoutMs, () =>
        call.apply(target, args),
      );
  }
  return guarded as Pick<T, K>;
}

function guardRevocationStore(store: RevocationStore, timeoutMs: number): RevocationStore {
  // Plain names: the first store had them, and metrics label its errors with them.
  return bound(undefined, store, ["revoke", "isRevoked", "ping"], timeoutMs);
}

/**
 * The stores as the app uses them: every call bounded, and revoking a session also forgets
 * its cached user. `revocations` replaces the revocation list alone (tests inject one that
 * fails). The rate limiter bounds its own calls: it falls back instead of failing.
 *
 * The memory and SQLite stores live in this process and answer synchronously: they cannot
 * hang or be unreachable, and no timer could interrupt them, so their calls are not bounded
 * (a timer per call would be pure cost on the hottest path). SQLite's failures are already
 * `StoreUnavailableError`s, and its waits for another process's write lock end at its busy
 * timeout. A replacement revocation list is bounded whatever the stores are.
 */
export function guardStores(
  stores: Stores,
  timeoutMs: number,
  revocations?: RevocationStore,
): Stores {
  const inProcess = stores.kind !== "redis";
  const list = revocations
    ? guardRevocationStore(revocations, timeoutMs)
    : inProcess
      ? stores.revocations
      : guardRevocationStore(stores.revocations, timeoutMs);
  const users = inProcess
    ? stores.users
    : bound("users", stores.users, ["get", "set", "delete"], timeoutMs);
  return {
    kind: stores.kind,
    revocations: {
      isRevoked: (sid) => list.isRevoked(sid),
      ping: () => list.ping(),
      revoke: async (sid, untilMs) => {
        await Promise.all([list.revoke(sid, untilMs), users.delete(sid)]);
      },
    },
    users,
    refresh: inProcess
      ? stores.refresh
      : bound("refresh", stores.refresh, ["lock", "unlock", "publish", "outcome"], timeoutMs),
    transactions: inProcess
      ? stores.transactions
      : bound("transactions", stores.transactions, ["consume"], timeoutMs),
    sessions: inProcess
      ? stores.sessions
      : bound(
          "sessions",
          stores.sessions,
          ["put", "touch", "get", "forUser", "forProviderSession", "forSubject", "remove"],
          timeoutMs,
        ),
    sessionData: inProcess
      ? stores.sessionData
      : bound("sessionData", stores.sessionData, ["get", "set", "delete"], timeoutMs),
    rateLimit: (name) => stores.rateLimit(name),
    ping: inProcess
      ? () => stores.ping()
      : () => withinDeadline("ping", timeoutMs, () => stores.ping()),
    close: () => stores.close(),
  };
}
