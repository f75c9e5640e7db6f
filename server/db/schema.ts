import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  pgSequence,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  roles: text('roles').array().notNull(),
  createdAt: timestamptz('created_at').notNull().defaultNow(),
});

export const apiTokens = pgTable('api_tokens', {
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
});

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
  // id is the tie-break of "newest first", so it is in the index too.
  (t) => [index('quality_events_item_idx').on(t.site, t.itemKey, t.occurredAt.desc(), t.id.desc())],
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
