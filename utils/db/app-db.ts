import Dexie, { type DexieOptions, type EntityTable, type Table } from 'dexie';
import type {
  AdapterHealthReport,
  ErrorDetail,
  GapComment,
  GapPerson,
  GapReportContext,
  GapReportStatus,
  GapReportType,
  GapSeverity,
  GuidelineVersionRecord,
  ItemSummary,
  QualityEvent,
  ScreenshotMime,
  SiteAdapter,
  SurveyAnswer,
  SurveyRejectCode,
  SurveyResponseContext,
  SyncedSurvey,
  SyncRejectCode,
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

/**
 * Where a record the user wrote (a gap report, a survey answer) stands on this device: `pending`
 * until the API has stored it, `sent` once it has, `rejected` when the API refused it for good (the
 * reason kept to show).
 */
export type LocalRecordState = 'pending' | 'sent' | 'rejected';

/** Where a gap report stands on this device; once `sent`, its revision is known. */
export type LocalReportState = LocalRecordState;

/**
 * Why the API refused a record for good, as it said: one of its reject codes, or `refused` when it
 * refused the request as a whole and this record alone was in it.
 */
export interface Rejection<Code extends string = string> {
  code: Code | 'refused';
  message: string;
  details: ErrorDetail[];
}

/** Why the API refused a report, as it said. */
export type ReportRejection = Rejection<SyncRejectCode>;

/**
 * One of the user's SOP gap reports: what they wrote (never changed after creation, so a retried
 * push sends the same content) and, once pulled, what the server says of it. The screenshot lives
 * in `reportScreenshots`, so listing reports never loads images.
 */
export interface StoredGapReport {
  /** A UUIDv7 made on this device. */
  id: string;
  /** Who wrote it: pushed only with that user's token, listed only to them. */
  ownerId: string;
  type: GapReportType;
  severity: GapSeverity;
  note: string;
  context: GapReportContext;
  hasScreenshot: boolean;
  /** This device's clock at creation (display only). */
  createdAt: string;
  localState: LocalReportState;
  rejection: ReportRejection | null;
  /** The server's revision once pushed or pulled; 0 before. */
  revision: number;
  /** Server fields, null until the first pull brings them. */
  status: GapReportStatus | null;
  assignee: GapPerson | null;
  duplicateOf: string | null;
  comments: GapComment[];
  /** Server time of the last change the client has seen. */
  updatedAt: string | null;
}

/** The tables whose records travel through the outbox (utils/sync/outbox-collections.ts says how). */
export type OutboxCollectionName = 'gapReports' | 'surveyResponses';

/** One record waiting to reach the API. Removed only after the API answered for it. */
export interface OutboxEntry {
  /** The table the record lives in. */
  collection: OutboxCollectionName;
  id: string;
  /** The record's owner: another user signed in on this browser never pushes it under their name. */
  ownerId: string;
  /** Failed tries so far (network errors, 5xx); the backoff grows with it. */
  attempts: number;
  /** Epoch ms (this device's clock) before which it is not tried again; 0 for at once. */
  nextAttemptAt: number;
  lastError: string | null;
}

/** A report being written, kept per key (an item, a selection) across reloads and restarts. */
export interface ReportDraft {
  key: string;
  /** Whatever the form holds; checked only when the report is created. */
  value: unknown;
  /** Epoch ms of the last save (to drop old drafts). */
  savedAt: number;
}

/** A report's redacted screenshot as bytes (the form burned the redaction in before it got here). */
export interface StoredScreenshot {
  reportId: string;
  mime: ScreenshotMime;
  width: number;
  height: number;
  bytes: ArrayBuffer;
}

/** An active (or once active) survey as pulled from the API, validated against the contract. */
export type StoredSurvey = SyncedSurvey;

/** Why the API refused a survey answer, as it said. */
export type SurveyRejection = Rejection<SurveyRejectCode>;

/**
 * One answer the user gave to a survey about one item: what they answered (never changed after
 * creation, so a retried push sends the same content) and where it stands. Answers pulled back
 * from the API (another device, a reinstall) are stored too, so the item is not asked about again.
 */
export interface StoredSurveyResponse {
  /** A UUIDv7 made on the device that answered. */
  id: string;
  ownerId: string;
  surveyId: string;
  site: string;
  itemKey: string;
  answer: SurveyAnswer;
  comment: string | null;
  context: SurveyResponseContext;
  /** The answering device's clock (display only). */
  answeredAt: string;
  localState: LocalRecordState;
  rejection: SurveyRejection | null;
}

/** "Not now" on a survey card: that survey is not shown on that item to that user again. */
export interface SurveyDismissal {
  ownerId: string;
  surveyId: string;
  site: string;
  itemKey: string;
  /** Epoch ms (this device's clock). */
  dismissedAt: number;
}

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
  gapReports!: EntityTable<StoredGapReport, 'id'>;
  outbox!: Table<OutboxEntry, [collection: string, id: string]>;
  reportDrafts!: EntityTable<ReportDraft, 'key'>;
  reportScreenshots!: EntityTable<StoredScreenshot, 'reportId'>;
  surveys!: EntityTable<StoredSurvey, 'id'>;
  surveyResponses!: EntityTable<StoredSurveyResponse, 'id'>;
  surveyDismissals!: Table<SurveyDismissal, [ownerId: string, surveyId: string, site: string, itemKey: string]>;

  /** `options` lets utils/sync/strict-db.ts open a strict-durability connection to the same database. */
  constructor(name = 'qa-lens', options?: DexieOptions) {
    super(name, options);
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
    // v6: SOP gap reports, their outbox, drafts and screenshots (issue 9). New tables only.
    this.version(6).stores({
      gapReports: 'id, [ownerId+createdAt], [ownerId+localState]',
      outbox: '[collection+id], [ownerId+nextAttemptAt]',
      reportDrafts: 'key, savedAt',
      reportScreenshots: 'reportId',
    });
    // v7: in-context surveys, the user's answers and dismissals (issue 10). New tables, and an outbox
    // index per collection, so each collection's due entries are read without the others'.
    this.version(7).stores({
      surveys: 'id, revision',
      surveyResponses: 'id, [ownerId+surveyId+site+itemKey], [ownerId+localState]',
      surveyDismissals: '[ownerId+surveyId+site+itemKey]',
      outbox: '[collection+id], [ownerId+nextAttemptAt], [ownerId+collection+nextAttemptAt]',
    });
  }
}

let shared: AppDB | undefined;

/** The one database instance of this extension context. */
export function getDb(): AppDB {
  shared ??= new AppDB();
  return shared;
}
