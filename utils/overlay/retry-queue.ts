import { backoffDelay } from '../backoff';

export interface RetryQueueOptions<T> {
  keyOf: (item: T) => string;
  /** Asks again for these items. */
  send: (items: T[]) => void;
  /** Whether an item is still worth asking about (its badge is on the page). */
  wanted: (key: string) => boolean;
  baseMs?: number;
  capMs?: number;
  random?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

/** An item that had no answer yet is asked again after ~4-8 s: its fetch may still be on its way. */
const PATIENT_ATTEMPT = 3;

export type RetryQueue<T> = ReturnType<typeof createRetryQueue<T>>;

/**
 * Items whose lookup failed, or was never answered (a service worker that
 * stopped mid-fetch), asked for again with jittered backoff capped at
 * `capMs` for as long as they are on the page, and at once on `retryNow()`
 * (the background says the API answers again). One timer serves them all.
 */
export function createRetryQueue<T>({
  keyOf,
  send,
  wanted,
  baseMs = 1_000,
  capMs = 30_000,
  random = Math.random,
  setTimer = (run, ms) => setTimeout(run, ms),
  clearTimer = (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}: RetryQueueOptions<T>) {
  const waiting = new Map<string, T>();
  let attempt = 0;
  let timer: unknown = null;

  function stop(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function flush(): void {
    stop();
    const again: T[] = [];
    for (const [key, item] of waiting) {
      if (wanted(key)) again.push(item);
      else waiting.delete(key); // its item left the page
    }
    if (again.length > 0) send(again);
  }

  function schedule(patient: boolean): void {
    if (timer !== null || waiting.size === 0) return;
    const delay = backoffDelay(patient ? Math.max(attempt, PATIENT_ATTEMPT) : attempt, { baseMs, capMs, random });
    attempt += 1;
    timer = setTimer(flush, delay);
  }

  return {
    /** Asks again for these items later; `patient` for items merely unanswered so far. */
    add(items: readonly T[], { patient = false }: { patient?: boolean } = {}): void {
      for (const item of items) waiting.set(keyOf(item), item);
      schedule(patient);
    },
    /** These items got their answer. */
    settle(keys: Iterable<string>): void {
      for (const key of keys) waiting.delete(key);
      if (waiting.size === 0) {
        stop();
        attempt = 0;
      }
    },
    /** Asks again now for everything waiting (the API is back). */
    retryNow(): void {
      attempt = 0;
      flush();
    },
    /** Forgets everything (the page run ended). */
    clear(): void {
      stop();
      waiting.clear();
    },
    get size(): number {
      return waiting.size;
    },
  };
}
