import type { ApiError } from '../api/client';
import { backoffDelay } from '../backoff';
import { isRetryable } from '../items/lookup-service';

export interface ApiAvailabilityDeps {
  /** Resolves true when the API answers (its liveness route). */
  probe: () => Promise<boolean>;
  /** Runs once each time the API answers again after a failure. */
  onRecovered: () => void;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** First probe about a second after a failure, then doubling to at most 15 s. */
const PROBE_BACKOFF = { baseMs: 1_000, capMs: 15_000 };

export type ApiAvailability = ReturnType<typeof createApiAvailability>;

/**
 * Notices when the API comes back. A failure that a retry can fix (the API
 * unreachable, 5xx, 429) starts probing with jittered, capped backoff; the
 * first success, a probe's or any real request's, ends it and announces the
 * recovery, so pages retry at once instead of waiting out their own backoff.
 * If the service worker stops meanwhile, pages' own retries wake it.
 */
export function createApiAvailability({
  probe,
  onRecovered,
  random = Math.random,
  setTimer = (run, ms) => setTimeout(run, ms),
  clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}: ApiAvailabilityDeps) {
  let down = false;
  let attempt = 0;
  let timer: unknown = null;

  function recovered(): void {
    if (!down) return;
    down = false;
    attempt = 0;
    if (timer !== null) clearTimer(timer);
    timer = null;
    onRecovered();
  }

  function scheduleProbe(): void {
    if (timer !== null) return;
    timer = setTimer(
      () => {
        timer = null;
        void probe()
          .catch(() => false)
          .then((up) => {
            if (!down) return;
            if (up) recovered();
            else {
              attempt += 1;
              scheduleProbe();
            }
          });
      },
      backoffDelay(attempt, { ...PROBE_BACKOFF, random }),
    );
  }

  return {
    /** Records one API outcome: null for success. */
    record(error: ApiError | null): void {
      if (error === null) return recovered();
      if (!isRetryable(error)) return;
      down = true;
      scheduleProbe();
    },
    /** Whether the last outcome was a failure a retry can fix. */
    get down(): boolean {
      return down;
    },
  };
}
