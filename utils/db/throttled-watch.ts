import Dexie from 'dexie';

/*
 * Dexie's liveQuery re-runs a query on every write that touches what it read. For a page or a
 * single record that is right; for a count over thousands of rows it is not: a sync settling
 * twenty batches a second made an open popup count 10,000 reports twenty times a second, and the
 * counting starved the sync (P5 went from 14 s to 41 s). This watch re-runs at most once per
 * interval, always once more after the last write, so the figure it shows ends up exact.
 */

export interface ThrottledWatch {
  stop(): void;
}

export interface ThrottledWatchOptions<T> {
  /** Database name and tables whose writes (in any extension context) make the query stale. */
  db: string;
  tables: readonly string[];
  /** The shortest time between two runs. */
  intervalMs: number;
  onValue: (value: T) => void;
  onError?: (error: unknown) => void;
}

/** Runs `query` now and again after writes to `tables`, throttled to one run per `intervalMs`. */
export function watchThrottled<T>(
  query: () => Promise<T>,
  {
    db,
    tables,
    intervalMs,
    onValue,
    onError = (error) => console.warn('[QA Lens] query failed', error),
  }: ThrottledWatchOptions<T>,
): ThrottledWatch {
  const prefixes = tables.map((table) => `idb://${db}/${table}/`);
  let stopped = false;
  let running = false;
  let stale = false;
  let lastRun = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function run(): Promise<void> {
    running = true;
    stale = false;
    lastRun = Date.now();
    try {
      const value = await query();
      if (!stopped) onValue(value);
    } catch (error) {
      if (!stopped) onError(error);
    } finally {
      running = false;
      if (stale && !stopped) schedule();
    }
  }

  function schedule(): void {
    if (running) {
      stale = true;
      return;
    }
    if (timer !== undefined) return;
    timer = setTimeout(
      () => {
        timer = undefined;
        void run();
      },
      Math.max(0, lastRun + intervalMs - Date.now()),
    );
  }

  function onMutated(parts: Record<string, unknown>): void {
    if (Object.keys(parts).some((key) => prefixes.some((prefix) => key.startsWith(prefix)))) schedule();
  }

  Dexie.on('storagemutated', onMutated);
  void run();
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      Dexie.on('storagemutated').unsubscribe(onMutated);
    },
  };
}
