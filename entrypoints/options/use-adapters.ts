import { useLiveQuery } from 'dexie-react-hooks';
import { activeAdapters } from '../../utils/adapters/registry';
import { builtinAdapters } from '../../utils/adapters/builtin';
import { getDb } from '../../utils/db/app-db';

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
    return {
      adapters: adapters.map((adapter) => ({
        adapter,
        source: revisions.has(adapter.id)
          ? `published (revision ${revisions.get(adapter.id)})`
          : builtinIds.has(adapter.id)
            ? 'built in'
            : 'unknown',
      })),
      rejected,
    };
  }, []);
}
