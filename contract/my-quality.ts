import { z } from 'zod';
import { UserId } from './auth';
import { storableString, Timestamp } from './common';

/** Longest window of `GET /v1/users/{id}/quality`, in ISO weeks (two years). */
export const MY_QUALITY_MAX_WEEKS = 104;

/** An IANA time zone name the runtime knows (e.g. `Europe/Berlin`, `UTC`). */
export const TimeZone = storableString(64)
  .min(1)
  .regex(/^[A-Za-z0-9_+\-/]+$/, 'an IANA time zone name (letters, digits, "_", "+", "-", "/")')
  .refine(
    (zone) => {
      try {
        new Intl.DateTimeFormat('en-US', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    },
    { message: 'not a known IANA time zone (e.g. UTC, Europe/Berlin)' },
  );

/** Query of `GET /v1/users/{id}/quality`: the last `weeks` ISO weeks, the current one included, in `tz`. */
export const MyQualityQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(MY_QUALITY_MAX_WEEKS).default(12),
  tz: TimeZone.default('UTC'),
});
export type MyQualityQuery = z.input<typeof MyQualityQuery>;

export const MyQualityParams = z.object({ id: UserId });

/**
 * Judged decisions and how many were right. Only QA audits and gold checks judge a person's own
 * decision; `partially_correct` is not correct. `accuracy` is `correct / events`, null without events.
 */
export const Accuracy = z.object({
  events: z.number().int().nonnegative(),
  correct: z.number().int().nonnegative(),
  accuracy: z.number().min(0).max(1).nullable(),
});
export type Accuracy = z.infer<typeof Accuracy>;

export const PolicyAccuracy = Accuracy.extend({ policy: storableString(128) });
export type PolicyAccuracy = z.infer<typeof PolicyAccuracy>;

export const WeekAccuracy = Accuracy.extend({
  /** ISO week, e.g. `2024-W09`. */
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  /** The Monday that starts it, in the asked time zone. */
  weekStart: z.iso.date(),
});
export type WeekAccuracy = z.infer<typeof WeekAccuracy>;

/** A moderator's or evaluator's own accuracy (the decisions whose `actor` they are). */
export const MyQualityResponse = z.object({
  userId: UserId,
  tz: storableString(64),
  weeks: z.number().int(),
  /** Start of the first week of the window. */
  from: Timestamp,
  /** When it was computed; the window ends here. */
  to: Timestamp,
  total: Accuracy,
  /** Policies the person was judged on in the window, by name. */
  byPolicy: z.array(PolicyAccuracy),
  /** Every week of the window, oldest first; weeks without events have `events: 0`. */
  byWeek: z.array(WeekAccuracy),
});
export type MyQualityResponse = z.infer<typeof MyQualityResponse>;
