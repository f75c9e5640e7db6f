import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../server/db/client';
import { createToken } from '../../server/tokens';
import { benchUsers } from './inbox-seed';
import { startApiProcess, stop } from './lookup-load';

/*
 * The analysts' benchmarks (E1, M1) each seed a fresh database, start the real API on it in its
 * own process and time requests as an analyst: on PGlite in a temporary directory, and on a
 * PostgreSQL database created for the run and dropped after it.
 */

/** Fills a fresh database with a benchmark's data. */
export type Fill = (db: Database) => Promise<void>;
/** Times requests against the API at `apiUrl` with an analyst's `token`; `seedSeconds` is what filling took. */
export type Measure<T> = (apiUrl: string, token: string, seedSeconds: number) => Promise<T>;

/** Fills the database `open` opens and answers an analyst's token and the seconds it took. */
async function seed(open: () => ReturnType<typeof openDatabase>, fill: Fill) {
  const started = performance.now();
  const database = await open();
  try {
    await fill(database.db);
    const analyst = benchUsers().find((user) => user.roles.includes('analyst'))!;
    const { token } = await createToken(database.db, analyst, { label: 'bench', days: 1, now: new Date() });
    return { token, seconds: (performance.now() - started) / 1000 };
  } finally {
    await database.close();
  }
}

/** `measure` against the API on a fresh PGlite directory (`prefix` names it), removed after. */
export async function onFreshPglite<T>(prefix: string, fill: Fill, measure: Measure<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  try {
    const { token, seconds } = await seed(() => openDatabase({ dataDir }), fill);
    const { url, child } = await startApiProcess({ QA_LENS_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      return await measure(url, token, seconds);
    } finally {
      await stop(child);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `measure` against the API on a PostgreSQL database created on `adminUrl`'s server for the run, dropped after. */
export async function onFreshPostgres<T>(
  adminUrl: string,
  prefix: string,
  fill: Fill,
  measure: Measure<T>,
): Promise<T> {
  const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const { token, seconds } = await seed(() => openDatabase({ databaseUrl: url.toString() }), fill);
    const { url: apiUrl, child } = await startApiProcess({ DATABASE_URL: url.toString() });
    try {
      return await measure(apiUrl, token, seconds);
    } finally {
      await stop(child);
    }
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
