import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, policyFromEnv } from '../policy';

describe('policy from the environment', () => {
  it('uses the defaults when nothing is set: 90-day tokens, 7-day demo tokens, 30-day health retention', () => {
    expect(policyFromEnv({})).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY).toMatchObject({ tokenTtlDays: 90, demoTokenTtlDays: 7, healthRetentionDays: 30 });
  });

  it('reads every QA_LENS_* value', () => {
    const policy = policyFromEnv({
      QA_LENS_TOKEN_TTL_DAYS: '30',
      QA_LENS_DEMO_TOKEN_TTL_DAYS: '1',
      QA_LENS_TOKEN_GRACE_DAYS: '5',
      QA_LENS_HEALTH_RETENTION_DAYS: '14',
      QA_LENS_HEALTH_RATE_LIMIT: '500',
      QA_LENS_HEALTH_RATE_WINDOW_SECONDS: '60',
      QA_LENS_DEMO_SIGNIN_RATE_LIMIT: '5',
      QA_LENS_DEMO_SIGNIN_RATE_WINDOW_SECONDS: '3600',
      QA_LENS_GAP_PUSH_RATE_LIMIT: '20000',
      QA_LENS_GAP_PUSH_RATE_WINDOW_SECONDS: '30',
      QA_LENS_SURVEY_PUSH_RATE_LIMIT: '900',
      QA_LENS_SURVEY_PUSH_RATE_WINDOW_SECONDS: '20',
      QA_LENS_INBOX_WRITE_RATE_LIMIT: '800',
      QA_LENS_INBOX_WRITE_RATE_WINDOW_SECONDS: '10',
    });
    expect(policy).toEqual({
      tokenTtlDays: 30,
      demoTokenTtlDays: 1,
      tokenGraceDays: 5,
      healthRetentionDays: 14,
      healthReports: { limit: 500, windowSeconds: 60 },
      demoSignIns: { limit: 5, windowSeconds: 3600 },
      gapReportPushes: { limit: 20000, windowSeconds: 30 },
      surveyResponsePushes: { limit: 900, windowSeconds: 20 },
      inboxWrites: { limit: 800, windowSeconds: 10 },
    });
  });

  it('refuses values that are not positive whole numbers, and a health or gap-push limit below one full batch', () => {
    expect(() => policyFromEnv({ QA_LENS_TOKEN_TTL_DAYS: 'ninety' })).toThrow(/QA_LENS_TOKEN_TTL_DAYS/);
    expect(() => policyFromEnv({ QA_LENS_HEALTH_RETENTION_DAYS: '0' })).toThrow(/positive whole number/);
    expect(() => policyFromEnv({ QA_LENS_DEMO_TOKEN_TTL_DAYS: '1.5' })).toThrow(/positive whole number/);
    expect(() => policyFromEnv({ QA_LENS_HEALTH_RATE_LIMIT: '50' })).toThrow(/at least 100/);
    expect(() => policyFromEnv({ QA_LENS_GAP_PUSH_RATE_LIMIT: '49' })).toThrow(/at least 50/);
    expect(() => policyFromEnv({ QA_LENS_SURVEY_PUSH_RATE_LIMIT: '49' })).toThrow(/at least 50/);
    expect(() => policyFromEnv({ QA_LENS_INBOX_WRITE_RATE_LIMIT: '499' })).toThrow(/at least 500/);
  });
});
