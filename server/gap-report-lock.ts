import { sql } from 'drizzle-orm';
import type { Database } from './db/client';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Serialises every write to gap reports and their comments, in every API process. A revision is
 * taken from the sequence inside the writing transaction; without this lock a later revision could
 * commit first, a reporter's pull would move its cursor past the earlier one, and that change would
 * never reach them. Held until commit, so revisions become visible in the order they were taken.
 */
const GAP_REPORT_LOCK_KEY = 7_346_009;

/** Takes the gap-report write lock for the rest of `tx`. */
export function lockGapReports(tx: Transaction) {
  return tx.execute(sql`select pg_advisory_xact_lock(${GAP_REPORT_LOCK_KEY})`);
}
