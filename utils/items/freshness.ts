import type { Freshness } from '../messaging/protocol';

/** Cached summaries and event pages younger than this are served without asking the API. */
export const CACHE_TTL_MS = 5 * 60_000;

/**
 * The one stale-while-revalidate rule for every cached read: fresh within the
 * TTL, stale after it (served, then refetched), missing when never fetched.
 */
export function freshnessOf(fetchedAt: number | undefined, now: number, ttlMs = CACHE_TTL_MS): Freshness {
  if (fetchedAt === undefined) return 'missing';
  // A fetch stamped in the future (the clock moved back) is treated as due, not as fresh forever.
  const age = now - fetchedAt;
  return age >= 0 && age < ttlMs ? 'fresh' : 'stale';
}
