import type { AppDB, ReportDraft } from '../db/app-db';

/** Drafts kept; saving one more drops the least recently saved. */
export const MAX_DRAFTS = 50;

/*
 * A report being written survives a reload, a closed panel and a browser restart: the form saves
 * its state under a key (the item, the selection, the guideline section it was opened from) and
 * reads it back when opened again. createReport's `draftKey` removes the draft with the report's
 * own write, so a sent report never comes back as a draft.
 */

/** Saves (or replaces) the draft under `key`. `value` must be structured-cloneable. */
export async function saveDraft(db: AppDB, key: string, value: unknown, now: () => number = Date.now): Promise<void> {
  await db.transaction('rw', db.reportDrafts, async () => {
    await db.reportDrafts.put({ key, value, savedAt: now() });
    const excess = (await db.reportDrafts.count()) - MAX_DRAFTS;
    if (excess > 0)
      await db.reportDrafts.bulkDelete(await db.reportDrafts.orderBy('savedAt').limit(excess).primaryKeys());
  });
}

/** The draft saved under `key`, if any. */
export async function loadDraft(db: AppDB, key: string): Promise<ReportDraft | undefined> {
  return db.reportDrafts.get(key);
}

/** Throws away the draft under `key` (the form's Discard). */
export async function discardDraft(db: AppDB, key: string): Promise<void> {
  await db.reportDrafts.delete(key);
}
