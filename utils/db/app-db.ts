import Dexie, { type EntityTable, type Table } from 'dexie';
import type {
  AdapterHealthReport,
  GuidelineVersionRecord,
  ItemSummary,
  QualityEvent,
  SiteAdapter,
} from '../../contract';

/** One item's cached summary, as last fetched from the API (what a badge shows). */
export interface CachedItem {
  site: string;
  itemKey: string;
  summary: ItemSummary;
  /** Epoch ms of the fetch; drives stale-while-revalidate and eviction. */
  fetchedAt: number;
}

/** The events of an item someone opened, as far as they have been paged in. */
export interface CachedItemEvents {
  site: string;
  itemKey: string;
  /** Newest first. */
  events: QualityEvent[];
  /** Where the next older page starts; null when every event is here. */
  nextCursor: string | null;
  /** Epoch ms of the newest page's fetch. */
  fetchedAt: number;
}

/** Small key-value facts about sync (last contact with the API, last error). */
export interface MetaEntry {
  key: string;
  value: unknown;
}

/** A published adapter pulled from the API (already validated against the contract). */
export interface StoredAdapter {
  id: string;
  adapter: SiteAdapter;
  revision: number;
}

/** A published adapter the extension refused, with the reason, for the options page. */
export interface RejectedAdapter {
  id: string;
  revision: number;
  message: string;
}

/** One page run's adapter health; `sent` is 1 once the API has it. */
export interface StoredHealthReport {
  seq?: number;
  report: AdapterHealthReport;
  adapterId: string;
  pageUrl: string;
  sent: 0 | 1;
}

/** A guideline version as pulled from the API (validated against the contract); versions are immutable. */
export type StoredGuidelineVersion = GuidelineVersionRecord;

/** A credential. Kept here because content scripts can never open the extension's IndexedDB. */
export interface Secret {
  key: 'apiToken';
  value: string;
}

/**
 * The extension's IndexedDB. Opened only by the background and extension pages:
 * in a content script IndexedDB would belong to the page's origin.
 * Bump the version only with an upgrade, and add it to test/unit/db-migrations.test.ts.
 */
export class AppDB extends Dexie {
  items!: Table<CachedItem, [site: string, itemKey: string]>;
  itemEvents!: Table<CachedItemEvents, [site: string, itemKey: string]>;
  meta!: EntityTable<MetaEntry, 'key'>;
  adapters!: EntityTable<StoredAdapter, 'id'>;
  rejectedAdapters!: EntityTable<RejectedAdapter, 'id'>;
  healthReports!: EntityTable<StoredHealthReport, 'seq'>;
  secrets!: EntityTable<Secret, 'key'>;
  guidelineVersions!: Table<StoredGuidelineVersion, [guidelineId: string, version: string]>;

  constructor(name = 'qa-lens') {
    super(name);
    this.version(1).stores({
      items: '[site+itemKey], fetchedAt',
      meta: 'key',
    });
    // v2: published site adapters and adapter health (issue #3). New tables only: nothing to migrate.
    this.version(2).stores({
      adapters: 'id',
      rejectedAdapters: 'id',
      healthReports: '++seq, sent, pageUrl, adapterId',
    });
    // v3: the API token moves out of storage.local, which Firefox content scripts can always read.
    this.version(3).stores({ secrets: 'key' });
    // v4: badges cache summaries only; events are paged in per opened item, in their own bounded table.
    this.version(4)
      .stores({ itemEvents: '[site+itemKey], fetchedAt' })
      .upgrade((tx) =>
        tx
          .table('items')
          .toCollection()
          .modify((row: CachedItem & { events?: unknown }) => {
            delete row.events;
          }),
      );
    // v5: guideline versions, pulled by revision and read offline (issue #8). A new table only.
    this.version(5).stores({ guidelineVersions: '[guidelineId+version], site, revision' });
  }
}

let shared: AppDB | undefined;

/** The one database instance of this extension context. */
export function getDb(): AppDB {
  shared ??= new AppDB();
  return shared;
}
