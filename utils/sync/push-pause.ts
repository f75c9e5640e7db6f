import type { AppDB } from '../db/app-db';
import { MAX_DEFER_MS } from './outbox';
import { fullJitterDelay } from './retry-delay';

/** Retries after failures: up to a second at first, the ceiling doubling to 15 minutes, full jitter. */
export const PUSH_BACKOFF = { baseMs: 1_000, capMs: 15 * 60_000 };

/** The shortest pause: "Retry-After: 0" or a jitter of 0 must not turn into a tight loop. */
export const MIN_PAUSE_MS = 1_000;

const KEY = 'reportPushPause';

/**
 * Why pushing waits: the API failed (offline, 5xx) or asked for a pause (429). It is kept in
 * IndexedDB, not memory, so a service worker restarted by the next outbox write does not knock on
 * the API again at once; and it applies to the whole outbox, not only the batch that failed, or
 * 10,000 waiting reports would each try once against an API that is down or said "wait".
 */
interface PushPause {
  ownerId: string;
  /** Failures in a row; the next backoff's ceiling grows with it. */
  failures: number;
  /** Epoch ms (this device's clock) before which no push is tried. */
  until: number;
}

/** Milliseconds this owner's pushes still wait; 0 when they may go. */
export async function pauseLeft(db: AppDB, ownerId: string, now: number): Promise<number> {
  const pause = (await db.meta.get(KEY))?.value as PushPause | undefined;
  if (!pause || pause.ownerId !== ownerId) return 0;
  const left = pause.until - now;
  // Further ahead than any pause is ever set: the device clock went back since, so it is over.
  return left > MAX_DEFER_MS ? 0 : Math.max(0, left);
}

/**
 * Records a failed push and returns how long to wait: what a 429's Retry-After asked (`asked`), or
 * full-jitter backoff over the failures so far; never less than MIN_PAUSE_MS.
 */
export async function pauseAfterFailure(
  db: AppDB,
  ownerId: string,
  { now, random, asked }: { now: number; random: () => number; asked: number | null },
): Promise<number> {
  const previous = (await db.meta.get(KEY))?.value as PushPause | undefined;
  const failures = previous?.ownerId === ownerId ? previous.failures : 0;
  const wait = Math.max(MIN_PAUSE_MS, asked ?? fullJitterDelay(failures, { ...PUSH_BACKOFF, random }));
  const pause: PushPause = { ownerId, failures: failures + 1, until: now + wait };
  await db.meta.put({ key: KEY, value: pause });
  return wait;
}

/** Forgets failures: the API took a batch. */
export async function clearPause(db: AppDB): Promise<void> {
  await db.meta.delete(KEY);
}
