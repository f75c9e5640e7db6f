import { eq, inArray, sql } from 'drizzle-orm';
import type { MergeResponse } from '../contract';
import type { Database } from './db/client';
import { gapReportHistory, gapReports } from './db/schema';
import { nextRevision } from './gap-report-follow';
import { lockGapReports } from './gap-report-lock';
import { reportColumns } from './gap-report-store';
import { findInboxReport, mergedInto } from './inbox-records';

/** Outcome of a merge: the survivor and everything merged into it, or why nothing was written. */
export type MergeResult =
  | ({ ok: true } & MergeResponse)
  | { ok: false; reason: 'not_found'; ids: string[] }
  | { ok: false; reason: 'survivor_merged'; survivor: string };

/**
 * `POST /v1/gap-reports/{id}/merge`: folds `duplicates` into `survivorId` as `actor`. There are
 * no chains: a survivor that is itself merged is refused, and reports already merged into a
 * duplicate move to the survivor with it. Each merged report takes the survivor's status and a
 * new revision (its reporter now follows the survivor); both sides get history rows. A duplicate
 * already merged into this survivor is left as it is, so a retried merge writes nothing.
 */
export async function mergeReports(
  db: Database,
  survivorId: string,
  duplicates: readonly string[],
  actor: string,
): Promise<MergeResult> {
  return db.transaction(async (tx) => {
    await lockGapReports(tx);
    const [survivor] = await tx.select(reportColumns).from(gapReports).where(eq(gapReports.id, survivorId));
    if (!survivor) return { ok: false, reason: 'not_found', ids: [survivorId] };
    if (survivor.duplicateOf) return { ok: false, reason: 'survivor_merged', survivor: survivor.duplicateOf };
    const named = await tx
      .select(reportColumns)
      .from(gapReports)
      .where(inArray(gapReports.id, [...duplicates]));
    const found = new Set(named.map((row) => row.id));
    const missing = duplicates.filter((id) => !found.has(id));
    if (missing.length > 0) return { ok: false, reason: 'not_found', ids: missing };

    // In request order, so the survivor's history lists them as the analyst named them.
    const moving = named
      .filter((row) => row.duplicateOf !== survivorId)
      .sort((a, b) => duplicates.indexOf(a.id) - duplicates.indexOf(b.id));
    // Reports already merged into a duplicate follow it to the survivor.
    const followers =
      moving.length === 0
        ? []
        : await tx
            .select(reportColumns)
            .from(gapReports)
            .where(
              inArray(
                gapReports.duplicateOf,
                moving.map((row) => row.id),
              ),
            );
    const all = [...moving, ...followers.filter((row) => !found.has(row.id))];
    if (all.length > 0) {
      await tx
        .update(gapReports)
        .set({ duplicateOf: survivorId, status: survivor.status, revision: nextRevision, updatedAt: sql`now()` })
        .where(
          inArray(
            gapReports.id,
            all.map((row) => row.id),
          ),
        );
      await tx
        .insert(gapReportHistory)
        .values([
          ...all.flatMap((row) => [
            { reportId: row.id, actor, action: 'duplicate_of', fromValue: row.duplicateOf, toValue: survivorId },
            ...(row.status === survivor.status
              ? []
              : [{ reportId: row.id, actor, action: 'status', fromValue: row.status, toValue: survivor.status }]),
          ]),
          ...all.map((row) => ({ reportId: survivorId, actor, action: 'merged', fromValue: null, toValue: row.id })),
        ]);
    }
    return { ok: true, report: (await findInboxReport(tx, survivorId))!, merged: await mergedInto(tx, survivorId) };
  });
}
