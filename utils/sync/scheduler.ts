/*
 * When report sync runs. It keeps nothing that matters in memory: what to push and where the pull
 * stopped live in IndexedDB, so a service worker stopped mid-run loses only a timer, and the
 * start-up run, the alarm or the next outbox write starts over from the database.
 */

export interface SchedulerDeps<T> {
  /** One sync run. */
  run: () => Promise<T>;
  /** How long `request()` waits for more writes before it runs (a form saved twice, a burst of reports). */
  debounceMs?: number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** Orders wake-ups only (which comes first); a skewed clock shifts them all alike. */
  now?: () => number;
  /** Told of a run's failure (the scheduler itself never rejects a `request()`). */
  onError?: (error: unknown) => void;
}

export interface SyncScheduler<T> {
  /**
   * Runs now; during a run, runs once more right after it (the run in flight may have pulled or
   * pushed before what the caller wants: an analyst's comment, a report just saved) and answers
   * with that run. Callers during one run share its follow-up; never two runs at once.
   */
  syncNow(): Promise<T>;
  /**
   * Asks for a run soon (after an outbox write): debounced, and when a run is in flight, one more
   * run follows it, since the one in flight may have read the outbox before the write.
   */
  request(): void;
  /** Asks for a run in `ms` (a retry that comes due); an earlier wake-up already set wins. */
  wakeIn(ms: number): void;
  /** Drops pending timers (tests, and a sign-out). */
  cancel(): void;
}

/** A single-flight, debounced runner for sync. */
export function createSyncScheduler<T>({
  run,
  debounceMs = 250,
  setTimer = (fn, ms) => setTimeout(fn, ms),
  clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
  now = Date.now,
  onError = (error) => console.warn('[QA Lens] report sync failed', error),
}: SchedulerDeps<T>): SyncScheduler<T> {
  let inFlight: Promise<T> | null = null;
  let followUp: Promise<T> | null = null;
  let again = false;
  let debounce: unknown = null;
  let wake: { timer: unknown; at: number } | null = null;

  function syncNow(): Promise<T> {
    if (inFlight) {
      // The run in flight clears `inFlight` in its own finally, which runs before this.
      followUp ??= inFlight
        .catch(() => undefined)
        .then(() => {
          followUp = null;
          return syncNow();
        });
      return followUp;
    }
    again = false;
    const current = run().finally(() => {
      inFlight = null;
      if (again) request();
    });
    inFlight = current;
    return current;
  }

  function fire(): void {
    void syncNow().catch(onError);
  }

  function request(): void {
    if (inFlight) {
      again = true;
      return;
    }
    if (debounce !== null) clearTimer(debounce);
    debounce = setTimer(() => {
      debounce = null;
      fire();
    }, debounceMs);
  }

  function wakeIn(ms: number): void {
    const at = now() + Math.max(0, ms);
    if (wake && wake.at <= at) return;
    if (wake) clearTimer(wake.timer);
    const entry = {
      at,
      timer: setTimer(
        () => {
          if (wake === entry) wake = null;
          fire();
        },
        Math.max(0, ms),
      ),
    };
    wake = entry;
  }

  function cancel(): void {
    if (debounce !== null) clearTimer(debounce);
    if (wake) clearTimer(wake.timer);
    debounce = null;
    wake = null;
  }

  return { syncNow, request, wakeIn, cancel };
}
