import { SiteAdapter, zodSummary } from '../../contract';
import type { ApiClient } from '../api/client';
import type { AppDB } from '../db/app-db';
import { getMeta, setMeta } from '../items/item-cache';
import { forgetAdapters } from './registry';
import type { AdapterSyncResult } from '../messaging/protocol';

const PAGE = 100;

/**
 * Pulls published adapters by revision, page by page, saving the cursor after
 * each page so a stopped service worker resumes where it was. Each document
 * is validated on its own: a malformed one is recorded with the path of the
 * bad field and the others are stored.
 */
export async function syncAdapters(db: AppDB, api: ApiClient): Promise<AdapterSyncResult> {
  const result: AdapterSyncResult = { received: 0, rejected: [] };
  let cursor = (await getMeta<number>(db, 'adaptersCursor')) ?? 0;
  for (;;) {
    const page = await api.adapters(cursor, PAGE);
    await db.transaction('rw', db.adapters, db.rejectedAdapters, db.meta, async () => {
      for (const record of page.adapters) {
        const parsed = SiteAdapter.safeParse(record.adapter);
        const id = parsed.success ? parsed.data.id : idOf(record.adapter);
        if (parsed.success) {
          await db.adapters.put({ id, adapter: parsed.data, revision: record.revision });
          await db.rejectedAdapters.delete(id);
          result.received += 1;
        } else {
          const message = zodSummary(parsed.error, 3);
          await db.rejectedAdapters.put({ id, revision: record.revision, message });
          result.rejected.push({ id, message });
        }
      }
      await setMeta(db, 'adaptersCursor', page.cursor);
      await setMeta(db, 'adaptersSyncedAt', new Date().toISOString());
    });
    if (page.adapters.length > 0) forgetAdapters(db);
    if (!page.hasMore || page.cursor === cursor) break;
    cursor = page.cursor;
  }
  return result;
}

function idOf(document: unknown): string {
  const id = (document as { id?: unknown } | null)?.id;
  return typeof id === 'string' && id.length > 0 ? id.slice(0, 64) : '(no id)';
}
