import { eq, inArray, sql } from 'drizzle-orm';
import type { InboxBulkRequest, InboxReport } from '../contract';
import type { Database } from './db/client';
import { gapReportHistory, gapReports, users } from './db/schema';
import { followSurvivors, nextRevision } from './gap-report-follow';
import { lockGapReports } from './gap-report-lock';
import { reportColumns } from './gap-report-store';
import { toInboxReports } from './inbox-records';

/** Outcome of a bulk change: every named report as it now is, or why nothing was written. */
export type BulkResult =
  | { ok: true; updated: number; reports: InboxReport[] }
  | { ok: false; reason: 'not_found'; ids: string[] }
  | { ok: false; reason: 'unknown_assignee' }
  | { ok: false; reason: 'merged'; ids: string[] };

/**
 * `POST /v1/gap-reports/bulk`: one status and/or assignee for many reports as `actor`, all or
 * nothing in one transaction. Each report that changes gets one history row per change and a new
 * revision (its reporter pulls it); reports merged into a changed one follow its status.
 */
export async function bulkChange(db: Database, request: InboxBulkRequest, actor: string): Promise<BulkResult> {
  const { ids, status, assignee } = request;
  return db.transaction(async (tx) => {
    await lockGapReports(tx);
    const rows = await tx.select(reportColumns).from(gapReports).where(inArray(gapReports.id, ids));
    const found = new Set(rows.map((row) => row.id));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) return { ok: false, reason: 'not_found', ids: missing };
    if (assignee) {
      const [known] = await tx.select({ id: users.id }).from(users).where(eq(users.id, assignee));
      if (!known) return { ok: false, reason: 'unknown_assignee' };
    }
    const statusChanges = status === undefined ? [] : rows.filter((row) => row.status !== status);
    // A merged report follows its survivor's status; changing it alone would break that.
    const merged = statusChanges.filter((row) => row.duplicateOf !== null).map((row) => row.id);
    if (merged.length > 0) return { ok: false, reason: 'merged', ids: merged };
    const assigneeChanges = assignee === undefined ? [] : rows.filter((row) => row.assignee !== assignee);

    const history = [
      ...statusChanges.map((row) => ({ reportId: row.id, action: 'status', fromValue: row.status, toValue: status! })),
      ...assigneeChanges.map((row) => ({
        reportId: row.id,
        action: 'assignee',
        fromValue: row.assignee,
        toValue: assignee!,
      })),
    ];
    const changed = [...new Set(history.map((entry) => entry.reportId))];
    if (changed.length > 0) {
      // Setting a value a report already has changes nothing, so one UPDATE serves both kinds of change.
      await tx
        .update(gapReports)
        .set({
          ...(status === undefined ? {} : { status }),
          ...(assignee === undefined ? {} : { assignee }),
          revision: nextRevision,
          updatedAt: sql`now()`,
        })
        .where(inArray(gapReports.id, changed));
      await tx.insert(gapReportHistory).values(history.map((entry) => ({ ...entry, actor })));
      await followSurvivors(
        tx,
        statusChanges.map((row) => row.id),
        actor,
      );
    }
    const after = await tx.select(reportColumns).from(gapReports).where(inArray(gapReports.id, ids));
    const byId = new Map(after.map((row) => [row.id, row]));
    return {
      ok: true,
      updated: changed.length,
      reports: await toInboxReports(
        tx,
        ids.map((id) => byId.get(id)!),
      ),
    };
  });
}
