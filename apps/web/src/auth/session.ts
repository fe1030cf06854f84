import { getMe, type Me } from "../api";

// Every navigation asks "who is signed in?" (the root and the guard both need it), so the
// answer is shared for a few seconds instead of costing one /api/me per loader. Sign out and
// any 401 from the API forget it at once.
const FRESH_FOR_MS = 10_000;

interface Entry {
  promise: Promise<Me | null>;
  freshUntil: number;
}

let entry: Entry | undefined;
// The last question asked, answered or not. A forgotten answer still in flight is not reused
// (it may predate a sign-out), but the next question waits for it: one /api/me at a time.
let asking: Promise<unknown> = Promise.resolve();

export function loadSession(): Promise<Me | null> {
  if (entry && Date.now() < entry.freshUntil) return entry.promise;
  const ask = () => getMe();
  const promise = asking.then(ask, ask);
  asking = promise.catch(() => undefined);
  const current: Entry = { promise, freshUntil: Date.now() + FRESH_FOR_MS };
  entry = current;
  current.promise.then(
    (me) => {
      // Never serve a session past its own expiry.
      const expiresAt = me ? Date.parse(me.expiresAt) : Number.NaN;
      if (Number.isFinite(expiresAt)) current.freshUntil = Math.min(current.freshUntil, expiresAt);
    },
    () => {
      // A failure is not an answer: the next loader asks again.
      if (entry === current) entry = undefined;
    },
  );
  return current.promise;
}

/** Drops the remembered session (after sign-out, or when the gateway says 401). */
export function forgetSession(): void {
  entry = undefined;
}
