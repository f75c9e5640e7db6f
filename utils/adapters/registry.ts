import type { SiteAdapterInput } from '../../contract';
import type { AppDB } from '../db/app-db';
import { builtinAdapters } from './builtin';
import { adaptersFor } from './match';
import { memoFor, type Memo } from '../memo';

/**
 * Every adapter in force: the built-in ones, overridden by published ones with
 * the same id (a published adapter can also disable a built-in one).
 */
export async function activeAdapters(db: AppDB): Promise<SiteAdapterInput[]> {
  const byId = new Map<string, SiteAdapterInput>(builtinAdapters.map((adapter) => [adapter.id, adapter]));
  for (const { adapter } of await db.adapters.toArray()) byId.set(adapter.id, adapter);
  return [...byId.values()];
}

const recent = new WeakMap<AppDB, Memo<SiteAdapterInput[]>>();

/**
 * The adapters in force, read at most once a second: the background checks
 * them for every message a page sends. Writers call forgetAdapters.
 */
export function recentAdapters(db: AppDB): Promise<SiteAdapterInput[]> {
  let memo = recent.get(db);
  if (!memo) recent.set(db, (memo = memoFor(1_000, () => activeAdapters(db))));
  return memo();
}

/** Drops the remembered adapters after a write, so the next read sees it. */
export function forgetAdapters(db: AppDB): void {
  recent.get(db)?.clear();
}

/** The enabled adapters whose match patterns cover `url`. */
export async function adaptersForUrl(db: AppDB, url: string): Promise<SiteAdapterInput[]> {
  return adaptersFor(await recentAdapters(db), url);
}
