import type { AppDB, OutboxEntry } from '../db/app-db';
import { dueEntries } from './outbox';
import { recordTable, type OutboxCollection, type OutboxRecord } from './outbox-collection';

/** One outbox entry with the push input of its record. */
export interface PushItem<Input = unknown> {
  entry: OutboxEntry;
  input: Input;
  /** UTF-8 bytes of the input as JSON. */
  bytes: number;
}

/** Smaller batches than a collection's own limits (tests, benchmarks). */
export interface BatchLimits {
  maxRecords?: number;
  maxBytes?: number;
}

const utf8 = new TextEncoder();

/**
 * The next batch to push for one owner from one collection: due entries in outbox order, at most
 * the collection's `maxRecords` and about its `maxBytes` of JSON (a record larger than that alone
 * still goes, on its own). An entry whose record is gone is dropped: there is nothing left to deliver.
 */
export async function readBatch<R extends OutboxRecord, Input>(
  db: AppDB,
  collection: OutboxCollection<R, Input>,
  ownerId: string,
  now: number,
  limits: BatchLimits = {},
): Promise<PushItem<Input>[]> {
  const maxRecords = Math.min(limits.maxRecords ?? Infinity, collection.maxRecords);
  const maxBytes = Math.min(limits.maxBytes ?? Infinity, collection.maxBytes);
  const entries = await dueEntries(db, collection.name, ownerId, now, maxRecords);
  const records = await recordTable(collection, db).bulkGet(entries.map((entry) => entry.id));
  const batch: PushItem<Input>[] = [];
  let total = 0;
  for (const [i, entry] of entries.entries()) {
    const record = records[i];
    if (!record) {
      await db.outbox.delete([entry.collection, entry.id]);
      continue;
    }
    // Inputs are built one at a time (a report reads its screenshot), and only for records that
    // make it into this batch.
    const input = await collection.pushInput(db, record);
    const bytes = utf8.encode(JSON.stringify(input)).byteLength;
    if (batch.length > 0 && total + bytes > maxBytes) break;
    batch.push({ entry, input, bytes });
    total += bytes;
  }
  return batch;
}
