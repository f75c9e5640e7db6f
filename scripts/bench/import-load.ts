import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QualityEventInput } from '../../contract';
import { openDatabase } from '../../server/db/client';
import { round } from './stats';

/**
 * P4: 1,000,000 quality events imported from NDJSON on PostgreSQL through the CLI's code path, in a
 * child process (rows/s and its peak RSS), against PostgreSQL's own COPY of the same rows into a
 * table shaped like quality_events (same columns and indexes), in the same run. PGlite runs the
 * first PGLITE_ROWS rows of the same file: it is one in-process database, and slower.
 */

const ROWS = 1_000_000;
const PGLITE_ROWS = 200_000;
const COLUMNS = [
  'id',
  'kind',
  'site',
  'itemKey',
  'queue',
  'policy',
  'decision',
  'verdict',
  'correctedDecision',
  'actor',
  'auditor',
  'occurredAt',
  'guidelineVersion',
  'note',
] as const satisfies readonly (keyof QualityEventInput)[];
const SQL_COLUMNS =
  'id, kind, site, item_key, queue, policy, decision, verdict, corrected_decision, actor, auditor, occurred_at, guideline_version, note';

const KINDS = ['qa_audit', 'appeal', 'gold_check', 'consensus'] as const;
const VERDICTS = ['correct', 'correct', 'incorrect', 'partially_correct'] as const;
const POLICIES = ['spam', 'hate', 'violence', 'nudity', 'scam', 'harassment', 'misinfo', 'other'];

/** Event `i` of the benchmark: the same on every run, 10 events per item, a note on every tenth. */
function event(i: number): QualityEventInput {
  return {
    id: `p4-${String(i).padStart(7, '0')}`,
    kind: KINDS[i % 4]!,
    site: 'bench-moderation',
    itemKey: `item-${i % 100_000}`,
    queue: `queue-${i % 13}`,
    policy: POLICIES[i % 8]!,
    decision: i % 3 ? 'remove' : 'keep',
    verdict: VERDICTS[(i >> 2) % 4]!,
    correctedDecision: i % 4 === 2 ? 'keep' : null,
    actor: `mod.${i % 200}`,
    auditor: `qa.${i % 17}`,
    occurredAt: new Date(Date.UTC(2024, 0, 1) + i * 30_000).toISOString(),
    guidelineVersion: 'v1',
    note: i % 10 === 0 ? `checked against the ${POLICIES[i % 8]} section, café` : null,
  };
}

/** A value in COPY's text format. */
function copyText(value: string | null | undefined): string {
  if (value == null) return '\\N';
  return value.replace(/[\\\n\r\t]/g, (c) => ({ '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c]!);
}

/** Writes the first `count` events as NDJSON and as COPY text, a megabyte at a time. */
async function writeFiles(ndjsonFile: string, copyFile: string, count: number): Promise<void> {
  const ndjson = createWriteStream(ndjsonFile);
  const copy = createWriteStream(copyFile);
  const write = async (stream: NodeJS.WritableStream, text: string) => {
    if (!stream.write(text)) await new Promise((resolve) => stream.once('drain', resolve));
  };
  let lines = '';
  let rows = '';
  for (let i = 0; i < count; i += 1) {
    const row = event(i);
    lines += `${JSON.stringify(row)}\n`;
    rows += `${COLUMNS.map((column) => copyText(row[column])).join('\t')}\n`;
    if (lines.length > 1 << 20) {
      await write(ndjson, lines);
      await write(copy, rows);
      lines = rows = '';
    }
  }
  await Promise.all([
    new Promise((resolve) => ndjson.end(lines, () => resolve(undefined))),
    new Promise((resolve) => copy.end(rows, () => resolve(undefined))),
  ]);
}

interface ChildResult {
  summary: string;
  seconds: number;
  peakRssMb: number;
}

/** Runs the import in a child process against `env`'s database and reads its JSON line. */
async function importInChild(file: string, env: NodeJS.ProcessEnv): Promise<ChildResult> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/bench/import-child.ts', file],
    { env: { ...process.env, ...env }, maxBuffer: 1 << 20 },
  );
  const last = stdout.trim().split('\n').at(-1)!;
  return JSON.parse(last) as ChildResult;
}

/** COPY of the COPY-text file into a table shaped like quality_events; seconds taken. */
async function copyBaseline(url: string, copyFile: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('create table p4_copy (like quality_events including all)');
    // Each measured write starts after a checkpoint, so neither pays for the other's dirty pages.
    await client.query('checkpoint');
    const started = performance.now();
    await pipeline(createReadStream(copyFile), client.query(copyFrom(`copy p4_copy (${SQL_COLUMNS}) from stdin`)));
    const seconds = (performance.now() - started) / 1000;
    await client.query('drop table p4_copy');
    await client.query('checkpoint');
    return seconds;
  } finally {
    await client.end();
  }
}

async function benchPostgres(adminUrl: string, ndjsonFile: string, copyFile: string) {
  const name = `qalens_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    // Migrated before anything is timed.
    await (await openDatabase({ databaseUrl: url.toString() })).close();
    const copySeconds = await copyBaseline(url.toString(), copyFile);
    const run = await importInChild(ndjsonFile, { DATABASE_URL: url.toString() });
    const figures = {
      rows: ROWS,
      rows_per_s: Math.round(ROWS / run.seconds),
      seconds: round(run.seconds),
      peak_rss_mb: round(run.peakRssMb, 1),
      copy_rows_per_s: Math.round(ROWS / copySeconds),
      copy_seconds: round(copySeconds),
      ratio_to_copy: round(copySeconds / run.seconds),
    };
    console.log(
      `  P4 postgres ${ROWS} rows: ${figures.rows_per_s} rows/s (${figures.seconds} s, peak RSS ${figures.peak_rss_mb} MB); ` +
        `COPY ${figures.copy_rows_per_s} rows/s (${figures.copy_seconds} s); ratio ${figures.ratio_to_copy} [${run.summary}]`,
    );
    return figures;
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function benchPglite(ndjsonFile: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'qa-lens-p4-'));
  try {
    // Created and migrated (initdb) before anything is timed.
    await (await openDatabase({ dataDir })).close();
    const run = await importInChild(ndjsonFile, { DATABASE_URL: '', QA_LENS_DATA_DIR: dataDir });
    const figures = {
      rows: PGLITE_ROWS,
      rows_per_s: Math.round(PGLITE_ROWS / run.seconds),
      seconds: round(run.seconds),
      peak_rss_mb: round(run.peakRssMb, 1),
    };
    console.log(
      `  P4 pglite ${PGLITE_ROWS} rows: ${figures.rows_per_s} rows/s (${figures.seconds} s, peak RSS ${figures.peak_rss_mb} MB) [${run.summary}]`,
    );
    return figures;
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs P4; PostgreSQL from BENCH_DATABASE_URL, else TEST_DATABASE_URL, else the local server. */
export async function benchImport(): Promise<Record<string, unknown>> {
  const adminUrl =
    process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const dir = mkdtempSync(join(tmpdir(), 'qa-lens-p4-files-'));
  try {
    console.log(`Import (P4): writing ${ROWS} events as NDJSON and as COPY text…`);
    const files = { ndjson: join(dir, 'events.ndjson'), copy: join(dir, 'events.copy') };
    await writeFiles(files.ndjson, files.copy, ROWS);
    const small = join(dir, `events-${PGLITE_ROWS}.ndjson`);
    await writeFiles(small, join(dir, 'unused.copy'), PGLITE_ROWS);
    const P4: Record<string, unknown> = {};
    try {
      P4.postgres = await benchPostgres(adminUrl, files.ndjson, files.copy);
    } catch (error) {
      console.warn(`  P4 postgres skipped: ${error instanceof Error ? error.message : String(error)}`);
      P4.postgres = { skipped: String(error) };
    }
    P4.pglite = await benchPglite(small);
    return { P4 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
