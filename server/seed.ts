import { inArray, sql } from 'drizzle-orm';
import type { ImportResponse, QualityEventRow, User } from '../contract';
import type { Database } from './db/client';
import { qualityEvents } from './db/schema';
import { importEvents } from './import';
import { upsertUsers } from './users';

/** Upserts users and imports events; safe to run on every start (known event ids are skipped). */
export async function seedDatabase(
  db: Database,
  seed: { users: User[]; events: QualityEventRow[] },
): Promise<ImportResponse> {
  await upsertUsers(db, seed.users);
  // Seeding runs on every start: one id query is far cheaper than re-sending every row.
  const ids = JSON.stringify(seed.events.map((event) => event.id));
  const known = await db
    .select({ id: qualityEvents.id })
    .from(qualityEvents)
    .where(inArray(qualityEvents.id, sql`(select jsonb_array_elements_text(${ids}::jsonb))`));
  const knownIds = new Set(known.map((row) => row.id));
  const fresh = seed.events.filter((event) => !knownIds.has(event.id));
  const result = fresh.length === 0 ? { inserted: 0, itemsUpdated: 0 } : await importEvents(db, fresh);
  return {
    received: seed.events.length,
    inserted: result.inserted,
    duplicates: seed.events.length - result.inserted,
    itemsUpdated: result.itemsUpdated,
  };
}
