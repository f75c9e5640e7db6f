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
