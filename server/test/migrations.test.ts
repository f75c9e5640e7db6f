import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, expect, it } from 'vitest';

const MIGRATIONS = fileURLToPath(new URL('../db/migrations', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'qalens-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of the migrations folder holding only the first `count` migrations. */
function firstMigrations(count: number): string {
  const folder = join(dir, `first-${count}`);
  cpSync(MIGRATIONS, folder, { recursive: true });
  const journalFile = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  writeFileSync(journalFile, JSON.stringify(journal));
  return folder;
}

it('gives tokens from before expiry existed a full default lifetime from the upgrade, not from their creation', async () => {
  const client = await PGlite.create();
  try {
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: firstMigrations(2) });
    await db.execute(sql`insert into users (id, name, roles) values ('ana', 'Ana', '{analyst}')`);
    await db.execute(sql`insert into api_tokens (id, user_id, label, token_hash, created_at)
      values ('tok_old', 'ana', 'old', 'hash', now() - interval '400 days')`);

    await migrate(db, { migrationsFolder: MIGRATIONS });
    const { rows } = await client.query<{ days: number; demo: boolean }>(
      `select round(extract(epoch from expires_at - now()) / 86400)::int as days, demo from api_tokens`,
    );
    expect(rows).toEqual([{ days: 90, demo: false }]);
  } finally {
    await client.close();
  }
});

it('fills the inbox filter columns of reports from before the inbox, queue and policy from the item’s latest quality event', async () => {
  const client = await PGlite.create();
  try {
    const db = drizzle(client);
    await migrate(db, { migrationsFolder: firstMigrations(8) });
    await db.execute(sql`insert into users (id, name, roles) values ('eve', 'Eve', '{analyst,evaluator}')`);
    await db.execute(sql`insert into quality_events (id, kind, site, item_key, queue, policy, decision, verdict, occurred_at)
      values ('old', 'qa_audit', 'acme', 'item-1', 'old-queue', 'old-policy', 'keep', 'correct', '2026-01-01T00:00:00Z'),
             ('new', 'qa_audit', 'acme', 'item-1', 'fraud', 'scams', 'keep', 'correct', '2026-02-01T00:00:00Z')`);
    const context = (fields: object | null) =>
      JSON.stringify({
        site: 'acme',
        itemKey: 'item-1',
        fields,
        selection: 'contested claims',
        pageTitle: 'Queue',
        guideline: { guidelineId: 'handbook', version: 'v3', sectionId: 'misinfo', heading: '5.3' },
      });
    await db.execute(sql`insert into gap_reports (id, reporter, type, severity, note, context, digest, client_created_at)
      values ('0190a5b2-7c3e-7abc-8def-000000000001', 'eve', 'unclear', 'high', 'satire?', ${context(null)}::jsonb, 'd1', now()),
             ('0190a5b2-7c3e-7abc-8def-000000000002', 'eve', 'missing', 'low', 'n', ${context({ queue: 'general' })}::jsonb, 'd2', now())`);

    await migrate(db, { migrationsFolder: MIGRATIONS });
    const { rows } = await client.query(
      `select site, item_key, queue, policy, guideline_id, section_id, guideline_version, reporter_role, severity_rank,
         search @@ websearch_to_tsquery('simple', 'contested') as found
       from gap_reports order by id`,
    );
    const common = {
      site: 'acme',
      item_key: 'item-1',
      policy: 'scams',
      guideline_id: 'handbook',
      section_id: 'misinfo',
      guideline_version: 'v3',
      // The first reporting role the user holds, whatever order their roles were given in.
      reporter_role: 'evaluator',
      found: true,
    };
    expect(rows).toEqual([
      { ...common, queue: 'fraud', severity_rank: 3 },
      { ...common, queue: 'general', severity_rank: 1 },
    ]);
  } finally {
    await client.close();
  }
});
