import Dexie from 'dexie';
import type { AppDB, OutboxEntry, ReportRejection, StoredGapReport } from '../db/app-db';

/*
 * The outbox: one entry per record the API has not answered for yet. An entry leaves only in the
 * transaction that records the API's answer for it (stored, or refused for good), so a stopped
 * service worker, a lost response or a crash between the two can only cause a retry, which the
 * API answers "duplicate".
 */

/**
 * The longest any retry is put off. An entry due further ahead than this was deferred under a
 * device clock that has since gone back (a day off, corrected): it is due now, not in a day.
 */
export const MAX_DEFER_MS = 60 * 60_000;

/** The entries of one owner that may be tried at `now`, the oldest deferral first, at most `limit`. */
export async function dueEntries(db: AppDB, ownerId: string, now: number, limit: number): Promise<OutboxEntry[]> {
  const index = db.outbox.where('[ownerId+nextAttemptAt]');
  const due = await index.between([ownerId, Dexie.minKey], [ownerId, now], true, true).limit(limit).toArray();
  if (due.length >= limit) return due;
  const stranded = await index
    .between([ownerId, now + MAX_DEFER_MS], [ownerId, Dexie.maxKey], false, true)
    .limit(limit - due.length)
    .toArray();
  return [...due, ...stranded];
}

/** Milliseconds until the owner's next entry is due: 0 when one is due now, null when none is waiting. */
export async function nextDueIn(db: AppDB, ownerId: string, now: number): Promise<number | null> {
  const byDue = () =>
    db.outbox.where('[ownerId+nextAttemptAt]').between([ownerId, Dexie.minKey], [ownerId, Dexie.maxKey]);
  const [first, last] = await Promise.all([byDue().first(), byDue().last()]);
  if (!first || !last) return null;
  // The clock went back since the latest entry was deferred (see MAX_DEFER_MS): it is due now.
  if (last.nextAttemptAt - now > MAX_DEFER_MS) return 0;
  return Math.max(0, first.nextAttemptAt - now);
}

/** What the API's answer means for one entry. */
export type Settlement =
  | { entry: OutboxEntry; kind: 'stored'; outcome: 'created' | 'duplicate'; revision: number }
  | { entry: OutboxEntry; kind: 'rejected'; rejection: ReportRejection }
  | { entry: OutboxEntry; kind: 'deferred'; nextAttemptAt: number; error: string; countAttempt: boolean };

/**
 * Records the answers of one push in one transaction: a stored report is marked sent with its
 * revision and leaves the outbox; a refused one is marked rejected with the reason and leaves it
 * (retrying cannot help, and it must not block the queue); a deferred one stays, tried again later.
 */
export async function settle(db: AppDB, settlements: readonly Settlement[]): Promise<void> {
  if (settlements.length === 0) return;
  // Bulk reads and writes: a batch of 50 answered one request at a time held the outbox's
  // transaction open for 100-odd round trips to the browser's IndexedDB.
  await db.transaction('rw', db.gapReports, db.outbox, async () => {
    const deferred = settlements.filter((s) => s.kind === 'deferred');
    const answered = settlements.filter((s) => s.kind !== 'deferred');
    const reports = await db.gapReports.bulkGet(answered.map((s) => s.entry.id));
    const updated: StoredGapReport[] = [];
    answered.forEach((settlement, i) => {
      const report = reports[i];
      if (!report) return;
      if (settlement.kind === 'stored') {
        // A pull may already have brought a later revision: never go back.
        const revision = Math.max(report.revision, settlement.revision);
        updated.push({ ...report, localState: 'sent', rejection: null, revision });
      } else {
        updated.push({ ...report, localState: 'rejected', rejection: settlement.rejection });
      }
    });
    await db.gapReports.bulkPut(updated);
    await db.outbox.bulkDelete(answered.map(({ entry }) => [entry.collection, entry.id] as [string, string]));
    await db.outbox.bulkUpdate(
      deferred.map(({ entry, nextAttemptAt, error, countAttempt }) => ({
        key: [entry.collection, entry.id] as [string, string],
        changes: { nextAttemptAt, lastError: error, attempts: entry.attempts + (countAttempt ? 1 : 0) },
      })),
    );
  });
}
