/** A function whose answer is reused for `ttlMs`, with a way to forget it at once. */
export interface Memo<T> {
  (): Promise<T>;
  /** Forgets the answer: the next call asks again. */
  clear(): void;
}

/**
 * Reuses an async answer for a short time. The background answers a message
 * for every block of badges; reading the same settings and adapters from
 * storage for each was most of a cold lookup's latency. A failed call is not
 * reused.
 */
export function memoFor<T>(ttlMs: number, load: () => Promise<T>, now: () => number = Date.now): Memo<T> {
  let cached: { at: number; value: Promise<T> } | null = null;
  const memo = (() => {
    if (cached && now() - cached.at < ttlMs) return cached.value;
    const value = load();
    const entry = { at: now(), value };
    cached = entry;
    value.catch(() => {
      if (cached === entry) cached = null;
    });
    return value;
  }) as Memo<T>;
  memo.clear = () => {
    cached = null;
  };
  return memo;
}
