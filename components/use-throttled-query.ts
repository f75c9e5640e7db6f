import { useEffect, useState } from 'react';
import { watchThrottled } from '../utils/db/throttled-watch';

/**
 * A query over `tables` of database `db`, kept current like useLiveQuery but re-run at most once
 * per `intervalMs` (see watchThrottled): for counts and sums whose cost grows with the data.
 * `undefined` until the first answer.
 */
export function useThrottledQuery<T>(
  query: () => Promise<T>,
  deps: readonly unknown[],
  { db, tables, intervalMs = 1_000 }: { db: string; tables: readonly string[]; intervalMs?: number },
): T | undefined {
  const [value, setValue] = useState<T>();
  useEffect(() => {
    const watch = watchThrottled(query, { db, tables, intervalMs, onValue: setValue });
    return () => watch.stop();
    // The caller's deps say when `query` changes, as with useLiveQuery.
  }, [db, tables.join(), intervalMs, ...deps]);
  return value;
}
