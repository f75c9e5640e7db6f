import { createHash } from 'node:crypto';
import type { Database } from '../../server/db/client';
import { onFreshPglite, onFreshPostgres } from './fresh-api';
import { addDays } from '../../server/metrics/days';
import { timedGet } from './inbox';
import { LAST_DAY, M1_QUEUE, seedMetrics } from './metrics-seed';
import { percentile, round } from './stats';

/**
 * M1: the quality dashboards over 1,000,000 quality events (400 days) and 20,000 gap reports,
 * seeded straight into the tables (metrics-seed.ts), then read through the real HTTP API in its
 * own process, one request at a time (the latency an analyst waits for a chart), on PostgreSQL and
 * on PGlite. Baselines in the same run: the `/health` round trip and E1's unfiltered inbox page
 * (auth, one index scan, JSON). Each request's answer is hashed, so two runs (before and after an
 * index or a query change) and the two databases can be checked to answer byte for byte the same.
 */

const EVENTS = 1_000_000;
const REPORTS = 20_000;
const WARMUP_ROUNDS = 2;
const ROUNDS = 12;

const days = (n: number) => ({ from: addDays(LAST_DAY, -(n - 1)), to: LAST_DAY });
const query = (params: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)])).toString();

/** What a dashboard asks for: the charts of the last 60/90/365 days, a drill-down page and the ranked sections. */
const REQUESTS: { name: string; path: string }[] = [
  {
    name: 'accuracy_by_queue_60d',
    path: `/v1/metrics/series?${query({ metric: 'accuracy', groupBy: 'queue', ...days(60) })}`,
  },
  {
    name: 'accuracy_by_queue_60d_kolkata',
    path: `/v1/metrics/series?${query({ metric: 'accuracy', groupBy: 'queue', ...days(60), tz: 'Asia/Kolkata' })}`,
  },
  {
    name: 'accuracy_by_actor_60d',
    path: `/v1/metrics/series?${query({ metric: 'accuracy', groupBy: 'actor', ...days(60) })}`,
  },
  {
    name: 'gap_reports_by_section_60d',
    path: `/v1/metrics/series?${query({ metric: 'gap_reports', groupBy: 'section', ...days(60) })}`,
  },
  {
    name: 'overturn_rate_by_policy_365d',
    path: `/v1/metrics/series?${query({ metric: 'overturn_rate', groupBy: 'policy', ...days(365) })}`,
  },
  { name: 'core_index_90d', path: `/v1/metrics/series?${query({ metric: 'core_index', ...days(90) })}` },
  {
    name: 'accuracy_by_queue_60d_limits',
    path: `/v1/metrics/series?${query({ metric: 'accuracy', groupBy: 'queue', ...days(60), limits: 'true' })}`,
  },
  {
    name: 'events_day_queue_page',
    path: `/v1/metrics/events?${query({ metric: 'accuracy', date: addDays(LAST_DAY, -10), queue: M1_QUEUE, limit: 50 })}`,
  },
  { name: 'section_signals_90d', path: `/v1/metrics/section-signals?${query(days(90))}` },
];

interface Measured {
  requests: Record<string, number[]>;
  /** SHA-256 of each request's answer (the same every round, or the run fails). */
  digests: Record<string, string>;
  unfiltered: number[];
  health: number[];
}

const sha256 = (body: string) => createHash('sha256').update(body).digest('hex');

/** Latencies of every request, of E1's unfiltered inbox page and of `/health`, round-robin. */
async function measure(apiUrl: string, token: string): Promise<Measured> {
  const m: Measured = {
    requests: Object.fromEntries(REQUESTS.map((r) => [r.name, []])),
    digests: {},
    unfiltered: [],
    health: [],
  };
  for (let round_ = 0; round_ < WARMUP_ROUNDS + ROUNDS; round_ += 1) {
    const keep = round_ >= WARMUP_ROUNDS;
    for (const { name, path } of REQUESTS) {
      const { ms, body } = await timedGet(`${apiUrl}${path}`, token);
      const digest = sha256(body);
      if ((m.digests[name] ??= digest) !== digest) throw new Error(`${name} answered differently between rounds`);
      if (keep) m.requests[name]!.push(ms);
    }
    const pageMs = (await timedGet(`${apiUrl}/v1/gap-reports?limit=50`, token)).ms;
    const healthMs = (await timedGet(`${apiUrl}/health`)).ms;
    if (keep) {
      m.unfiltered.push(pageMs);
      m.health.push(healthMs);
    }
  }
  return m;
}

function summarize(name: string, seedSeconds: number, m: Measured) {
  const unfilteredP95 = round(percentile(m.unfiltered, 95));
  const healthP95 = round(percentile(m.health, 95));
  const requests = Object.fromEntries(
    Object.entries(m.requests).map(([key, values]) => {
      const p95 = round(percentile(values, 95));
      return [
        key,
        {
          p50_ms: round(percentile(values, 50)),
          p95_ms: p95,
          ratio_to_unfiltered_page: round(p95 / Math.max(unfilteredP95, 0.01)),
          ratio_to_health: round(p95 / Math.max(healthP95, 0.01)),
          response_sha256: m.digests[key]!.slice(0, 16),
        },
      ];
    }),
  );
  const all = Object.values(m.requests).flat();
  const figures = {
    p50_ms: round(percentile(all, 50)),
    p95_ms: round(percentile(all, 95)),
    requests,
    baseline_unfiltered_page_p95_ms: unfilteredP95,
    baseline_health_p95_ms: healthP95,
    seed_seconds: round(seedSeconds, 1),
  };
  console.log(
    `  M1 ${name}: all requests p50 ${figures.p50_ms} ms, p95 ${figures.p95_ms} ms; unfiltered page p95 ` +
      `${unfilteredP95} ms, /health p95 ${healthP95} ms; seeded in ${figures.seed_seconds} s`,
  );
  for (const [key, r] of Object.entries(requests)) {
    console.log(`    ${key.padEnd(30)} p50 ${String(r.p50_ms).padStart(8)} ms  p95 ${String(r.p95_ms).padStart(8)} ms`);
  }
  return figures;
}

/** The world: `EVENTS` quality events and `REPORTS` gap reports. */
const fill = (db: Database) => seedMetrics(db, EVENTS, REPORTS);

/** The requests timed on one database, summarized under its name. */
const measured = (name: string) => async (apiUrl: string, token: string, seconds: number) =>
  summarize(name, seconds, await measure(apiUrl, token));

/** The requests whose answers differ between the two databases (they must not). */
function differingAnswers(a: { requests: Record<string, { response_sha256: string }> }, b: typeof a): string[] {
  return Object.keys(a.requests).filter((key) => a.requests[key]!.response_sha256 !== b.requests[key]?.response_sha256);
}

/** Runs M1 on both databases; PostgreSQL from BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server. */
export async function benchMetrics(): Promise<Record<string, unknown>> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  console.log(
    `Quality dashboards (M1): ${EVENTS} events over 400 days and ${REPORTS} gap reports, ` +
      `${ROUNDS} rounds of ${REQUESTS.length} requests after ${WARMUP_ROUNDS}…`,
  );
  const M1: Record<string, unknown> = {
    events: EVENTS,
    reports: REPORTS,
    last_day: LAST_DAY,
    rounds: ROUNDS,
    requests: Object.fromEntries(REQUESTS.map((r) => [r.name, r.path])),
  };
  let postgres: ReturnType<typeof summarize> | undefined;
  try {
    postgres = await onFreshPostgres(adminUrl, 'qalens_m1', fill, measured('postgres'));
    M1.postgres = postgres;
  } catch (error) {
    console.warn(`  M1 postgres skipped: ${error instanceof Error ? error.message : String(error)}`);
    M1.postgres = { skipped: String(error) };
  }
  const pglite = await onFreshPglite('qa-lens-m1', fill, measured('pglite'));
  M1.pglite = pglite;
  if (postgres) {
    const differing = differingAnswers(postgres, pglite);
    M1.answers_differ_between_databases = differing;
    if (differing.length > 0) console.warn(`  M1: PostgreSQL and PGlite answered differently: ${differing.join(', ')}`);
  }
  return { M1_metrics: M1 };
}
