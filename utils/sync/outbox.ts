import Dexie from 'dexie';
import type { AppDB, OutboxCollectionName, OutboxEntry, Rejection } from '../db/app-db';
import { recordTable, type OutboxCollection, type OutboxRecord } from './outbox-collection';

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

/**
 * The entries of one owner in one collection that may be tried at `now`, the oldest deferral first,
 * at most `limit`.
 */
export async function dueEntries(
  db: AppDB,
  collection: OutboxCollectionName,
  ownerId: string,
  now: number,
  limit: number,
): Promise<OutboxEntry[]> {
  const index = db.outbox.where('[ownerId+collection+nextAttemptAt]');
  const due = await index
    .between([ownerId, collection, Dexie.minKey], [ownerId, collection, now], true, true)
    .limit(limit)
    .toArray();
  if (due.length >= limit) return due;
  const stranded = await index
    .between([ownerId, collection, now + MAX_DEFER_MS], [ownerId, collection, Dexie.maxKey], false, true)
    .limit(limit - due.length)
    .toArray();
  return [...due, ...stranded];
}

/**
 * Milliseconds until the owner's next entry (of any collection) is due: 0 when one is due now, null
 * when none is waiting.
 */
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
  | { entry: OutboxEntry; kind: 'stored'; outcome: 'created' | 'duplicate'; revision: number | null }
  | { entry: OutboxEntry; kind: 'rejected'; rejection: Rejection }
  | { entry: OutboxEntry; kind: 'deferred'; nextAttemptAt: number; error: string; countAttempt: boolean };

/**
 * Records the answers of one push to one collection in one transaction: a stored record is marked
 * sent (with its revision, where it has one) and leaves the outbox; a refused one is marked rejected
 * with the reason and leaves it (retrying cannot help, and it must not block the queue); a deferred
 * one stays, tried again later.
 */
export async function settle<R extends OutboxRecord>(
  db: AppDB,
  collection: OutboxCollection<R>,
  settlements: readonly Settlement[],
): Promise<void> {
  if (settlements.length === 0) return;
  const table = recordTable(collection, db);
  // Bulk reads and writes: a batch of 50 answered one request at a time held the outbox's
  // transaction open for 100-odd round trips to the browser's IndexedDB.
  await db.transaction('rw', table, db.outbox, async () => {
    const deferred = settlements.filter((s) => s.kind === 'deferred');
    const answered = settlements.filter((s) => s.kind !== 'deferred');
    const records = await table.bulkGet(answered.map((s) => s.entry.id));
    const updated: R[] = [];
    answered.forEach((settlement, i) => {
      const record = records[i];
      if (!record) return;
      updated.push(
        settlement.kind === 'stored'
          ? collection.sent(record, settlement.revision)
          : collection.rejected(record, settlement.rejection),
      );
    });
    await table.bulkPut(updated);
    await db.outbox.bulkDelete(answered.map(({ entry }) => [entry.collection, entry.id] as [string, string]));
    await db.outbox.bulkUpdate(
      deferred.map(({ entry, nextAttemptAt, error, countAttempt }) => ({
        key: [entry.collection, entry.id] as [string, string],
        changes: { nextAttemptAt, lastError: error, attempts: entry.attempts + (countAttempt ? 1 : 0) },
      })),
    );
  });
}
