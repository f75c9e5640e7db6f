/*
 * Retry spacing shared by the overlay and the background. No dependencies:
 * the always-loaded content script imports it.
 */

export interface BackoffOptions {
  /** The first delay before jitter. */
  baseMs: number;
  /** No delay grows past this. */
  capMs: number;
  /** Seam for tests: a number in [0, 1). */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (0 for the first): doubling from
 * `baseMs`, capped at `capMs`, then "equal jitter" (half fixed, half random)
 * so that many tabs that failed together do not come back together.
 */
export function backoffDelay(attempt: number, { baseMs, capMs, random = Math.random }: BackoffOptions): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 30));
  return ceiling / 2 + random() * (ceiling / 2);
}
