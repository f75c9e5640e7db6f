import { inArray, sql } from 'drizzle-orm';
import type { ImportResponse, QualityEventRow, SiteAdapter, User } from '../contract';
import { publishAdapter } from './adapter-store';
import type { Database } from './db/client';
import { qualityEvents } from './db/schema';
import { importEvents } from './import';
import { upsertUsers } from './users';

export interface Seed {
  users: User[];
  events: QualityEventRow[];
  /** Published when the stored version is lower than the document's. */
  adapters?: SiteAdapter[];
  /** The user id adapters are published as; required with `adapters`, and must exist (e.g. in `users`). */
  publisher?: string;
}

/** Upserts users, imports events and publishes adapters; safe to run on every start (known ids and versions are skipped). */
export async function seedDatabase(db: Database, seed: Seed): Promise<ImportResponse> {
  await upsertUsers(db, seed.users);
  await seedAdapters(db, seed.adapters ?? [], seed.publisher);
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

async function seedAdapters(db: Database, adapters: SiteAdapter[], publisher: string | undefined): Promise<void> {
  if (adapters.length === 0) return;
  if (!publisher) throw new Error('seeding adapters needs a publisher (a user id)');
  for (const adapter of adapters) {
    // A stored version at or above the file's is left alone: an admin may have published a newer one.
    await publishAdapter(db, adapter, publisher, { allowSkip: true });
  }
}
