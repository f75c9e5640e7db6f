import type { ItemRef, LookupResult } from '../../contract';
import type { AppDB, CachedItem } from '../db/app-db';

/** Rows written per bulk call inside one transaction (Dexie's advice for large writes). */
const CHUNK = 1000;
/** Summaries kept: several very large queues' worth; the least recently fetched go first. */
export const MAX_CACHED_ITEMS = 50_000;

/** Reads cached items in request order; `undefined` where nothing is cached. */
export async function getCachedItems(db: AppDB, refs: ItemRef[]): Promise<(CachedItem | undefined)[]> {
  return db.items.bulkGet(refs.map((ref) => [ref.site, ref.itemKey] as [string, string]));
}

/** Stores fresh API results in chunks inside one transaction, then evicts the oldest beyond `maxItems`. */
export async function putLookupResults(
  db: AppDB,
  results: LookupResult[],
  fetchedAt: number,
  maxItems = MAX_CACHED_ITEMS,
): Promise<void> {
  await db.transaction('rw', db.items, async () => {
    for (let start = 0; start < results.length; start += CHUNK) {
      await db.items.bulkPut(
        results
          .slice(start, start + CHUNK)
          .map((result) => ({ site: result.site, itemKey: result.itemKey, summary: result.summary, fetchedAt })),
      );
    }
    await evictOldest(db.items, maxItems);
  });
}

/** Deletes the least recently fetched rows of a `fetchedAt`-indexed table beyond `max`. */
export async function evictOldest(table: AppDB['items'] | AppDB['itemEvents'], max: number): Promise<void> {
  const excess = (await table.count()) - max;
  if (excess <= 0) return;
  const oldest = await table.orderBy('fetchedAt').limit(excess).primaryKeys();
  await table.bulkDelete(oldest);
}

/** Records a fact about sync for the popup (last contact, last error). */
export async function setMeta(db: AppDB, key: MetaKey, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** Reads a sync fact. */
export async function getMeta<T>(db: AppDB, key: MetaKey): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export type MetaKey =
  'lastSyncAt' | 'lastError' | 'adaptersCursor' | 'adaptersSyncedAt' | 'guidelinesCursor' | 'guidelinesSyncedAt';
