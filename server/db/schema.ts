import { sql } from 'drizzle-orm';
import type {
  CoreIndexComponent,
  ErrorDetail,
  EventFilter,
  GapReportContext,
  GuidelineSection,
  ItemField,
  SiteAdapter,
  SurveyOption,
  SurveyScale,
  SurveyTarget,
} from '../../contract';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgSequence,
  pgTable,
  primaryKey,
  serial,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  roles: text('roles').array().notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    /** SHA-256 hex of the token: tokens are 256 random bits, so a slow KDF buys nothing. */
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
    /** Every token ends; rows past it (plus a grace period) are pruned. */
    expiresAt: timestamptz('expires_at').notNull(),
    /** Minted by demo sign-in, without any credential: void once demo mode is off. */
    demo: boolean('demo').notNull().default(false),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId), index('api_tokens_expires_at_idx').on(t.expiresAt)],
);

export const qualityEvents = pgTable(
  'quality_events',
  {
    /** The source system's id, so re-importing a file stores each row once. */
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    site: text('site').notNull(),
    itemKey: text('item_key').notNull(),
    queue: text('queue').notNull(),
    policy: text('policy').notNull(),
    decision: text('decision').notNull(),
    verdict: text('verdict').notNull(),
    correctedDecision: text('corrected_decision'),
    actor: text('actor'),
    auditor: text('auditor'),
    occurredAt: timestamptz('occurred_at').notNull(),
    guidelineVersion: text('guideline_version'),
    note: text('note'),
    importedAt: timestamptz('imported_at').notNull().defaultNow(),
  },
  (t) => [
    // id is the tie-break of "newest first", so it is in the index too.
    index('quality_events_item_idx').on(t.site, t.itemKey, t.occurredAt.desc(), t.id.desc()),
    // A person's own accuracy reads their judged decisions in a window of weeks.
    index('quality_events_actor_idx').on(t.actor, t.occurredAt),
    // Metrics read every event of a range of days (issue 11): a late import lands in it like any other.
    index('quality_events_occurred_idx').on(t.occurredAt, t.kind),
    // A metric's series reads only the kinds it counts, and every column it counts or groups by is in
    // the index, so a series is an index-only scan (with daily-counts.ts's query shape, p95 1.7-3.4x
    // lower over 1,000,000 events, M1). Key columns rather than INCLUDE, which Drizzle cannot declare;
    // only kind and time are searched.
    index('quality_events_kind_metrics_idx').on(
      t.kind,
      t.occurredAt,
      t.verdict,
      t.site,
      t.queue,
      t.policy,
      t.guidelineVersion,
      t.actor,
    ),
  ],
);

/** Gives every summary write a new, larger number: clients pull changes `since` a revision. */
export const itemSummaryRevision = pgSequence('item_summary_revision_seq');

export const itemSummaries = pgTable(
  'item_summaries',
  {
    site: text('site').notNull(),
    itemKey: text('item_key').notNull(),
    audits: integer('audits').notNull(),
    incorrect: integer('incorrect').notNull(),
    overturns: integer('overturns').notNull(),
    /** Gold checks of the item: a gold item is one with a known right answer. */
    goldChecks: integer('gold_checks').notNull().default(0),
    lastVerdict: text('last_verdict'),
    lastAt: timestamptz('last_at'),
    policies: text('policies').array().notNull(),
    revision: bigint('revision', { mode: 'number' })
      .notNull()
      .default(sql`nextval('item_summary_revision_seq')`),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.site, t.itemKey] }), uniqueIndex('item_summaries_revision_idx').on(t.revision)],
);

/** Gives every adapter write a new, larger number: extensions pull adapters `since` a revision. */
export const adapterRevision = pgSequence('adapter_revision_seq');

export const siteAdapters = pgTable(
  'site_adapters',
  {
    id: text('id').primaryKey(),
    version: integer('version').notNull(),
    /** The parsed SiteAdapter; its `enabled` is kept equal to the column. */
    document: jsonb('document').$type<SiteAdapter>().notNull(),
    enabled: boolean('enabled').notNull(),
    revision: bigint('revision', { mode: 'number' })
      .notNull()
      .default(sql`nextval('adapter_revision_seq')`),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    updatedBy: text('updated_by')
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex('site_adapters_revision_idx').on(t.revision)],
);

/** Every publish, disable and enable, with the document as it was then. */
export const siteAdapterHistory = pgTable(
  'site_adapter_history',
  {
    id: serial('id').primaryKey(),
    adapterId: text('adapter_id').notNull(),
    version: integer('version').notNull(),
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    document: jsonb('document').$type<SiteAdapter>().notNull(),
  },
  (t) => [index('site_adapter_history_adapter_idx').on(t.adapterId, t.id.desc())],
);

/** One row per page load and adapter, as the extension reports it; ids of built-in adapters are not in site_adapters. */
export const adapterHealthReports = pgTable(
  'adapter_health_reports',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    adapterId: text('adapter_id').notNull(),
    adapterVersion: integer('adapter_version').notNull(),
    site: text('site').notNull(),
    pageUrl: text('page_url').notNull(),
    itemsFound: integer('items_found').notNull(),
    itemsMissingRequired: integer('items_missing_required').notNull(),
    missingFields: jsonb('missing_fields').$type<Record<string, number>>().notNull(),
    selectorsNeverMatched: text('selectors_never_matched').array().notNull(),
    badgesChecked: integer('badges_checked').notNull().default(0),
    /** Checked badges a person cannot see: zero size, clipped, covered. */
    badgesZeroSize: integer('badges_zero_size').notNull().default(0),
    badgesClipped: integer('badges_clipped').notNull().default(0),
    badgesCovered: integer('badges_covered').notNull().default(0),
    reportedBy: text('reported_by').notNull(),
    /** Server time: the health window never trusts client clocks. */
    reportedAt: timestamptz('reported_at').notNull(),
    /** The client's `at`, kept for display only. */
    pageAt: timestamptz('page_at').notNull(),
  },
  (t) => [
    index('adapter_health_reports_adapter_idx').on(t.adapterId, t.reportedAt.desc()),
    // The health summary scans a recent window across all adapters.
    index('adapter_health_reports_reported_at_idx').on(t.reportedAt),
  ],
);

/**
 * Fixed-window counters shared by every API process on the database: one row per bucket
 * (what is limited and for whom, e.g. `health-reports:ana`) and window start.
 */
export const rateLimits = pgTable(
  'rate_limits',
  {
    bucket: text('bucket').notNull(),
    windowStart: timestamptz('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.bucket, t.windowStart] }), index('rate_limits_window_start_idx').on(t.windowStart)],
);

/** Gives every guideline version a new, larger number: extensions pull versions `since` a revision. */
export const guidelineRevision = pgSequence('guideline_revision_seq');

/** One guideline per site or policy family; its versions hold the text. */
export const guidelines = pgTable('guidelines', {
  id: text('id').primaryKey(),
  site: text('site').notNull(),
  /** The title of the newest published version, for lists. */
  title: text('title').notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

/**
 * One immutable published version. Sections are a jsonb array, not a table: a version is written
 * once, read and synced whole, and never queried by section on the server (matching runs in the
 * extension), so a row per version keeps publish one insert and sync one revision per version.
 */
export const guidelineVersions = pgTable(
  'guideline_versions',
  {
    guidelineId: text('guideline_id')
      .notNull()
      .references(() => guidelines.id),
    version: text('version').notNull(),
    title: text('title').notNull(),
    effectiveFrom: timestamptz('effective_from').notNull(),
    sections: jsonb('sections').$type<GuidelineSection[]>().notNull(),
    /** SHA-256 of the canonical content: a re-publish with the same digest is a no-op. */
    digest: text('digest').notNull(),
    publishedAt: timestamptz('published_at').notNull().defaultNow(),
    publishedBy: text('published_by')
      .notNull()
      .references(() => users.id),
    revision: bigint('revision', { mode: 'number' })
      .notNull()
      .default(sql`nextval('guideline_revision_seq')`),
  },
  (t) => [
    primaryKey({ columns: [t.guidelineId, t.version] }),
    uniqueIndex('guideline_versions_revision_idx').on(t.revision),
  ],
);

/** Every publish request that was accepted: a new version, or a re-publish of identical content. */
export const guidelinePublishLog = pgTable(
  'guideline_publish_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    guidelineId: text('guideline_id').notNull(),
    version: text('version').notNull(),
    /** `published` or `unchanged`. */
    action: text('action').notNull(),
    actor: text('actor').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
    digest: text('digest').notNull(),
  },
  (t) => [index('guideline_publish_log_guideline_idx').on(t.guidelineId, t.id.desc())],
);

/**
 * One quality-event import (HTTP upload or CLI file), kept in the database so any API process can
 * report it while another runs it. `problems` holds the first problems by line and field.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey(),
    createdBy: text('created_by').notNull(),
    source: text('source'),
    format: text('format').notNull(),
    /** queued, running, succeeded or failed. */
    status: text('status').notNull(),
    rowsRead: integer('rows_read').notNull().default(0),
    rowsValid: integer('rows_valid').notNull().default(0),
    inserted: integer('inserted'),
    duplicates: integer('duplicates'),
    itemsUpdated: integer('items_updated'),
    problems: jsonb('problems').$type<ErrorDetail[]>().notNull().default([]),
    totalProblems: integer('total_problems').notNull().default(0),
    errorCode: text('error_code'),
    errorMessage: text('error_message'),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    startedAt: timestamptz('started_at'),
    finishedAt: timestamptz('finished_at'),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
  },
  (t) => [index('import_jobs_created_at_idx').on(t.createdAt.desc())],
);

/** Binary bytes: node-postgres reads bytea as a Buffer, PGlite as a Uint8Array; both become a Buffer. */
const bytea = customType<{ data: Buffer; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

/** PostgreSQL's full-text document type; only ever written by a generated column. */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The text the inbox searches, as one SQL expression over a gap_reports row: the generated
 * `search` column indexes it, and the substring check of Chinese text reads the same text.
 */
export const gapSearchText = sql.raw(
  `coalesce("note", '') || ' ' || coalesce("context"->>'selection', '') || ' ' || ` +
    `coalesce("context"#>>'{guideline,heading}', '') || ' ' || coalesce("context"->>'pageTitle', '')`,
);

/** Gives every write to a gap report or its comments a new, larger number: reporters pull changes `since` a revision. */
export const gapReportRevision = pgSequence('gap_report_revision_seq');

/**
 * One SOP gap report. The id is the client's UUIDv7, so a retried push finds the row it already
 * made; `digest` is the SHA-256 of the pushed content, so the same id with other content is refused.
 */
export const gapReports = pgTable(
  'gap_reports',
  {
    id: uuid('id').primaryKey(),
    reporter: text('reporter')
      .notNull()
      .references(() => users.id),
    type: text('type').notNull(),
    severity: text('severity').notNull(),
    note: text('note').notNull(),
    context: jsonb('context').$type<GapReportContext>().notNull(),
    hasScreenshot: boolean('has_screenshot').notNull().default(false),
    digest: text('digest').notNull(),
    /** new, triaged, in_progress, resolved or wont_fix. */
    status: text('status').notNull().default('new'),
    assignee: text('assignee').references(() => users.id),
    duplicateOf: uuid('duplicate_of').references((): AnyPgColumn => gapReports.id),
    revision: bigint('revision', { mode: 'number' })
      .notNull()
      .default(sql`nextval('gap_report_revision_seq')`),
    /** Server time the report arrived. */
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    /** The client's clock: shown, never used for ordering. */
    clientCreatedAt: timestamptz('client_created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    // The triage inbox filters by these (issue 10): copied out of `context` (and the item's quality
    // events, the reporter's roles) when the report arrives, so a filter is an indexed column, not
    // a jsonb path or a join per row.
    site: text('site'),
    itemKey: text('item_key'),
    /** The adapter's queue field, else the item's latest quality event's queue. */
    queue: text('queue'),
    /** The adapter's policy field, else the item's latest quality event's policy. */
    policy: text('policy'),
    guidelineId: text('guideline_id'),
    sectionId: text('section_id'),
    guidelineVersion: text('guideline_version'),
    /** The reporter's role when they reported: the first of moderator, evaluator, analyst, admin they held. */
    reporterRole: text('reporter_role').notNull(),
    /** low 1 … critical 4, so "most severe first" is an index scan. */
    severityRank: smallint('severity_rank')
      .notNull()
      .generatedAlwaysAs(sql`case severity when 'critical' then 4 when 'high' then 3 when 'medium' then 2 else 1 end`),
    /**
     * The inbox's full-text search: note, selection, section heading and page title, unstemmed
     * ('simple'), with runs of Chinese or Japanese written as overlapping character pairs
     * (qa_lens_search_words, migration 0010) so part of a sentence is found through the index.
     */
    search: tsvector('search')
      .notNull()
      .generatedAlwaysAs(sql`to_tsvector('simple'::regconfig, qa_lens_search_words(${gapSearchText}))`),
  },
  (t) => [
    uniqueIndex('gap_reports_revision_idx').on(t.revision),
    // A reporter's pull: own reports changed after a revision.
    index('gap_reports_reporter_revision_idx').on(t.reporter, t.revision),
    // The inbox pages by keyset (sort key, id); each index serves a sort, alone or after an equality filter.
    index('gap_reports_created_idx').on(t.createdAt, t.id),
    index('gap_reports_updated_idx').on(t.updatedAt, t.id),
    index('gap_reports_severity_idx').on(t.severityRank, t.createdAt, t.id),
    index('gap_reports_status_created_idx').on(t.status, t.createdAt, t.id),
    index('gap_reports_site_created_idx').on(t.site, t.createdAt, t.id),
    index('gap_reports_section_created_idx').on(t.sectionId, t.createdAt, t.id),
    index('gap_reports_assignee_created_idx').on(t.assignee, t.createdAt, t.id),
    // Duplicate candidates of one item, and the reports merged into one.
    index('gap_reports_item_idx').on(t.site, t.itemKey, t.createdAt),
    index('gap_reports_duplicate_of_idx').on(t.duplicateOf),
    index('gap_reports_search_idx').using('gin', t.search),
  ],
);

/** A report's redacted screenshot, apart from the row so lists and pulls never read the bytes. */
export const gapReportScreenshots = pgTable('gap_report_screenshots', {
  reportId: uuid('report_id')
    .primaryKey()
    .references(() => gapReports.id, { onDelete: 'cascade' }),
  mime: text('mime').notNull(),
  bytes: bytea('bytes').notNull(),
  width: integer('width').notNull(),
  height: integer('height').notNull(),
});

/** Comments analysts add to a report; the id is the client's UUIDv7, so a retried post is a no-op. */
export const gapReportComments = pgTable(
  'gap_report_comments',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => gapReports.id, { onDelete: 'cascade' }),
    author: text('author')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('gap_report_comments_report_idx').on(t.reportId, t.at)],
);

/** Every change to a report (status, assignee, comment, merge): who, when, what. */
export const gapReportHistory = pgTable(
  'gap_report_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => gapReports.id, { onDelete: 'cascade' }),
    actor: text('actor')
      .notNull()
      .references(() => users.id),
    /** status, assignee, comment or duplicate_of. */
    action: text('action').notNull(),
    fromValue: text('from_value'),
    toValue: text('to_value'),
    at: timestamptz('at').notNull().defaultNow(),
  },
  (t) => [index('gap_report_history_report_idx').on(t.reportId, t.id)],
);

/** Gives every change to a survey a new, larger number: clients pull surveys `since` a revision. */
export const surveyRevision = pgSequence('survey_revision_seq');

/**
 * One micro-survey. Scale, options and target are jsonb: written and read whole with the survey,
 * never queried apart (matching runs in the extension). `response_count` is kept in the same
 * transaction as each answer, so the cap and the lists read it exactly without counting rows.
 */
export const surveys = pgTable(
  'surveys',
  {
    id: uuid('id').primaryKey(),
    question: text('question').notNull(),
    /** scale, choice or yes_no. */
    kind: text('kind').notNull(),
    scale: jsonb('scale').$type<SurveyScale>(),
    options: jsonb('options').$type<SurveyOption[]>(),
    allowComment: boolean('allow_comment').notNull(),
    target: jsonb('target').$type<SurveyTarget>().notNull(),
    startsAt: timestamptz('starts_at').notNull(),
    endsAt: timestamptz('ends_at').notNull(),
    samplingRate: doublePrecision('sampling_rate').notNull(),
    responseCap: integer('response_cap').notNull(),
    /** draft, active or closed. */
    status: text('status').notNull(),
    responseCount: integer('response_count').notNull().default(0),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamptz('created_at').notNull().defaultNow(),
    updatedAt: timestamptz('updated_at').notNull().defaultNow(),
    /** First time the survey became active: only such surveys are ever synced to clients. */
    activatedAt: timestamptz('activated_at'),
    revision: bigint('revision', { mode: 'number' })
      .notNull()
      .default(sql`nextval('survey_revision_seq')`),
  },
  (t) => [
    uniqueIndex('surveys_revision_idx').on(t.revision),
    // The analysts' list: newest first (ids are UUIDv7), optionally one status.
    index('surveys_status_idx').on(t.status, t.id),
  ],
);

/**
 * One answer to a survey. The id is the client's UUIDv7, so a retried push finds the row it made;
 * `digest` is the SHA-256 of the pushed content. One answer per person, survey and item.
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey(),
    /** Arrival order; taken under the survey write lock, so it commits in order (a cursor for own answers). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    surveyId: uuid('survey_id')
      .notNull()
      .references(() => surveys.id),
    respondent: text('respondent')
      .notNull()
      .references(() => users.id),
    /** The answer as results name it: the scale point ("3"), "yes"/"no", or the option id. */
    answer: text('answer').notNull(),
    /** The scale point as a number, for means; null for other kinds. */
    answerValue: integer('answer_value'),
    comment: text('comment'),
    site: text('site').notNull(),
    itemKey: text('item_key').notNull(),
    queue: text('queue'),
    policy: text('policy'),
    sectionId: text('section_id'),
    guidelineVersion: text('guideline_version'),
    pageUrl: text('page_url'),
    fields: jsonb('fields').$type<Partial<Record<ItemField, string>>>(),
    digest: text('digest').notNull(),
    /** The client's clock: shown, never used to decide anything. */
    answeredAt: timestamptz('answered_at').notNull(),
    receivedAt: timestamptz('received_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_responses_once_idx').on(t.surveyId, t.respondent, t.site, t.itemKey),
    // The responses export reads one survey's answers in arrival order, a page at a time.
    uniqueIndex('survey_responses_survey_seq_idx').on(t.surveyId, t.seq),
    // A respondent's pull of their own answers.
    index('survey_responses_respondent_seq_idx').on(t.respondent, t.seq),
    // Results grouped by a context part: one survey's answers in (value, answer) order.
    index('survey_responses_site_idx').on(t.surveyId, t.site, t.answer),
    index('survey_responses_queue_idx').on(t.surveyId, t.queue, t.answer),
    index('survey_responses_policy_idx').on(t.surveyId, t.policy, t.answer),
    index('survey_responses_section_idx').on(t.surveyId, t.sectionId, t.answer),
  ],
);

/**
 * A metric an analyst defined as data (issue 11): filters over quality-event fields, never code
 * or SQL. With a denominator it is a proportion, without one a count.
 */
export const customMetrics = pgTable('custom_metrics', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  numerator: jsonb('numerator').$type<EventFilter>().notNull(),
  denominator: jsonb('denominator').$type<EventFilter>(),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
  updatedBy: text('updated_by')
    .notNull()
    .references(() => users.id),
  updatedAt: timestamptz('updated_at').notNull().defaultNow(),
});

/**
 * Every saved version of the core index, immutable: its components carry their metrics' filters
 * as they were, so an old version keeps its meaning. The newest version is the one in force.
 */
export const coreIndexVersions = pgTable('core_index_versions', {
  version: integer('version').primaryKey(),
  name: text('name').notNull(),
  description: text('description').notNull(),
  components: jsonb('components').$type<CoreIndexComponent[]>().notNull(),
  createdBy: text('created_by')
    .notNull()
    .references(() => users.id),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});
