import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe } from 'vitest';
import { openDatabase, type Database, type OpenedDatabase } from '../db/client';

/** One database an API suite runs against. */
export interface TestDatabase {
  name: 'pglite' | 'postgres';
  /** True when the database is unavailable here; the suite then shows as skipped. */
  skip: boolean;
  /** Opens a fresh, migrated, private database; close() removes it. */
  open(): Promise<TestOpenedDatabase>;
}

/** An opened test database that a second client can join, as a second API process would. */
export interface TestOpenedDatabase extends OpenedDatabase {
  /**
   * A second, independent connection pool to the same PostgreSQL database. PGlite is in-process
   * and single-client by nature, so there it is the same client (close() leaves it open).
   */
  connectAgain(): Promise<OpenedDatabase>;
}

/** PGlite in memory always; PostgreSQL when TEST_DATABASE_URL is set. */
export function testDatabases(env: NodeJS.ProcessEnv = process.env): TestDatabase[] {
  const adminUrl = env.TEST_DATABASE_URL;
  return [
    { name: 'pglite', skip: false, open: openPglite },
    { name: 'postgres', skip: !adminUrl, open: () => openScratchPostgres(adminUrl!) },
  ];
}

/** `describe` once per test database, the unavailable ones visibly skipped. */
export function describeEachDatabase(title: string, body: (database: TestDatabase) => void): void {
  for (const database of testDatabases()) {
    const suffix = database.skip ? ' (skipped: set TEST_DATABASE_URL)' : '';
    describe.skipIf(database.skip)(`${title} on ${database.name}${suffix}`, () => body(database));
  }
}

async function openPglite(): Promise<TestOpenedDatabase> {
  const opened = await openDatabase({});
  return { ...opened, connectAgain: async () => ({ ...opened, close: async () => undefined }) };
}

// A database per suite, not a schema: migrations and sequences then need no search_path tricks.
async function openScratchPostgres(adminUrl: string): Promise<TestOpenedDatabase> {
  const name = `qalens_test_${randomBytes(6).toString('hex')}`;
  await withAdminClient(adminUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    const opened = await openDatabase({ databaseUrl: url.toString() });
    return {
      ...opened,
      connectAgain: () => openDatabase({ databaseUrl: url.toString() }),
      close: async () => {
        await opened.close();
        await dropDatabase(adminUrl, name);
      },
    };
  } catch (error) {
    await dropDatabase(adminUrl, name);
    throw error;
  }
}

function dropDatabase(adminUrl: string, name: string) {
  return withAdminClient(adminUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/**
 * Empties every table, so each test starts from nothing on a shared database. CASCADE also empties
 * tables that refer to these (a new feature's tables), so adding one never breaks every suite.
 */
export async function resetDatabase(db: Database): Promise<void> {
  await db.execute(sql`truncate table api_tokens, users, quality_events, item_summaries,
    site_adapters, site_adapter_history, adapter_health_reports, rate_limits, import_jobs,
    guidelines, guideline_versions, guideline_publish_log,
    gap_reports, gap_report_screenshots, gap_report_comments, gap_report_history cascade`);
}
