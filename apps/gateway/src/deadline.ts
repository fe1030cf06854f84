/** How a bounded wait ended: with the promise's value, or at the bound. */
export type Bounded<T> =
  | { readonly settled: true; readonly value: T }
  | { readonly settled: false };

/**
 * Waits for `promise` at most `ms`: its value if it settles first (its rejection is thrown),
 * else `{ settled: false }`. The timer is cleared either way. Only the wait is bounded: the
 * work goes on, so whatever it does late must be harmless.
 */
export async function within<T>(promise: Promise<T>, ms: number): Promise<Bounded<T>> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<Bounded<T>>((resolve) => {
    timer = setTimeout(() => resolve({ settled: false }), ms);
  });
  try {
    return await Promise.race([
      promise.then((value) => ({ settled: true, value }) as const),
      bound,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
