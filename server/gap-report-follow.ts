import { inArray, sql } from 'drizzle-orm';
import type { Database } from './db/client';
import { gapReportHistory, gapReports } from './db/schema';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** The next gap-report revision: every write takes one, so reporters pull it. */
export const nextRevision = sql`nextval('gap_report_revision_seq')`;

/*
 * A report merged into another follows the survivor (issue 10): its reporter sees the survivor's
 * status and comments. The status is copied onto the merged rows when it changes (so inbox filters
 * and the reporter's record agree without a join), the comments are read across at pull time
 * (gap-report-store's toRecords), and every change of the survivor gives its merged reports a new
 * revision, so their reporters' extensions pull it and notify them.
 */

/**
 * After the reports `survivorIds` changed status or got a comment (inside the writing transaction,
 * under the gap-report lock): the reports merged into them take their status and a new revision;
 * a status that changed this way is a history row of the merged report, by `actor`.
 */
export async function followSurvivors(tx: Transaction, survivorIds: readonly string[], actor: string): Promise<void> {
  if (survivorIds.length === 0) return;
  const children = await tx
    .select({ id: gapReports.id, status: gapReports.status, duplicateOf: gapReports.duplicateOf })
    .from(gapReports)
    .where(inArray(gapReports.duplicateOf, [...survivorIds]));
  if (children.length === 0) return;
  const survivors = await tx
    .select({ id: gapReports.id, status: gapReports.status })
    .from(gapReports)
    .where(inArray(gapReports.id, [...new Set(children.map((child) => child.duplicateOf!))]));
  const statusOf = new Map(survivors.map((survivor) => [survivor.id, survivor.status]));

  // One update per status (there are five), not one per merged report.
  const byStatus = new Map<string, string[]>();
  for (const child of children) {
    const status = statusOf.get(child.duplicateOf!)!;
    byStatus.set(status, [...(byStatus.get(status) ?? []), child.id]);
  }
  for (const [status, ids] of byStatus) {
    await tx
      .update(gapReports)
      .set({ status, revision: nextRevision, updatedAt: sql`now()` })
      .where(inArray(gapReports.id, ids));
  }
  const changed = children.filter((child) => child.status !== statusOf.get(child.duplicateOf!));
  if (changed.length > 0) {
    await tx.insert(gapReportHistory).values(
      changed.map((child) => ({
        reportId: child.id,
        actor,
        action: 'status',
        fromValue: child.status,
        toValue: statusOf.get(child.duplicateOf!)!,
      })),
    );
  }
}
