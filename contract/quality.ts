import { z } from 'zod';
import { ItemKey, ItemRef, SiteId, storableString, Timestamp } from './common';
import { EVENTS_PAGE_MAX, LOOKUP_MAX_ITEMS } from './limits';

/** Where a quality signal came from. */
export const EventKind = z.enum(['qa_audit', 'appeal', 'gold_check', 'consensus']);
export type EventKind = z.infer<typeof EventKind>;

/** The reviewer's judgement of the original decision. */
export const Verdict = z.enum(['correct', 'incorrect', 'partially_correct']);
export type Verdict = z.infer<typeof Verdict>;

const Name = storableString(128).trim().min(1);
const OptionalName = Name.nullish().transform((v) => v ?? null);

/**
 * One row of a quality-event import (NDJSON line or CSV row).
 * `id` is the source system's id: importing the same row twice stores it once.
 */
export const QualityEventInput = z.object({
  id: storableString(128).trim().min(1),
  kind: EventKind,
  site: SiteId,
  itemKey: ItemKey,
  queue: Name,
  policy: Name,
  decision: Name,
  verdict: Verdict,
  correctedDecision: OptionalName,
  actor: OptionalName,
  auditor: OptionalName,
  occurredAt: Timestamp,
  guidelineVersion: storableString(64)
    .trim()
    .nullish()
    .transform((v) => v || null),
  note: storableString(2000)
    .nullish()
    .transform((v) => v || null),
});
export type QualityEventInput = z.input<typeof QualityEventInput>;
export type QualityEventRow = z.output<typeof QualityEventInput>;

/** A stored quality event as the API returns it. */
export const QualityEvent = z.object({
  id: storableString(128),
  kind: EventKind,
  site: SiteId,
  itemKey: ItemKey,
  queue: storableString(128),
  policy: storableString(128),
  decision: storableString(128),
  verdict: Verdict,
  correctedDecision: storableString(128).nullable(),
  /** Null when the caller may not see who decided (another moderator). */
  actor: storableString(128).nullable(),
  auditor: storableString(128).nullable(),
  occurredAt: Timestamp,
  guidelineVersion: storableString(64).nullable(),
  note: storableString(2000).nullable(),
});
export type QualityEvent = z.infer<typeof QualityEvent>;

/**
 * What a badge shows. `audits` counts every quality event on the item,
 * `incorrect` those with verdict `incorrect`, `overturns` appeals that
 * reversed the decision (kind `appeal`, verdict `incorrect`), `goldChecks`
 * the item's gold checks.
 */
export const ItemSummary = z.object({
  site: SiteId,
  itemKey: ItemKey,
  audits: z.number().int().nonnegative(),
  incorrect: z.number().int().nonnegative(),
  overturns: z.number().int().nonnegative(),
  /** Gold checks (kind `gold_check`): a gold item has a known right answer. Older caches lack it. */
  goldChecks: z.number().int().nonnegative().default(0),
  lastVerdict: Verdict.nullable(),
  lastAt: Timestamp.nullable(),
  policies: z.array(storableString(128)),
});
export type ItemSummary = z.infer<typeof ItemSummary>;

export { LOOKUP_MAX_ITEMS, EVENTS_PAGE_MAX } from './limits';

/**
 * Summaries only: badges need nothing more, and events cost the API ten times
 * as much. An item's events are read a page at a time (`ItemEventsQuery`).
 */
export const LookupRequest = z.object({
  items: z.array(ItemRef).min(1).max(LOOKUP_MAX_ITEMS),
});
export type LookupRequest = z.input<typeof LookupRequest>;

export const LookupResult = z.object({
  site: SiteId,
  itemKey: ItemKey,
  summary: ItemSummary,
});
export type LookupResult = z.infer<typeof LookupResult>;

export const LookupResponse = z.object({
  items: z.array(LookupResult),
  fetchedAt: Timestamp,
});
export type LookupResponse = z.infer<typeof LookupResponse>;

/** An opaque position in an item's history: pass a page's `nextCursor` to read the next (older) page. */
export const EventsCursor = storableString(300).regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a previous page');

/** Query of `GET /v1/items/events`: one item's events, newest first, a page at a time. */
export const ItemEventsQuery = z.object({
  site: SiteId,
  itemKey: ItemKey,
  limit: z.coerce.number().int().min(1).max(EVENTS_PAGE_MAX).default(50),
  cursor: EventsCursor.optional(),
});
export type ItemEventsQuery = z.input<typeof ItemEventsQuery>;

export const ItemEventsResponse = z.object({
  site: SiteId,
  itemKey: ItemKey,
  /** Newest first. */
  events: z.array(QualityEvent),
  /** Null on the last page. */
  nextCursor: EventsCursor.nullable(),
});
export type ItemEventsResponse = z.infer<typeof ItemEventsResponse>;

/** Most rows one upload (`POST /v1/quality-events/import`) may hold; the CLI streams files of any size. */
export const IMPORT_MAX_ROWS = 100_000;

export const ImportResponse = z.object({
  received: z.number().int(),
  inserted: z.number().int(),
  duplicates: z.number().int(),
  itemsUpdated: z.number().int(),
});
export type ImportResponse = z.infer<typeof ImportResponse>;

/** An empty summary for an item no one has audited yet. */
export function emptySummary(ref: ItemRef): ItemSummary {
  return {
    site: ref.site,
    itemKey: ref.itemKey,
    audits: 0,
    incorrect: 0,
    overturns: 0,
    goldChecks: 0,
    lastVerdict: null,
    lastAt: null,
    policies: [],
  };
}

export { ItemRef };
