import Dexie, { type EntityTable, type Table } from 'dexie';
import type { ItemSummary, QualityEvent } from '../../contract';

/** One item's cached history, as last fetched from the API. */
export interface CachedItem {
  site: string;
  itemKey: string;
  summary: ItemSummary;
  /** Newest first. */
  events: QualityEvent[];
  /** Epoch ms of the fetch; drives stale-while-revalidate. */
  fetchedAt: number;
}

/** Small key-value facts about sync (last contact with the API, last error). */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/**
 * The extension's IndexedDB. Opened only by the background and extension pages:
 * in a content script IndexedDB would belong to the page's origin.
 * Bump the version only with an upgrade, and add it to test/unit/db-migrations.test.ts.
 */
export class AppDB extends Dexie {
  items!: Table<CachedItem, [site: string, itemKey: string]>;
  meta!: EntityTable<MetaEntry, 'key'>;

  constructor(name = 'qa-lens') {
    super(name);
    this.version(1).stores({
      items: '[site+itemKey], fetchedAt',
      meta: 'key',
    });
  }
}

let shared: AppDB | undefined;

/** The one database instance of this extension context. */
export function getDb(): AppDB {
  shared ??= new AppDB();
  return shared;
}
