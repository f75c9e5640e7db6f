import type { ItemRef, LookupResult } from '../../contract';
import type { AppDB, CachedItem } from '../db/app-db';

const CHUNK = 1000;

/** Reads cached items in request order; `undefined` where nothing is cached. */
export async function getCachedItems(db: AppDB, refs: ItemRef[]): Promise<(CachedItem | undefined)[]> {
  return db.items.bulkGet(refs.map((ref) => [ref.site, ref.itemKey] as [string, string]));
}

/** Stores fresh API results, in chunks inside one transaction. */
export async function putLookupResults(db: AppDB, results: LookupResult[], fetchedAt: number): Promise<void> {
  await db.transaction('rw', db.items, async () => {
    for (let start = 0; start < results.length; start += CHUNK) {
      await db.items.bulkPut(
        results.slice(start, start + CHUNK).map((result) => ({
          site: result.site,
          itemKey: result.itemKey,
          summary: result.summary,
          events: result.events,
          fetchedAt,
        })),
      );
    }
  });
}

/** Records a fact about sync for the popup (last contact, last error). */
export async function setMeta(db: AppDB, key: MetaKey, value: unknown): Promise<void> {
  await db.meta.put({ key, value });
}

/** Reads a sync fact. */
export async function getMeta<T>(db: AppDB, key: MetaKey): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export type MetaKey = 'lastSyncAt' | 'lastError' | 'adaptersCursor' | 'adaptersSyncedAt';
