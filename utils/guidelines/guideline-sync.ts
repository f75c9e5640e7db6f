import { GuidelineVersionRecord, zodSummary } from '../../contract';
import type { ApiClient } from '../api/client';
import type { AppDB } from '../db/app-db';
import { getMeta, setMeta } from '../items/item-cache';

const PAGE = 20;

/** What a guideline pull did: versions stored, and those refused with the reason. */
export interface GuidelineSyncResult {
  received: number;
  rejected: { version: string; message: string }[];
}

/**
 * Pulls guideline versions published since the saved cursor, page by page,
 * saving the cursor with each page (a stopped service worker resumes there).
 * The cursor is the server's revision, never this device's clock. Each version
 * is validated on its own: a malformed one is skipped with its reason and the
 * others are stored.
 */
export async function syncGuidelines(db: AppDB, api: ApiClient): Promise<GuidelineSyncResult> {
  const result: GuidelineSyncResult = { received: 0, rejected: [] };
  let cursor = (await getMeta<string>(db, 'guidelinesCursor')) ?? null;
  for (;;) {
    const page = await api.guidelines(cursor, PAGE);
    await db.transaction('rw', db.guidelineVersions, db.meta, async () => {
      for (const record of page.versions) {
        const parsed = GuidelineVersionRecord.safeParse(record);
        if (parsed.success) {
          await db.guidelineVersions.put(parsed.data);
          result.received += 1;
        } else {
          const message = zodSummary(parsed.error, 3);
          console.warn(`[QA Lens] skipped a malformed guideline version: ${message}`);
          result.rejected.push({ version: versionOf(record), message });
        }
      }
      await setMeta(db, 'guidelinesCursor', page.nextCursor);
      await setMeta(db, 'guidelinesSyncedAt', new Date().toISOString());
    });
    if (!page.hasMore || page.nextCursor === cursor) break;
    cursor = page.nextCursor;
  }
  return result;
}

function versionOf(record: unknown): string {
  const { guidelineId, version } = (record ?? {}) as { guidelineId?: unknown; version?: unknown };
  return (
    [guidelineId, version]
      .filter((part) => typeof part === 'string')
      .join('@')
      .slice(0, 130) || '(unnamed)'
  );
}
