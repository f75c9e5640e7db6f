import type { SiteAdapterInput } from '../../contract';
import type { AppDB } from '../db/app-db';
import { builtinAdapters } from './builtin';
import { adaptersFor } from './match';

/**
 * Every adapter in force: the built-in ones, overridden by published ones with
 * the same id (a published adapter can also disable a built-in one).
 */
export async function activeAdapters(db: AppDB): Promise<SiteAdapterInput[]> {
  const byId = new Map<string, SiteAdapterInput>(builtinAdapters.map((adapter) => [adapter.id, adapter]));
  for (const { adapter } of await db.adapters.toArray()) byId.set(adapter.id, adapter);
  return [...byId.values()];
}

/** The enabled adapters whose match patterns cover `url`. */
export async function adaptersForUrl(db: AppDB, url: string): Promise<SiteAdapterInput[]> {
  return adaptersFor(await activeAdapters(db), url);
}
