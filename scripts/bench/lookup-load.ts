import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import autocannon from 'autocannon';
import pg from 'pg';
import { LOOKUP_MAX_ITEMS, type ItemRef } from '../../contract';
import { generateSeed } from '../../demo/seed';
import { openDatabase } from '../../server/db/client';
import { seedDatabase } from '../../server/seed';
import { createToken } from '../../server/tokens';
import { percentile, round } from './stats';

/**
 * P6: `POST /v1/items/lookup` with 500 items (summaries only) at a fixed 200
 * requests/s for 10 s against the API in its own process, on PGlite and on
 * PostgreSQL, with the same summary SELECT sent straight through the driver at
 * the same rate as the floor: what the HTTP layer, auth and JSON add is the
 * gap between the two.
 */

const RATE = 200;
const SECONDS = 10;
const WARMUP_SECONDS = 2;
const CONNECTIONS = 20;
const BODIES = 40;

/** The summary query the lookup route runs (server/lookup.ts), as plain SQL for the driver floor. */
const SUMMARY_SQL = `select coalesce(json_agg(json_build_object('site', r.site, 'itemKey', r.item_key,
    'summary', json_build_object('site', r.site, 'itemKey', r.item_key, 'audits', coalesce(s.audits, 0),
      'incorrect', coalesce(s.incorrect, 0), 'overturns', coalesce(s.overturns, 0), 'lastVerdict', s.last_verdict,
      'lastAt', to_char(s.last_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'policies', coalesce(s.policies, '{}'::text[]))) order by r.ord), '[]')::text as items
  from (select e.value->>'site' as site, e.value->>'itemKey' as item_key, e.ord
        from jsonb_array_elements($1::jsonb) with ordinality as e(value, ord)) r
  left join item_summaries s on s.site = r.site and s.item_key = r.item_key`;

interface LoadResult {
  p50_ms: number;
  p99_ms: number;
  achieved_rps: number;
  errors: number;
}

/** Request bodies of 500 items each, a mix of audited and never-audited items as a real queue has. */
function lookupBodies(refs: ItemRef[], count: number): ItemRef[][] {
  let state = 42;
  const random = () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () =>
    Array.from({ length: LOOKUP_MAX_ITEMS }, () => refs[Math.floor(random() * refs.length)]!),
  );
}

/** QA_LENS_BENCH_CPU_PROFILE=DIR writes the API process's CPU profiles there (how the lookup path was tuned). */
function profileFlags(): string[] {
  const dir = process.env.QA_LENS_BENCH_CPU_PROFILE;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

/** Starts `server/main.ts` in a child process and resolves with its URL once it listens. */
export function startApiProcess(env: NodeJS.ProcessEnv): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...profileFlags(), '--import', 'tsx', 'server/main.ts'], {
      env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, child });
    });
    child.once('exit', (code) => reject(new Error(`the API exited (${code}) before listening: ${output}`)));
  });
}

/** Stops an API process started by startApiProcess. */
export function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** autocannon at a fixed overall rate; warm-up first, so the JIT and pools are settled. */
async function loadApi(url: string, token: string, bodies: ItemRef[][]): Promise<LoadResult> {
  const requests = bodies.map((items) => ({
    method: 'POST' as const,
    path: '/v1/items/lookup',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ items }),
  }));
  const run = (duration: number) =>
    autocannon({ url, connections: CONNECTIONS, overallRate: RATE, duration, requests });
  await run(WARMUP_SECONDS);
  const result = await run(SECONDS);
  return {
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    achieved_rps: round(result.requests.total / SECONDS, 1),
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

/** The same SELECT through the driver, open-loop at the same rate with the same concurrency cap. */
async function loadDriver(query: (json: string) => Promise<unknown>, bodies: ItemRef[][]): Promise<LoadResult> {
  const payloads = bodies.map((items) => JSON.stringify(items));
  const run = async (seconds: number) => {
    const latencies: number[] = [];
    let errors = 0;
    let inFlight = 0;
    let sent = 0;
    const started = performance.now();
    const running: Promise<void>[] = [];
    while (performance.now() - started < seconds * 1000) {
      const due = Math.floor(((performance.now() - started) / 1000) * RATE);
      while (sent < due && inFlight < CONNECTIONS) {
        const at = performance.now();
        inFlight += 1;
        const payload = payloads[sent % payloads.length]!;
        sent += 1;
        running.push(
          query(payload)
            .then(
              () => void latencies.push(performance.now() - at),
              () => void (errors += 1),
            )
            .finally(() => (inFlight -= 1)),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(running);
    return { latencies, errors };
  };
  await run(WARMUP_SECONDS);
  const { latencies, errors } = await run(SECONDS);
  return {
    p50_ms: round(percentile(latencies, 50)),
    p99_ms: round(percentile(latencies, 99)),
    achieved_rps: round(latencies.length / SECONDS, 1),
    errors,
  };
}

/** Seeds a database with the demo data and a bench user; answers the user's token and every item. */
async function seed(open: () => ReturnType<typeof openDatabase>) {
  const data = generateSeed();
  const database = await open();
  try {
    await seedDatabase(database.db, { users: [...data.users], events: data.events });
    const user = data.users.find((u) => u.roles.includes('moderator'))!;
    const { token } = await createToken(database.db, user, { label: 'bench', days: 1, now: new Date() });
    const refs: ItemRef[] = [
      ...data.moderation.items.map((item) => ({ site: 'demo-moderation', itemKey: item.id })),
      ...data.search.tasks.flatMap((task) => task.results.map((r) => ({ site: 'demo-search', itemKey: r.id }))),
    ];
    return { token, refs };
  } finally {
    await database.close();
  }
}

function summarize(name: string, api: LoadResult, floor: LoadResult): Record<string, number> {
  const figures = {
    p50_ms: api.p50_ms,
    p99_ms: api.p99_ms,
    achieved_rps: api.achieved_rps,
    errors: api.errors,
    floor_p50_ms: floor.p50_ms,
    floor_p99_ms: floor.p99_ms,
    floor_achieved_rps: floor.achieved_rps,
    p99_ratio_to_floor: round(api.p99_ms / Math.max(floor.p99_ms, 0.01)),
  };
  console.log(
    `  P6 ${name.padEnd(8)} lookup of ${LOOKUP_MAX_ITEMS} at ${RATE}/s: p50 ${api.p50_ms} ms, p99 ${api.p99_ms} ms, ` +
      `${api.achieved_rps}/s achieved, ${api.errors} errors; driver floor p50 ${floor.p50_ms} ms, p99 ${floor.p99_ms} ms, ` +
      `${floor.achieved_rps}/s`,
  );
  return figures;
}

async function benchPglite(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-lens-p6-'));
  try {
    const { token, refs } = await seed(() => openDatabase({ dataDir }));
    const bodies = lookupBodies(refs, BODIES);
    // PGlite is one process's database: the floor opens the folder while no server holds it.
    const client = await PGlite.create(dataDir);
    const floor = await loadDriver((json) => client.query(SUMMARY_SQL, [json]), bodies);
    await client.close();
    const { url, child } = await startApiProcess({ QA_LENS_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      return summarize('pglite', await loadApi(url, token, bodies), floor);
    } finally {
      await stop(child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(adminUrl: string): Promise<Record<string, number>> {
  const name = `qalens_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const { token, refs } = await seed(() => openDatabase({ databaseUrl: url.toString() }));
    const bodies = lookupBodies(refs, BODIES);
    const { url: apiUrl, child } = await startApiProcess({ DATABASE_URL: url.toString() });
    try {
      const api = await loadApi(apiUrl, token, bodies);
      // The floor uses a pool the size of the API's, after the API run, so they never compete.
      const pool = new pg.Pool({ connectionString: url.toString(), max: 10 });
      const floor = await loadDriver((json) => pool.query(SUMMARY_SQL, [json]), bodies);
      await pool.end();
      return summarize('postgres', api, floor);
    } finally {
      await stop(child);
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** Runs P6 on both databases; PostgreSQL from BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server. */
export async function benchLookupLoad(): Promise<Record<string, unknown>> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  console.log(`Lookup load (P6): ${RATE}/s for ${SECONDS} s after ${WARMUP_SECONDS} s of warm-up…`);
  const P6: Record<string, unknown> = { rate: RATE, seconds: SECONDS, items_per_request: LOOKUP_MAX_ITEMS };
  P6.pglite = await benchPglite();
  try {
    P6.postgres = await benchPostgres(adminUrl);
  } catch (error) {
    console.warn(`  P6 postgres skipped: ${error instanceof Error ? error.message : String(error)}`);
    P6.postgres = { skipped: String(error) };
  }
  return { P6 };
}
