import { GAP_SYNC_PAGE_MAX, GapReportRecord, zodSummary, type GapComment, type GapReportStatus } from '../../contract';
import type { ApiClient } from '../api/client';
import type { AppDB, StoredGapReport } from '../db/app-db';

/** A report whose status changed or that got a comment from someone else, as one pull found it. */
export interface ReportChange {
  report: StoredGapReport;
  /** The status before this pull when this pull changed it; null when the change is comments only. */
  previousStatus: GapReportStatus | null;
  /** Comments by others (analysts) that this device had not seen. */
  newComments: GapComment[];
}

const cursorKey = (ownerId: string) => `gapReportsCursor:${ownerId}`;

/**
 * Pulls the owner's reports changed since the saved cursor, page by page. Each page's rows and the
 * cursor after it are written in one transaction, so a service worker stopped between pages
 * resumes after the last page stored, and a page is never half applied. The cursor is the server's
 * revision, never this device's clock. Returns the status changes and new comments it found.
 */
export async function pullReports(
  db: AppDB,
  api: ApiClient,
  ownerId: string,
  { pageSize = GAP_SYNC_PAGE_MAX }: { pageSize?: number } = {},
): Promise<ReportChange[]> {
  const changes: ReportChange[] = [];
  let cursor = ((await db.meta.get(cursorKey(ownerId)))?.value as string | undefined) ?? null;
  for (;;) {
    const page = await api.gapReports(cursor, pageSize);
    await db.transaction('rw', db.gapReports, db.outbox, db.meta, async () => {
      for (const raw of page.reports) {
        const parsed = GapReportRecord.safeParse(raw);
        if (!parsed.success) {
          console.warn(`[QA Lens] skipped a malformed gap report: ${zodSummary(parsed.error, 3)}`);
          continue;
        }
        // The API answers with the caller's own reports only; anything else is not this user's to keep.
        if (parsed.data.reporter.id !== ownerId) continue;
        const change = await merge(db, ownerId, parsed.data);
        if (change) changes.push(change);
      }
      await db.meta.put({ key: cursorKey(ownerId), value: page.nextCursor });
    });
    if (!page.hasMore || page.nextCursor === cursor) break;
    cursor = page.nextCursor;
  }
  return changes;
}

/** Stores what the server says of one report; returns the change worth telling the reporter about. */
async function merge(db: AppDB, ownerId: string, record: GapReportRecord): Promise<ReportChange | null> {
  const existing = await db.gapReports.get(record.id);
  const merged: StoredGapReport = {
    ...(existing ?? {
      id: record.id,
      ownerId,
      type: record.type,
      severity: record.severity,
      note: record.note,
      context: record.context,
      hasScreenshot: record.hasScreenshot,
      createdAt: record.createdAt,
    }),
    // The server holds it: whatever this device thought, it has arrived.
    localState: 'sent',
    rejection: null,
    revision: Math.max(existing?.revision ?? 0, record.revision),
    status: record.status,
    assignee: record.assignee,
    duplicateOf: record.duplicateOf,
    comments: record.comments,
    updatedAt: record.updatedAt,
  };
  await db.gapReports.put(merged);
  // A push whose answer was lost: the pull is the answer, no need to push it again.
  await db.outbox.delete(['gapReports', record.id]);
  // A report first seen in this pull (another device, or a reinstall) is news to nobody.
  if (!existing) return null;
  const seen = new Set(existing.comments.map((comment) => comment.id));
  const newComments = record.comments.filter((c) => !seen.has(c.id) && c.author.id !== ownerId);
  // Every report starts "new": one pushed here but never pulled yet has no status on this device.
  const before = existing.status ?? 'new';
  const statusChanged = before !== record.status;
  if (!statusChanged && newComments.length === 0) return null;
  return { report: merged, previousStatus: statusChanged ? before : null, newComments };
}
