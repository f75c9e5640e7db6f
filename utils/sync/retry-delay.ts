/*
 * How long a push waits before it tries again. Both answers are durations, never instants of this
 * device's clock: a clock a day off must not make a retry wait a day, or fire at once forever.
 */

export interface JitterOptions {
  /** The first ceiling. */
  baseMs: number;
  /** No ceiling grows past this. */
  capMs: number;
  /** Seam for tests: a number in [0, 1). */
  random?: () => number;
}

/**
 * "Full jitter": a random delay between 0 and a ceiling that doubles per attempt up to `capMs`.
 * Many browsers that lost the API together spread out over the whole window instead of returning
 * in a wave (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
 * utils/backoff.ts keeps half of each delay fixed, which the overlay wants and a queue does not.
 */
export function fullJitterDelay(attempt: number, { baseMs, capMs, random = Math.random }: JitterOptions): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.floor(random() * ceiling);
}

/** The headers of a 429 that say when to come back. */
export interface RetryAfterHint {
  /** `Retry-After`: delta-seconds or an HTTP date. */
  retryAfter: string | null;
  /** The response's `Date`: the server's clock, against which an HTTP-date Retry-After is read. */
  date: string | null;
}

/**
 * Milliseconds a 429 asks the client to wait, at most `capMs`; null when it does not say.
 * An HTTP date is measured from the response's own `Date` header (both the server's clock), and
 * only without one from this device's `now`.
 */
export function retryAfterMs({ retryAfter, date }: RetryAfterHint, now: number, capMs: number): number | null {
  const value = retryAfter?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Math.min(Number(value) * 1000, capMs);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return null;
  const serverNow = date ? Date.parse(date) : Number.NaN;
  const from = Number.isNaN(serverNow) ? now : serverNow;
  return Math.min(Math.max(at - from, 0), capMs);
}
