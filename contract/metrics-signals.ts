import { z } from 'zod';
import { SiteId, storableString, Timestamp } from './common';
import { GuidelineId } from './guideline';
import { InboxDay } from './inbox';
import { MetricDay } from './metrics-custom';
import { TimeZone } from './my-quality';

/*
 * The link no other tool makes (issue 11): guideline sections where error rates and gap reports
 * rise together around a guideline version change, ranked, each with the filters that list the
 * events and the reports behind it.
 */

/** Longest window either side of a version change, in days. */
export const SIGNAL_WINDOW_MAX_DAYS = 90;

/** Query of `GET /v1/metrics/section-signals`: version changes that took effect from `from` to `to` (days in `tz`). */
export const SectionSignalsQuery = z
  .object({
    from: MetricDay,
    to: MetricDay,
    tz: TimeZone.default('UTC'),
    /** Days compared on each side of a change: the days before it, and the change day with the days after it. */
    windowDays: z.coerce.number().int().min(1).max(SIGNAL_WINDOW_MAX_DAYS).default(14),
    site: SiteId.optional(),
    guideline: GuidelineId.optional(),
  })
  .superRefine((query, ctx) => {
    if (query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `ends (${query.to}) before it starts (${query.from})` });
    }
  });
export type SectionSignalsQueryInput = z.input<typeof SectionSignalsQuery>;
export type SectionSignalsQuery = z.output<typeof SectionSignalsQuery>;

/** One side of a change: QA audits and gold checks judged under that side's version, and reports on the section. */
export const SignalSide = z.object({
  from: InboxDay,
  to: InboxDay,
  version: storableString(64),
  /** QA audits and gold checks of the section's policies judged under `version` in the window. */
  judged: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
  /** 1 − accuracy; null without judged events. */
  errorRate: z.number().nullable(),
  /** Gap reports on the section that arrived in the window. */
  gapReports: z.number().int().nonnegative(),
});
export type SignalSide = z.infer<typeof SignalSide>;

/** How strongly errors and reports rose: z statistics of each rise, and their combination. */
export const SignalStrength = z.object({
  /** Two-proportion z of the error rate's rise (positive: more errors after); null without events on a side. */
  errorZ: z.number().nullable(),
  /** z of the reports' rise (after against before, equal windows); 0 without reports. */
  gapZ: z.number(),
  /** √(errorZ⁺ · gapZ⁺): positive only when both rose. */
  score: z.number(),
});

export const QueueSignal = SignalStrength.extend({
  queue: storableString(128),
  before: SignalSide,
  after: SignalSide,
});
export type QueueSignal = z.infer<typeof QueueSignal>;

/** Query-string values for a drill-down route (`GET /v1/metrics/events`, `GET /v1/gap-reports`). */
export const DrillQuery = z.record(z.string(), storableString(200));
export type DrillQuery = z.infer<typeof DrillQuery>;

export const SectionSignal = SignalStrength.extend({
  guidelineId: storableString(64),
  site: storableString(64),
  sectionId: storableString(100),
  heading: storableString(300),
  /** `changed` (its text or tags differ) or `added` in the new version. */
  change: z.enum(['changed', 'added']),
  fromVersion: storableString(64),
  toVersion: storableString(64),
  effectiveFrom: Timestamp,
  /** The policies the section is tagged with: the events it judges. */
  policies: z.array(storableString(100)),
  before: SignalSide,
  after: SignalSide,
  /** The same comparison in each queue with events on both sides, strongest first. */
  byQueue: z.array(QueueSignal),
  /** What the ranking uses: the stronger of the section's own score and its strongest queue's. */
  rankScore: z.number(),
  drill: z.object({
    /** Per policy, `GET /v1/metrics/events` before and after (metric=accuracy). */
    events: z.array(z.object({ policy: storableString(100), before: DrillQuery, after: DrillQuery })),
    /** `GET /v1/gap-reports` (the triage inbox) before and after. */
    reports: z.object({ before: DrillQuery, after: DrillQuery }),
  }),
});
export type SectionSignal = z.infer<typeof SectionSignal>;

export const SectionSignalsResponse = z.object({
  from: InboxDay,
  to: InboxDay,
  tz: storableString(64),
  windowDays: z.number().int(),
  /** Highest rankScore first. */
  signals: z.array(SectionSignal),
});
export type SectionSignalsResponse = z.infer<typeof SectionSignalsResponse>;
