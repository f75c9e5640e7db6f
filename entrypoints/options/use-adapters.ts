import { useLiveQuery } from 'dexie-react-hooks';
import { activeAdapters } from '../../utils/adapters/registry';
import { builtinAdapters } from '../../utils/adapters/builtin';
import { getDb } from '../../utils/db/app-db';

/** Where an adapter in force came from: published through the API (at a revision), or built in. */
export type AdapterSource = { kind: 'published'; revision: number } | { kind: 'builtIn' } | { kind: 'unknown' };

/** The adapters in force, live, with where each came from. */
export function useAdapters() {
  return useLiveQuery(async () => {
    const db = getDb();
    const [adapters, published, rejected] = await Promise.all([
      activeAdapters(db),
      db.adapters.toArray(),
      db.rejectedAdapters.toArray(),
    ]);
    const revisions = new Map(published.map((row) => [row.id, row.revision]));
    const builtinIds = new Set(builtinAdapters.map((a) => a.id));
    const sourceOf = (id: string): AdapterSource => {
      const revision = revisions.get(id);
      if (revision !== undefined) return { kind: 'published', revision };
      return builtinIds.has(id) ? { kind: 'builtIn' } : { kind: 'unknown' };
    };
    return {
      adapters: adapters.map((adapter) => ({ adapter, source: sourceOf(adapter.id) })),
      rejected,
    };
  }, []);
}
