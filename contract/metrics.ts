import { z } from 'zod';
import { UserId } from './auth';
import { SiteId, storableString, Timestamp } from './common';
import { ClientId, GapReportStatus, GapReportType, GapSeverity } from './gap-report';
import { SectionId } from './guideline';
import { InboxDay } from './inbox';
import {
  CoreIndexVersion,
  CustomMetric,
  MetricDay,
  MetricFilterName,
  MetricKind,
  MetricSource,
} from './metrics-custom';
import { TimeZone } from './my-quality';
import { QualityEvent } from './quality';

export * from './metrics-custom';

/*
 * Quality metrics (issue 11): daily series over quality events and gap reports, grouped by one
 * dimension, with anomaly flags. `GET /v1/metrics/series` is called by independent tools exactly
 * as the issue writes it, so its names and shapes here are fixed.
 */

/** The built-in metrics: proportions over quality events, and counts of audits and of gap reports. */
export const BUILT_IN_METRICS = ['accuracy', 'gold_accuracy', 'overturn_rate', 'audit_volume', 'gap_reports'] as const;
export type BuiltInMetric = (typeof BUILT_IN_METRICS)[number];

/** The id `series` takes for the analysts' weighted core index. */
export const CORE_INDEX = 'core_index';

/**
 * What a series can be grouped and filtered by. `section` (a gap report's guideline section) and
 * `type` (its GapReportType) are gap reports' only; `actor` is an event's actor, a report's reporter.
 */
export const MetricDimension = z.enum(['site', 'queue', 'policy', 'guideline_version', 'section', 'type', 'actor']);
export type MetricDimension = z.infer<typeof MetricDimension>;

/** `groupBy`: a dimension, or `none` for one series over everything (the default). */
export const MetricGroupBy = z.enum([...MetricDimension.options, 'none']);
export type MetricGroupBy = z.infer<typeof MetricGroupBy>;

/** Longest range one series request covers, in days (from and to included). */
export const METRICS_MAX_DAYS = 400;
/** Days before `from` the anomaly flags read as history (they are never returned as points). */
export const METRICS_HISTORY_DAYS = 56;

/** A built-in, custom or core-index metric id. */
export const MetricId = storableString(64).regex(/^[a-z][a-z0-9_]*$/, 'a metric id: lowercase letters, digits and "_"');

/** The dimension filters every metrics read takes; each narrows to one value. */
export const MetricFilters = z.object({
  site: SiteId.optional(),
  queue: MetricFilterName.optional(),
  policy: MetricFilterName.optional(),
  guideline_version: MetricFilterName.optional(),
  section: SectionId.optional(),
  type: GapReportType.optional(),
  actor: MetricFilterName.optional(),
});
export type MetricFilters = z.infer<typeof MetricFilters>;

/** Whole days from `from` to `to`, both included (YYYY-MM-DD strings). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Refuses a range that ends before it starts or is longer than `max` days. */
function checkRange(range: { from?: string; to?: string }, ctx: z.RefinementCtx, max: number) {
  if (!range.from || !range.to) return;
  if (range.from > range.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `ends (${range.to}) before it starts (${range.from})` });
  } else if (daysBetween(range.from, range.to) > max) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: `a range is at most ${max} days` });
  }
}

/**
 * A yes/no query parameter: `true`/`1` or `false`/`0`, read as a boolean (a URL has no booleans,
 * and `z.coerce.boolean` would read "false" as true).
 */
export const QueryFlag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((flag) => flag === 'true' || flag === '1');

/** Query of `GET /v1/metrics/series` (and `series.csv`). */
export const MetricsSeriesQuery = MetricFilters.extend({
  metric: MetricId,
  groupBy: MetricGroupBy.default('none'),
  /** First day, in `tz`. */
  from: MetricDay,
  /** Last day (included), in `tz`. */
  to: MetricDay,
  tz: TimeZone.default('UTC'),
  /** For `metric=core_index`: a version of the index; the newest when absent. */
  version: z.coerce.number().int().min(0).max(1_000_000).optional(),
  /** `true` adds each point's control limits (`limits`); without it the points are as issue 11 fixes them. */
  limits: QueryFlag,
}).superRefine((query, ctx) => checkRange(query, ctx, METRICS_MAX_DAYS));
export type MetricsSeriesQueryInput = z.input<typeof MetricsSeriesQuery>;
export type MetricsSeriesQuery = z.output<typeof MetricsSeriesQuery>;

/** Why a day is flagged: its value is below `lower` (`low`) or above `upper` (`high`), limits from its own history. */
export const MetricFlag = z.object({
  direction: z.enum(['high', 'low']),
  lower: z.number(),
  upper: z.number(),
  /** `p-chart`, `ewma-drift`, `robust-c-chart` or `robust-individuals`. */
  method: storableString(64),
});
export type MetricFlag = z.infer<typeof MetricFlag>;

/**
 * The daily control chart a day was judged against: for proportions the p-chart (centre p̄ of the
 * trailing baseline, limits p̄ ± 3σ at that day's denominator); for counts and the core index the
 * robust chart (centre the trailing median, of the same weekday for counts). A flag's own limits
 * equal these for the p-chart and the robust charts; an EWMA drift flag carries the drift's limits.
 */
export const MetricLimits = z.object({
  center: z.number(),
  lower: z.number(),
  upper: z.number(),
});
export type MetricLimits = z.infer<typeof MetricLimits>;

/**
 * One calendar day of a series. Proportions: numerator and denominator are counts, value their
 * ratio (null without events). Counts: numerator = value, denominator null. The core index:
 * numerator is the weighted sum of its components' values that day, denominator the sum of
 * their weights, value their ratio.
 */
export const MetricPoint = z.object({
  date: InboxDay,
  numerator: z.number(),
  denominator: z.number().nullable(),
  value: z.number().nullable(),
  flag: MetricFlag.nullable(),
  /** Only with `limits=true`: the chart the day was judged against, null where it was not judged (too few events or too little history). */
  limits: MetricLimits.nullable().optional(),
});
export type MetricPoint = z.infer<typeof MetricPoint>;

/** One group's series: every day of the range, oldest first. `key` is `{}` without grouping. */
export const MetricSeries = z.object({
  key: z.record(z.string(), storableString(2000).nullable()),
  points: z.array(MetricPoint),
});
export type MetricSeries = z.infer<typeof MetricSeries>;

export const MetricsSeriesResponse = z.object({
  metric: MetricId,
  groupBy: MetricGroupBy,
  tz: storableString(64),
  series: z.array(MetricSeries),
});
export type MetricsSeriesResponse = z.infer<typeof MetricsSeriesResponse>;

/** One metric as `GET /v1/metrics/definitions` lists it. */
export const MetricDefinition = z.object({
  id: MetricId,
  name: storableString(200),
  description: storableString(2000),
  kind: MetricKind,
  source: MetricSource,
  builtIn: z.boolean(),
  /** The dimensions it can be grouped and filtered by. */
  dimensions: z.array(MetricDimension),
});
export type MetricDefinition = z.infer<typeof MetricDefinition>;

export const MetricsDefinitionsResponse = z.object({
  metrics: z.array(MetricDefinition),
  custom: z.array(CustomMetric),
  coreIndex: CoreIndexVersion,
});
export type MetricsDefinitionsResponse = z.infer<typeof MetricsDefinitionsResponse>;

/** Most rows one drill-down page holds. */
export const METRICS_EVENTS_PAGE_MAX = 200;

/** An opaque position in a drill-down: the previous page's `nextCursor`. */
export const MetricsCursor = storableString(400).regex(/^[A-Za-z0-9_-]+$/, 'a cursor from a previous page');

/** What a drill-down reads: the metric's events (or reports) on one day (`date`) or a range of days (`from`, `to`). */
const DrillScope = MetricFilters.extend({
  metric: MetricId,
  date: MetricDay.optional(),
  from: MetricDay.optional(),
  to: MetricDay.optional(),
  tz: TimeZone.default('UTC'),
});

/** Refuses a drill-down that names neither a day nor a range, or both. */
function checkDrillDays(query: z.output<typeof DrillScope>, ctx: z.RefinementCtx) {
  const range = query.date === undefined;
  if (range && (!query.from || !query.to)) {
    ctx.addIssue({ code: 'custom', path: ['date'], message: 'name a day (date) or a range (from and to)' });
  }
  if (!range && (query.from || query.to)) {
    ctx.addIssue({ code: 'custom', path: ['date'], message: 'name a day (date) or a range (from and to), not both' });
  }
  checkRange(query, ctx, METRICS_MAX_DAYS);
}

/** Query of `GET /v1/metrics/events`: what is behind one point (`date`) or a range of days (`from`, `to`). */
export const MetricsEventsQuery = DrillScope.extend({
  limit: z.coerce.number().int().min(1).max(METRICS_EVENTS_PAGE_MAX).default(50),
  cursor: MetricsCursor.optional(),
}).superRefine(checkDrillDays);
export type MetricsEventsQueryInput = z.input<typeof MetricsEventsQuery>;
export type MetricsEventsQuery = z.output<typeof MetricsEventsQuery>;

/** Query of `GET /v1/metrics/events.csv`: the drill-down's, every row at once (no page). */
export const MetricsEventsCsvQuery = DrillScope.superRefine(checkDrillDays);
export type MetricsEventsCsvQueryInput = z.input<typeof MetricsEventsCsvQuery>;
export type MetricsEventsCsvQuery = z.output<typeof MetricsEventsCsvQuery>;

/** An event behind a point: whether it counts in the numerator (every listed event is in the denominator). */
export const MetricEvent = QualityEvent.extend({ inNumerator: z.boolean() });
export type MetricEvent = z.infer<typeof MetricEvent>;

/** A gap report behind a point of `gap_reports`. */
export const MetricReport = z.object({
  id: ClientId,
  createdAt: Timestamp,
  type: GapReportType,
  severity: GapSeverity,
  status: GapReportStatus,
  reporter: UserId,
  note: storableString(4000),
  site: storableString(64).nullable(),
  queue: storableString(2000).nullable(),
  policy: storableString(2000).nullable(),
  guidelineId: storableString(64).nullable(),
  sectionId: storableString(100).nullable(),
  guidelineVersion: storableString(64).nullable(),
});
export type MetricReport = z.infer<typeof MetricReport>;

const DrillCommon = {
  metric: MetricId,
  from: InboxDay,
  to: InboxDay,
  tz: storableString(64),
  nextCursor: MetricsCursor.nullable(),
};

/** Newest first, a page at a time: events for event metrics, reports for `gap_reports`. */
export const MetricsEventsResponse = z.discriminatedUnion('source', [
  z.object({ ...DrillCommon, source: z.literal('quality_events'), events: z.array(MetricEvent) }),
  z.object({ ...DrillCommon, source: z.literal('gap_reports'), reports: z.array(MetricReport) }),
]);
export type MetricsEventsResponse = z.infer<typeof MetricsEventsResponse>;

export * from './metrics-signals';
