import type { Database } from '../../server/db/client';
import { onFreshPglite, onFreshPostgres } from './fresh-api';
import { seedInbox } from './inbox-seed';
import { percentile, round } from './stats';

/**
 * E1: the triage inbox with 100,000 gap reports. Seeded straight into the table (inbox-seed.ts),
 * then read through the real HTTP API in its own process, one request at a time (the latency an
 * analyst waits for a page): a mix of filtered, sorted first pages and a second page by cursor,
 * on PostgreSQL and on PGlite. Baselines in the same run: the `/health` round trip (HTTP and the
 * process, no database) and the unfiltered first page (auth, the page's records, JSON).
 */

const REPORTS = 100_000;
const WARMUP_ROUNDS = 5;
const ROUNDS = 40;
/** The bar for a filtered, sorted page on PostgreSQL. */
const TARGET_P95_MS = 100;

/** The inbox's data: `REPORTS` reports. */
const fill = (db: Database) => seedInbox(db, REPORTS);

/** The mix timed on one database, summarized under its name. */
const measured = (name: string) => async (apiUrl: string, token: string, seconds: number) =>
  summarize(name, seconds, await measure(apiUrl, token));

/** The mix: what an analyst's views ask for most. */
const MIX: { name: string; query: string }[] = [
  { name: 'status_new', query: 'status=new&sort=created_desc&limit=50' },
  { name: 'site_section', query: 'site=demo-search&section=s3&limit=50' },
  { name: 'search', query: `q=${encodeURIComponent('satire parody')}&limit=50` },
  { name: 'severity_sort', query: 'sort=severity_desc&limit=50' },
  { name: 'page_2', query: 'status=new&sort=created_desc&limit=50&cursor=' },
];

export interface Timed {
  ms: number;
  body: string;
}

/** GETs `url` (with a bearer token when given), answers the milliseconds to the last byte and the body; a non-2xx throws. */

export async function timedGet(url: string, token?: string): Promise<Timed> {
  const started = performance.now();
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  const body = await res.text();
  const ms = performance.now() - started;
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${body.slice(0, 300)}`);
  return { ms, body };
}

/** Latencies of the mix, of the unfiltered first page, of `/health`, and of a Chinese search (character pairs). */
async function measure(apiUrl: string, token: string) {
  const first = JSON.parse((await timedGet(`${apiUrl}/v1/gap-reports?${MIX[0]!.query}`, token)).body) as {
    nextCursor: string;
  };
  const urlOf = (query: string) =>
    `${apiUrl}/v1/gap-reports?${query}${query.endsWith('cursor=') ? encodeURIComponent(first.nextCursor) : ''}`;
  const mix: Record<string, number[]> = Object.fromEntries(MIX.map((m) => [m.name, []]));
  const unfiltered: number[] = [];
  const health: number[] = [];
  const chinese: number[] = [];
  for (let round_ = 0; round_ < WARMUP_ROUNDS + ROUNDS; round_ += 1) {
    const keep = round_ >= WARMUP_ROUNDS;
    for (const { name, query } of MIX) {
      const { ms } = await timedGet(urlOf(query), token);
      if (keep) mix[name]!.push(ms);
    }
    const pageMs = (await timedGet(`${apiUrl}/v1/gap-reports?limit=50`, token)).ms;
    const healthMs = (await timedGet(`${apiUrl}/health`)).ms;
    const chineseMs = (await timedGet(`${apiUrl}/v1/gap-reports?q=${encodeURIComponent('虚假信息')}&limit=50`, token))
      .ms;
    if (keep) {
      unfiltered.push(pageMs);
      health.push(healthMs);
      chinese.push(chineseMs);
    }
  }
  return { mix, unfiltered, health, chinese };
}

function summarize(name: string, seedSeconds: number, m: Awaited<ReturnType<typeof measure>>) {
  const all = Object.values(m.mix).flat();
  const p95 = round(percentile(all, 95));
  const unfilteredP95 = round(percentile(m.unfiltered, 95));
  const healthP95 = round(percentile(m.health, 95));
  const figures = {
    p50_ms: round(percentile(all, 50)),
    p95_ms: p95,
    per_query_p95_ms: Object.fromEntries(
      Object.entries(m.mix).map(([key, values]) => [key, round(percentile(values, 95))]),
    ),
    baseline_unfiltered_page_p95_ms: unfilteredP95,
    baseline_health_p95_ms: healthP95,
    ratio_to_unfiltered_page: round(p95 / Math.max(unfilteredP95, 0.01)),
    ratio_to_health: round(p95 / Math.max(healthP95, 0.01)),
    chinese_search_p95_ms: round(percentile(m.chinese, 95)),
    seed_seconds: round(seedSeconds, 1),
  };
  console.log(
    `  E1 ${name.padEnd(8)} p50 ${figures.p50_ms} ms, p95 ${p95} ms (target ≤ ${TARGET_P95_MS} on PostgreSQL); ` +
      `per query ${JSON.stringify(figures.per_query_p95_ms)}; unfiltered page p95 ${unfilteredP95} ms, /health p95 ` +
      `${healthP95} ms; Chinese search p95 ${figures.chinese_search_p95_ms} ms; seeded in ${figures.seed_seconds} s`,
  );
  return figures;
}

/** Runs E1 on both databases; PostgreSQL from BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server. */
export async function benchInbox(): Promise<Record<string, unknown>> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  console.log(`Triage inbox (E1): ${REPORTS} reports, ${ROUNDS} rounds of ${MIX.length} views after ${WARMUP_ROUNDS}…`);
  const E1: Record<string, unknown> = {
    reports: REPORTS,
    rounds: ROUNDS,
    views: MIX.map((m) => m.name),
    target_p95_ms: TARGET_P95_MS,
  };
  try {
    E1.postgres = await onFreshPostgres(adminUrl, 'qalens_bench', fill, measured('postgres'));
  } catch (error) {
    console.warn(`  E1 postgres skipped: ${error instanceof Error ? error.message : String(error)}`);
    E1.postgres = { skipped: String(error) };
  }
  E1.pglite = await onFreshPglite('qa-lens-e1', fill, measured('pglite'));
  return { E1_inbox: E1 };
}
