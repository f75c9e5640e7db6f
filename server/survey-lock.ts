import { sql } from 'drizzle-orm';
import type { Database } from './db/client';

/** A transaction of either driver, as Drizzle hands it to `db.transaction`. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/**
 * Serialises every write to surveys and their answers, in every API process. Revisions come from a
 * sequence inside the writing transaction: without this lock a later revision could commit first and
 * a client's pull would move its cursor past the earlier change. It also makes the response cap exact:
 * the count read before an answer is stored cannot change until commit, so two pushes racing for the
 * last place cannot both take it.
 */
const SURVEY_LOCK_KEY = 7_346_010;

/** Takes the survey write lock for the rest of `tx`. */
export function lockSurveys(tx: Transaction) {
  return tx.execute(sql`select pg_advisory_xact_lock(${SURVEY_LOCK_KEY})`);
}
