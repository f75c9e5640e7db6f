import { z } from 'zod';
import { ITEM_FIELD_VALUE_MAX } from '../../contract/limits';
import {
  AdapterHealthReport,
  BadgePosition,
  GapReportContext,
  ItemField,
  ItemRef,
  ItemSummary,
  LOOKUP_MAX_ITEMS,
  MY_QUALITY_MAX_WEEKS,
  MyQualityResponse,
  QualityEvent,
  SiteAdapter,
  SiteId,
  SURVEY_COMMENT_MAX,
  SURVEY_QUESTION_MAX,
  SurveyAnswer,
  SurveyId,
  SurveyKind,
  SurveyOption,
  SurveyResponseContext,
  SurveyScale,
  Verdict,
} from '../../contract';

/*
 * The message tables: one per direction. Each entry is the whole truth about
 * one message: its request and response schemas and, for messages to the
 * background, who may send it and what it speaks for. The background and
 * extension pages validate with these schemas; the always-loaded content
 * script imports only their types (see send.ts), so zod stays out of it.
 * Adding a message means one entry here and one handler file in
 * utils/background/handlers/.
 */

/** How fresh a cached answer is: one rule for every cached read (see utils/items/freshness.ts). */
export const Freshness = z.enum(['fresh', 'stale', 'missing']);
export type Freshness = z.infer<typeof Freshness>;

/** One item's answer to a page. `summary` is null until the API has answered. */
export const ItemState = ItemRef.extend({ summary: ItemSummary.nullable(), freshness: Freshness });
export type ItemState = z.infer<typeof ItemState>;

/** One item's cached history as far as it has been paged in. */
export const ItemEventsState = ItemRef.extend({
  /** Newest first. */
  events: z.array(QualityEvent),
  /** True when older events exist on the server beyond those cached. */
  hasMore: z.boolean(),
  freshness: Freshness,
});
export type ItemEventsState = z.infer<typeof ItemEventsState>;

/** What an item's hover card shows beyond its badge: words the background composed in the UI language. */
export const ItemHint = z.object({
  /** The newest events, newest first, each in one sentence ("Overturned on appeal, 3 days ago"). */
  events: z.array(z.object({ text: z.string().max(500), verdict: Verdict })).max(5),
  /** Why there are no events to show (offline, signed out), when that is the case. */
  note: z.string().max(500).nullable(),
  /** The guideline clause that best applies, as a one-line snippet with its version. */
  clause: z
    .object({
      guidelineId: z.string().max(64),
      sectionId: z.string().max(100),
      heading: z.string().max(300),
      version: z.string().max(64),
      snippet: z.string().max(400),
    })
    .nullable(),
});
export type ItemHint = z.infer<typeof ItemHint>;

/** The fields an adapter read from an item, as a content script sends them (for matching guideline clauses). */
export const ItemFields = z.partialRecord(ItemField, z.string().max(ITEM_FIELD_VALUE_MAX));

/** Whether a person can see a drawn badge, or why not (utils/overlay/badge-visibility.ts). */
export const BadgeVisibility = z.enum(['visible', 'zeroSize', 'clipped', 'covered', 'offscreen']);

/** What the workbench shows after running an adapter on a tab. */
export const WorkbenchResult = z.object({
  /** Elements matching the item selector. */
  total: z.number().int().nonnegative(),
  /** Up to 200 items with what was read from them; `itemKey` null where the key was missing. */
  items: z.array(
    z.object({
      itemKey: z.string().nullable(),
      fields: z.partialRecord(ItemField, z.string()),
      /** Whether a badge placed as the adapter says can be seen on this item, or why not. */
      badge: BadgeVisibility.optional(),
    }),
  ),
  /** A placement whose badges can be seen, when the adapter's own hides them. */
  suggestedBadge: z.object({ selector: z.string().optional(), position: BadgePosition }).nullable().default(null),
  /** What each level of the adapter's `shadowHosts` found: hosts, and how many had an open shadow root. */
  path: z.array(z.object({ selector: z.string(), hosts: z.number().int(), open: z.number().int() })).default([]),
  health: AdapterHealthReport,
});
export type WorkbenchResult = z.infer<typeof WorkbenchResult>;

/** Outcome of pulling published adapters. */
export const AdapterSyncResult = z.object({
  received: z.number().int().nonnegative(),
  rejected: z.array(z.object({ id: z.string(), message: z.string() })),
});
export type AdapterSyncResult = z.infer<typeof AdapterSyncResult>;

/** Outcome of a report sync run (pushed and pulled); `signedIn` false when nothing could run. */
export const ReportSyncResult = z.object({
  signedIn: z.boolean(),
  created: z.number().int().nonnegative(),
  duplicate: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  /** Reports whose status changed or that got a comment in this run's pull. */
  changed: z.number().int().nonnegative(),
  /** Why pushing stopped early (offline, 5xx, 429), or null. */
  stoppedBy: z.string().nullable(),
  pullError: z.string().nullable(),
});
export type ReportSyncResult = z.infer<typeof ReportSyncResult>;

/**
 * Who sent a message: `content`, a content script in a page whose origin an
 * enabled adapter serves (the least trusted sender), or `extension`, one of
 * this extension's own pages.
 */
export type SenderKind = 'content' | 'extension';

/** What a content script's request claims to speak for; checked against the page it runs in. */
export interface Claims {
  /** Items, whose sites must be served on the sender's origin. */
  items?: readonly ItemRef[];
  /** Page URLs, which must be on the sender's origin. */
  urls?: readonly string[];
}

/** One message to the background. */
export interface BackgroundMessage<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  from: readonly SenderKind[];
  request: Req;
  response: Res;
  /** What a content script's request speaks for; absent for extension-only messages. */
  claims?: (request: z.output<Req>) => Claims;
}

const message = <Req extends z.ZodType, Res extends z.ZodType>(spec: BackgroundMessage<Req, Res>) => spec;
const ItemBatch = z.object({ items: z.array(ItemRef).min(1).max(LOOKUP_MAX_ITEMS) });
/** Items a page looks up, each with the fields the adapter read where a survey may target them. */
const LookupBatch = z.object({
  items: z
    .array(ItemRef.extend({ fields: ItemFields.optional() }))
    .min(1)
    .max(LOOKUP_MAX_ITEMS),
});

/** One survey to show on one item: what the card asks, and the item's context its answer carries. */
export const SurveyCard = z.object({
  surveyId: SurveyId,
  question: z.string().max(SURVEY_QUESTION_MAX),
  kind: SurveyKind,
  scale: SurveyScale.nullable(),
  options: z.array(SurveyOption).nullable(),
  allowComment: z.boolean(),
  /** The item (site and key name its badge) and what the background knew of it. */
  context: SurveyResponseContext,
});
export type SurveyCard = z.infer<typeof SurveyCard>;

/** Content scripts and extension pages → the background. */
export const backgroundProtocol = {
  /**
   * Summaries for the items a page shows; answered from IndexedDB at once, fetched if missing or
   * stale. A content script's lookup also decides which surveys its frame shows (utils/surveys/).
   */
  lookupItems: message({
    from: ['content', 'extension'],
    request: LookupBatch,
    response: z.object({ items: z.array(ItemState), signedIn: z.boolean() }),
    claims: (request) => ({ items: request.items }),
  }),
  /** Fetches these items' summaries again whatever their age (the panel's Refresh). */
  refreshItems: message({ from: ['extension'], request: ItemBatch, response: z.void() }),
  /**
   * One item's events: the cached ones when fresh, else the newest page from
   * the API; `more` appends the next older page.
   */
  loadItemEvents: message({
    from: ['content', 'extension'],
    request: ItemRef.extend({ more: z.boolean().default(false), force: z.boolean().default(false) }),
    response: ItemEventsState,
    claims: (request) => ({ items: [request] }),
  }),
  /** The hover card of an item: its newest events in words and the top guideline clause. */
  itemHint: message({
    from: ['content', 'extension'],
    request: ItemRef.extend({ fields: ItemFields.default({}) }),
    response: ItemHint,
    claims: (request) => ({ items: [request] }),
  }),
  /** Opens (or re-targets) the item panel on one item, with the fields the page shows for it. */
  openItemPanel: message({
    from: ['content', 'extension'],
    request: ItemRef.extend({ fields: ItemFields.default({}), pageTitle: z.string().max(500).optional() }),
    response: z.void(),
    claims: (request) => ({ items: [request] }),
  }),
  /**
   * The enabled adapters (built-in and published) whose patterns match a page, and which of their
   * sites an active survey may target: there the page's lookups carry each item's fields.
   */
  adaptersForPage: message({
    from: ['content'],
    request: z.object({ url: z.url().max(4000) }),
    response: z.object({ adapters: z.array(SiteAdapter), surveySites: z.array(SiteId).optional() }),
    claims: (request) => ({ urls: [request.url] }),
  }),
  /** What one page run found with one adapter. */
  reportHealth: message({
    from: ['content'],
    request: z.object({ report: AdapterHealthReport }),
    response: z.void(),
    claims: (request) => ({ urls: [request.report.pageUrl], items: [] }),
  }),
  /** The signed-in person's own accuracy by policy and by week (popup and panel). */
  myQuality: message({
    from: ['extension'],
    request: z.object({ weeks: z.number().int().min(1).max(MY_QUALITY_MAX_WEEKS).default(8) }),
    response: MyQualityResponse,
  }),
  /**
   * Opens the SOP gap report form with what the extension filled in. A page's content script may
   * speak only for its own items and URL; no screenshot is taken (that needs the user's gesture
   * on the extension itself: the context menu or the shortcut).
   */
  openReportForm: message({
    from: ['content', 'extension'],
    request: z.object({ context: GapReportContext.default({}) }),
    response: z.void(),
    claims: ({ context }) => ({
      items: context.site && context.itemKey ? [{ site: context.site, itemKey: context.itemKey }] : [],
      urls: context.pageUrl ? [context.pageUrl] : [],
    }),
  }),
  /** The report form takes the screenshot the background captured for it, once (never stored unredacted). */
  takeCapture: message({
    from: ['extension'],
    request: z.object({ token: z.string().max(64) }),
    response: z.object({ dataUrl: z.string().nullable() }),
  }),
  /** Saves the user's answer to a survey card (with its outbox entry) and asks for a sync. */
  answerSurvey: message({
    from: ['content'],
    request: z.object({
      surveyId: SurveyId,
      answer: SurveyAnswer,
      comment: z.string().max(SURVEY_COMMENT_MAX).nullish(),
      context: SurveyResponseContext,
    }),
    response: z.object({ outcome: z.enum(['saved', 'already_answered']) }),
    claims: ({ context }) => ({
      items: [{ site: context.site, itemKey: context.itemKey }],
      urls: context.pageUrl ? [context.pageUrl] : [],
    }),
  }),
  /** "Not now" on a survey card: that survey is not shown on that item again. */
  dismissSurvey: message({
    from: ['content'],
    request: ItemRef.extend({ surveyId: SurveyId }),
    response: z.void(),
    claims: (request) => ({ items: [request] }),
  }),
  /** Pulls published adapters now (options page, after sign-in). */
  syncAdapters: message({ from: ['extension'], request: z.object({}), response: AdapterSyncResult }),
  /** Pushes the outbox and pulls the user's reports now (an extension page wrote a report, or "Sync now"). */
  syncReports: message({ from: ['extension'], request: z.object({}), response: ReportSyncResult }),
  /** Runs an adapter document, possibly unsaved, against a tab (the adapter workbench). */
  runWorkbench: message({
    from: ['extension'],
    request: z.object({ tabId: z.number().int().nonnegative(), adapter: z.unknown() }),
    response: WorkbenchResult,
  }),
} as const;

export type BackgroundProtocol = typeof backgroundProtocol;
export type MessageType = keyof BackgroundProtocol;
export type RequestOf<K extends MessageType> = z.input<BackgroundProtocol[K]['request']>;
export type ParsedRequestOf<K extends MessageType> = z.output<BackgroundProtocol[K]['request']>;
export type ResponseOf<K extends MessageType> = z.output<BackgroundProtocol[K]['response']>;
/** What a handler may answer: the router's response parse applies the schema's defaults. */
export type AnswerOf<K extends MessageType> = z.input<BackgroundProtocol[K]['response']>;

/** One message from the background: a push (response void) or a request a tab answers. */
export interface OutboundMessage<Data extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  data: Data;
  response: Res;
}
const outbound = <Data extends z.ZodType, Res extends z.ZodType>(spec: OutboundMessage<Data, Res>) => spec;

/** The background → content scripts of a tab. */
export const tabProtocol = {
  /** Summaries the background fetched for items this tab asked about. */
  itemsUpdated: outbound({ data: z.object({ items: z.array(ItemState) }), response: z.void() }),
  /** Why these items could not be fetched; `retry` says whether asking again later can help. */
  lookupFailed: outbound({
    data: z.object({ items: z.array(ItemRef), code: z.string(), message: z.string(), retry: z.boolean() }),
    response: z.void(),
  }),
  /** The API answers again after a failure: ask again now for what failed. */
  apiAvailable: outbound({ data: z.object({}), response: z.void() }),
  /** Someone signed in or out: pages start over with the new user's view. */
  authChanged: outbound({ data: z.object({}), response: z.void() }),
  /** What the page says for a gap report: the selection and the item it is in (or the item last pointed at). */
  reportContext: outbound({
    data: z.object({}),
    response: z.object({
      selection: z.string().max(100_000).nullable(),
      pageTitle: z.string().max(2000),
      item: ItemRef.extend({ fields: ItemFields.default({}) }).nullable(),
    }),
  }),
  /** Runs an adapter on the page for the workbench. */
  workbench: outbound({ data: z.object({ adapter: SiteAdapter }), response: WorkbenchResult }),
  /**
   * Surveys to show beside these items' badges, sent to one frame. Only the survey script (injected
   * into frames that have a matching survey) answers; no answer means it is not there yet.
   */
  showSurveys: outbound({
    data: z.object({ cards: z.array(SurveyCard).min(1).max(LOOKUP_MAX_ITEMS) }),
    response: z.object({ shown: z.number().int().nonnegative() }),
  }),
} as const;

/** The background → extension pages (panel, popup, options). */
export const pageProtocol = {
  /** The API answers again after a failure: pages retry what they could not load. */
  apiAvailable: outbound({ data: z.object({}), response: z.void() }),
} as const;

export type TabProtocol = typeof tabProtocol;
export type PageProtocol = typeof pageProtocol;
export type TabMessage = keyof TabProtocol;
export type PageMessage = keyof PageProtocol;
export type TabDataOf<K extends TabMessage> = z.output<TabProtocol[K]['data']>;
export type TabResponseOf<K extends TabMessage> = z.output<TabProtocol[K]['response']>;
export type PageDataOf<K extends PageMessage> = z.output<PageProtocol[K]['data']>;
