import { z } from 'zod';
import { UserId } from './auth';
import { SiteId, storableString, Timestamp } from './common';
import { InboxDay } from './inbox';
import { EventKind, Verdict } from './quality';

/*
 * Metrics analysts define as data (issue 11): a numerator filter and a denominator filter over
 * quality-event fields, and the core index, a versioned weighted combination of proportion
 * metrics. Filters are lists of values the server binds as parameters: no code and no SQL ever
 * comes from a client.
 */

/** A calendar day a metric reads: the inbox's day (a real day within years 1900–2999). */
export const MetricDay = InboxDay;

/** `proportion` (numerator / denominator), `count` (numerator = value) or `index` (the core index). */
export const MetricKind = z.enum(['proportion', 'count', 'index']);
export type MetricKind = z.infer<typeof MetricKind>;

/** What a metric counts. */
export const MetricSource = z.enum(['quality_events', 'gap_reports', 'core_index']);
export type MetricSource = z.infer<typeof MetricSource>;

/** A queue, policy, guideline version or actor as quality events name them. */
export const MetricFilterName = storableString(128).min(1);

/** Most values one filter field lists. */
export const METRIC_FILTER_VALUES_MAX = 50;
/** Most custom metrics the server keeps. */
export const CUSTOM_METRICS_MAX = 200;
/** Most components of the core index. */
export const CORE_INDEX_COMPONENTS_MAX = 20;
/** Most versions of the core index the server keeps. */
export const CORE_INDEX_VERSIONS_MAX = 1000;

const values = <T extends z.ZodType>(item: T) => z.array(item).min(1).max(METRIC_FILTER_VALUES_MAX).optional();

/**
 * Which quality events a filter keeps: each field present lists the values allowed (any of
 * them); absent fields allow anything. `{}` keeps every event.
 */
export const EventFilter = z.strictObject({
  kind: values(EventKind),
  verdict: values(Verdict),
  site: values(SiteId),
  queue: values(MetricFilterName),
  policy: values(MetricFilterName),
  guidelineVersion: values(MetricFilterName),
});
export type EventFilter = z.infer<typeof EventFilter>;

/** A custom metric id: not a built-in one, not `core_index`. */
export const CustomMetricId = storableString(64)
  .regex(/^[a-z][a-z0-9_]*$/, 'a metric id: lowercase letters, digits and "_", starting with a letter')
  .refine(
    (id) => !['accuracy', 'gold_accuracy', 'overturn_rate', 'audit_volume', 'gap_reports', 'core_index'].includes(id),
    'that id names a built-in metric',
  );

const Name = storableString(200)
  .trim()
  .refine((text) => text.length > 0, 'the name is empty');
const Description = storableString(2000).default('');

/**
 * A custom metric. With a denominator it is a proportion: events matching the denominator
 * filter, of which those also matching the numerator filter count above the line (so the value
 * is always between 0 and 1). With `denominator: null` it is a count of the numerator's events.
 */
export const CustomMetricInput = z.object({
  name: Name,
  description: Description,
  numerator: EventFilter,
  denominator: EventFilter.nullable(),
});
export type CustomMetricInputShape = z.input<typeof CustomMetricInput>;
export type CustomMetricInput = z.output<typeof CustomMetricInput>;

/** `POST /v1/metrics/custom`: the id is chosen by the analyst and appears in series URLs. */
export const CustomMetricCreate = CustomMetricInput.extend({ id: CustomMetricId });
export type CustomMetricCreate = z.output<typeof CustomMetricCreate>;

export const CustomMetric = z.object({
  id: storableString(64),
  name: storableString(200),
  description: storableString(2000),
  kind: z.enum(['proportion', 'count']),
  numerator: EventFilter,
  denominator: EventFilter.nullable(),
  createdBy: UserId,
  createdAt: Timestamp,
  updatedBy: UserId,
  updatedAt: Timestamp,
});
export type CustomMetric = z.infer<typeof CustomMetric>;

export const CustomMetricResponse = z.object({ metric: CustomMetric });
export const CustomMetricListResponse = z.object({ metrics: z.array(CustomMetric) });

/** One part of the core index: a proportion metric, its weight, and whether lower is better (`invert` uses 1 − value). */
export const CoreIndexComponentInput = z.object({
  metric: storableString(64).regex(/^[a-z][a-z0-9_]*$/, 'a metric id: lowercase letters, digits and "_"'),
  weight: z.number().positive().max(1000),
  invert: z.boolean().default(false),
});

/** `PUT /v1/metrics/core-index`: a new version of the index. */
export const CoreIndexInput = z.object({
  name: Name,
  description: Description,
  components: z.array(CoreIndexComponentInput).min(1).max(CORE_INDEX_COMPONENTS_MAX),
});
export type CoreIndexInputShape = z.input<typeof CoreIndexInput>;
export type CoreIndexInput = z.output<typeof CoreIndexInput>;

/**
 * A component as stored: with the filters its metric had when the version was saved, so a
 * version means the same thing after the custom metric it names is edited or deleted.
 */
export const CoreIndexComponent = z.object({
  metric: storableString(64),
  weight: z.number(),
  invert: z.boolean(),
  numerator: EventFilter,
  denominator: EventFilter,
});
export type CoreIndexComponent = z.infer<typeof CoreIndexComponent>;

/**
 * One immutable version of the core index. Its value on a day is Σ weight·value / Σ weight over
 * the components with events that day (`invert` ones as 1 − value). Version 0 is the built-in
 * default, in force until an analyst saves one.
 */
export const CoreIndexVersion = z.object({
  version: z.number().int().nonnegative(),
  name: storableString(200),
  description: storableString(2000),
  components: z.array(CoreIndexComponent),
  /** Null for the built-in default. */
  createdBy: UserId.nullable(),
  createdAt: Timestamp.nullable(),
});
export type CoreIndexVersion = z.infer<typeof CoreIndexVersion>;

export const CoreIndexResponse = z.object({ coreIndex: CoreIndexVersion });
export const CoreIndexVersionsResponse = z.object({ versions: z.array(CoreIndexVersion) });
