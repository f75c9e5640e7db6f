import { HEALTH_BATCH_MAX, INBOX_BULK_MAX, SURVEY_PUSH_MAX, SYNC_PUSH_MAX } from '../contract';

/** A fixed-window rate limit: at most `limit` units per `windowSeconds`. */
export interface RateLimit {
  limit: number;
  windowSeconds: number;
}

/** How long rows a client can create are kept, and how fast clients may create them. */
export interface ServerPolicy {
  /** Lifetime of tokens from an admin or the CLI when the request names none. */
  tokenTtlDays: number;
  /** Lifetime of demo sign-in tokens: anyone can mint one, so they end sooner. */
  demoTokenTtlDays: number;
  /** Expired or revoked tokens are kept this long (so "token expired on …" can be said), then pruned. */
  tokenGraceDays: number;
  /** Adapter health reports older than this are pruned. */
  healthRetentionDays: number;
  /** Adapter health reports per user. */
  healthReports: RateLimit;
  /** Demo sign-ins per client address: each one mints a token row without any credential. */
  demoSignIns: RateLimit;
  /** Gap reports pushed per user (counted in reports, retries included). */
  gapReportPushes: RateLimit;
  /** Survey answers pushed per user (counted in answers, retries included). */
  surveyResponsePushes: RateLimit;
  /** Reports changed per analyst by the inbox's bulk changes and merges (counted in reports named). */
  inboxWrites: RateLimit;
}

export const DEFAULT_POLICY: ServerPolicy = {
  tokenTtlDays: 90,
  demoTokenTtlDays: 7,
  tokenGraceDays: 30,
  healthRetentionDays: 30,
  healthReports: { limit: 120, windowSeconds: 600 },
  // Generous enough for a full end-to-end run from one machine; still bounds an anonymous flood.
  demoSignIns: { limit: 120, windowSeconds: 600 },
  // A person files a few reports an hour; this lets a day's offline backlog through in a minute or two.
  gapReportPushes: { limit: 600, windowSeconds: 60 },
  // An answer takes a click per item; this still lets a day's offline backlog through at once.
  surveyResponsePushes: { limit: 600, windowSeconds: 60 },
  // Ten full bulk changes a minute: more than a person clicks, still a bound on a runaway script.
  inboxWrites: { limit: 5000, windowSeconds: 60 },
};

/** The policy the environment sets (QA_LENS_* variables), defaults for the rest; refuses nonsense values. */
export function policyFromEnv(env: NodeJS.ProcessEnv = process.env): ServerPolicy {
  const read = (name: string, fallback: number): number => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive whole number, not "${raw}"`);
    return value;
  };
  const d = DEFAULT_POLICY;
  const healthLimit = read('QA_LENS_HEALTH_RATE_LIMIT', d.healthReports.limit);
  // A full batch larger than the whole budget could never be accepted: the extension would retry it forever.
  if (healthLimit < HEALTH_BATCH_MAX) {
    throw new Error(`QA_LENS_HEALTH_RATE_LIMIT must be at least ${HEALTH_BATCH_MAX} (one full batch of reports)`);
  }
  const pushLimit = read('QA_LENS_GAP_PUSH_RATE_LIMIT', d.gapReportPushes.limit);
  if (pushLimit < SYNC_PUSH_MAX) {
    throw new Error(`QA_LENS_GAP_PUSH_RATE_LIMIT must be at least ${SYNC_PUSH_MAX} (one full batch of reports)`);
  }
  const surveyPushLimit = read('QA_LENS_SURVEY_PUSH_RATE_LIMIT', d.surveyResponsePushes.limit);
  if (surveyPushLimit < SURVEY_PUSH_MAX) {
    throw new Error(`QA_LENS_SURVEY_PUSH_RATE_LIMIT must be at least ${SURVEY_PUSH_MAX} (one full batch of answers)`);
  }
  const inboxLimit = read('QA_LENS_INBOX_WRITE_RATE_LIMIT', d.inboxWrites.limit);
  if (inboxLimit < INBOX_BULK_MAX) {
    throw new Error(`QA_LENS_INBOX_WRITE_RATE_LIMIT must be at least ${INBOX_BULK_MAX} (one full bulk change)`);
  }
  return {
    tokenTtlDays: read('QA_LENS_TOKEN_TTL_DAYS', d.tokenTtlDays),
    demoTokenTtlDays: read('QA_LENS_DEMO_TOKEN_TTL_DAYS', d.demoTokenTtlDays),
    tokenGraceDays: read('QA_LENS_TOKEN_GRACE_DAYS', d.tokenGraceDays),
    healthRetentionDays: read('QA_LENS_HEALTH_RETENTION_DAYS', d.healthRetentionDays),
    healthReports: {
      limit: healthLimit,
      windowSeconds: read('QA_LENS_HEALTH_RATE_WINDOW_SECONDS', d.healthReports.windowSeconds),
    },
    demoSignIns: {
      limit: read('QA_LENS_DEMO_SIGNIN_RATE_LIMIT', d.demoSignIns.limit),
      windowSeconds: read('QA_LENS_DEMO_SIGNIN_RATE_WINDOW_SECONDS', d.demoSignIns.windowSeconds),
    },
    gapReportPushes: {
      limit: pushLimit,
      windowSeconds: read('QA_LENS_GAP_PUSH_RATE_WINDOW_SECONDS', d.gapReportPushes.windowSeconds),
    },
    surveyResponsePushes: {
      limit: surveyPushLimit,
      windowSeconds: read('QA_LENS_SURVEY_PUSH_RATE_WINDOW_SECONDS', d.surveyResponsePushes.windowSeconds),
    },
    inboxWrites: {
      limit: inboxLimit,
      windowSeconds: read('QA_LENS_INBOX_WRITE_RATE_WINDOW_SECONDS', d.inboxWrites.windowSeconds),
    },
  };
}

const DAY_MS = 86_400_000;

/** `now` plus `days` whole days. */
export function daysAfter(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}
