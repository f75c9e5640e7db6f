import { z } from 'zod';
import { SiteId, storableString, Timestamp, unstorableReason } from './common';

/**
 * Site adapters are data, not code: selectors, attribute names, regexes with
 * a named group `value`, and a fixed set of transforms. Store rules forbid
 * remotely loaded code, so there is deliberately no expression language.
 */

/** A CSS selector; checked for syntax where a DOM is available. */
const Selector = storableString(500).trim().min(1);

/** A regex source; the `value` named group (or the first group) is kept. */
const Pattern = storableString(500)
  .min(1)
  .refine(
    (source) => {
      try {
        new RegExp(source, 'u');
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a valid regular expression' },
  );

export const Transform = z.enum(['trim', 'lowercase', 'uppercase', 'collapse-whitespace', 'number']);
export type Transform = z.infer<typeof Transform>;

const common = {
  pattern: Pattern.optional(),
  transforms: z.array(Transform).max(8).default(['trim']),
};

/**
 * Where `selector` is looked for: inside the item (default), or once in the
 * whole page (a search task's query heading, shared by every result). A
 * missing field is never looked for elsewhere: that would read another item's.
 */
const Scope = z.enum(['item', 'page']).default('item');

/** Where one value of an item is read from. */
export const FieldSource = z.discriminatedUnion('from', [
  z.object({
    from: z.literal('attribute'),
    /** Element inside the item to read; the item element itself when absent. */
    selector: Selector.optional(),
    scope: Scope,
    name: storableString(100).min(1),
    ...common,
  }),
  z.object({ from: z.literal('text'), selector: Selector.optional(), scope: Scope, ...common }),
  z.object({
    from: z.literal('url'),
    part: z.enum(['href', 'pathname', 'search', 'hash']).default('pathname'),
    /** With `search`: the query parameter to read. */
    param: storableString(100).min(1).optional(),
    ...common,
  }),
]);
export type FieldSource = z.input<typeof FieldSource>;
export type FieldSourceParsed = z.output<typeof FieldSource>;

export const ItemField = z.enum(['queue', 'category', 'label', 'title', 'query', 'resultUrl', 'position']);
export type ItemField = z.infer<typeof ItemField>;

export const BadgePosition = z.enum(['append', 'prepend', 'before', 'after']);

export const SiteAdapter = z.object({
  schemaVersion: z.literal(1),
  id: storableString(64).regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'lowercase id, up to 64 characters'),
  version: z.number().int().positive(),
  name: storableString(128).min(1),
  site: SiteId,
  /** Match patterns (`http://localhost/moderation/*`), as in a manifest. */
  matches: z.array(storableString(500).min(1)).min(1).max(50),
  item: z.object({
    /**
     * Open shadow roots to enter before looking for items, outermost first:
     * `["review-queue", "review-list"]` finds items inside review-list's
     * shadow root, inside review-queue's. Closed shadow roots cannot be entered.
     */
    shadowHosts: z.array(Selector).max(4).default([]),
    selector: Selector,
    key: FieldSource.refine((key) => !('scope' in key) || key.scope !== 'page', {
      message: 'an item key must be read from the item itself, not the page',
      path: ['scope'],
    }),
    fields: z.partialRecord(ItemField, FieldSource).default({}),
    /** Fields every item must have; an item without one counts against adapter health. */
    required: z.array(ItemField).max(7).default([]),
  }),
  badge: z
    .object({
      /** Element inside the item to anchor the badge to; the item when absent. */
      selector: Selector.optional(),
      position: BadgePosition.default('append'),
    })
    .default({ position: 'append' }),
  enabled: z.boolean().default(true),
});
export type SiteAdapter = z.output<typeof SiteAdapter>;
export type SiteAdapterInput = z.input<typeof SiteAdapter>;

/** Keeps only the origin and path of a page URL: queries often carry user data. */
export const PageUrl = z
  .url()
  .max(2000)
  .refine((value) => unstorableReason(value) === null, 'contains a NUL character or a lone surrogate')
  .refine((value) => !value.includes('?') && !value.includes('#'), 'origin and path only, no query or fragment');

/** An adapter as the API stores it: the document plus who changed it and when. */
export const AdapterRecord = z.object({
  adapter: SiteAdapter,
  /** Monotonic across all adapters: clients pull `?since=<revision>`. */
  revision: z.number().int().positive(),
  updatedAt: Timestamp,
  updatedBy: storableString(64),
});
export type AdapterRecord = z.infer<typeof AdapterRecord>;

export const AdapterListResponse = z.object({
  adapters: z.array(AdapterRecord),
  /** Pass as `since` on the next pull; unchanged when nothing is new. */
  cursor: z.number().int().nonnegative(),
  hasMore: z.boolean(),
});
export type AdapterListResponse = z.infer<typeof AdapterListResponse>;

export const AdapterAction = z.enum(['published', 'disabled', 'enabled']);
export type AdapterAction = z.infer<typeof AdapterAction>;

/** One entry of an adapter's audit trail, newest first in responses. */
export const AdapterHistoryEntry = z.object({
  version: z.number().int().positive(),
  action: AdapterAction,
  actor: storableString(64),
  at: Timestamp,
  adapter: SiteAdapter,
});
export const AdapterHistoryResponse = z.object({ entries: z.array(AdapterHistoryEntry) });
export type AdapterHistoryResponse = z.infer<typeof AdapterHistoryResponse>;

/** What one page load found with one adapter. */
export const AdapterHealthReport = z.object({
  adapterId: SiteAdapter.shape.id,
  adapterVersion: z.number().int().positive(),
  site: SiteId,
  pageUrl: PageUrl,
  itemsFound: z.number().int().nonnegative(),
  /** Items lacking at least one of the adapter's required fields. */
  itemsMissingRequired: z.number().int().nonnegative(),
  /** Per field, how many items lacked it. */
  missingFields: z.partialRecord(ItemField, z.number().int().nonnegative()).default({}),
  /** Fields whose selector matched nothing in any item on the page. */
  selectorsNeverMatched: z.array(ItemField).default([]),
  /** Drawn badges whose visibility was checked (a sample; those in the viewport). */
  badgesChecked: z.number().int().nonnegative().default(0),
  /** Of those, badges a person cannot see, by reason. */
  badgesHidden: z
    .object({
      /** Zero width or height. */
      zeroSize: z.number().int().nonnegative().default(0),
      /** Cut off by an element between the badge and its item with overflow hidden (an ellipsis cell). */
      clipped: z.number().int().nonnegative().default(0),
      /** Under another element. */
      covered: z.number().int().nonnegative().default(0),
    })
    .default({ zeroSize: 0, clipped: 0, covered: 0 }),
  at: Timestamp,
});
export type AdapterHealthReport = z.infer<typeof AdapterHealthReport>;

/** How many checked badges a person cannot see. */
export function hiddenBadges(report: Pick<AdapterHealthReport, 'badgesHidden'>): number {
  const { zeroSize, clipped, covered } = report.badgesHidden;
  return zeroSize + clipped + covered;
}

/** A report is a problem when the URL matched but detection did not work, or its badges cannot be seen. */
export function isBroken(
  report: Pick<AdapterHealthReport, 'itemsFound' | 'itemsMissingRequired' | 'selectorsNeverMatched' | 'badgesHidden'>,
): boolean {
  return (
    report.itemsFound === 0 ||
    report.itemsMissingRequired > 0 ||
    report.selectorsNeverMatched.length > 0 ||
    hiddenBadges(report) > 0
  );
}

/** Most reports one request may carry. */
export const HEALTH_BATCH_MAX = 100;

export const HealthReportRequest = z.object({ reports: z.array(AdapterHealthReport).min(1).max(HEALTH_BATCH_MAX) });
export type HealthReportRequest = z.input<typeof HealthReportRequest>;

/** Per adapter, what the field reported over a window of time. */
export const AdapterHealthSummary = z.object({
  adapterId: storableString(64),
  reports: z.number().int(),
  brokenReports: z.number().int(),
  lastReportAt: Timestamp,
  lastBrokenAt: Timestamp.nullable(),
  /** The newest broken report, for a first look at what went wrong. */
  lastBroken: AdapterHealthReport.nullable(),
});
export type AdapterHealthSummary = z.infer<typeof AdapterHealthSummary>;
export const AdapterHealthResponse = z.object({ adapters: z.array(AdapterHealthSummary) });
export type AdapterHealthResponse = z.infer<typeof AdapterHealthResponse>;

/** Most adapters one pull returns. */
export const ADAPTER_PULL_MAX = 500;

/** Query of `GET /v1/adapters`: records changed after `since`, oldest change first. */
export const AdapterListQuery = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(ADAPTER_PULL_MAX).default(100),
});
export type AdapterListQuery = z.input<typeof AdapterListQuery>;

/** Query of `GET /v1/adapters/health`: the window, in hours back from now (up to 30 days). */
export const AdapterHealthQuery = z.object({
  hours: z.coerce.number().int().min(1).max(720).default(24),
});

/** Answer of `POST /v1/adapters/health`: how many reports were stored. */
export const HealthReportAccepted = z.object({ accepted: z.number().int().nonnegative() });
export type HealthReportAccepted = z.infer<typeof HealthReportAccepted>;
