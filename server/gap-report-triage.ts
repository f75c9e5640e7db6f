import { eq, sql } from 'drizzle-orm';
import type { GapCommentInput, GapReportPatch, GapReportRecord } from '../contract';
import type { Database } from './db/client';
import { gapReportComments, gapReportHistory, gapReports, users } from './db/schema';
import { followSurvivors, nextRevision } from './gap-report-follow';
import { lockGapReports } from './gap-report-lock';
import { reportColumns, toRecords } from './gap-report-store';

/** Outcome of a triage write: the report as it now is, or why nothing was written. */
export type TriageResult =
  | { ok: true; record: GapReportRecord; changed: boolean }
  | { ok: false; reason: 'not_found' | 'unknown_assignee' | 'comment_conflict' }
  /** A merged report follows its survivor's status: change the survivor's instead. */
  | { ok: false; reason: 'merged'; survivor: string };

/**
 * Changes a report's status and/or assignee as `actor`, one history row per change, and a new
 * revision so the reporter's next pull brings it. A patch that changes nothing (a retry) writes nothing.
 * A new status reaches the reports merged into this one too.
 */
export async function patchGapReport(
  db: Database,
  id: string,
  patch: GapReportPatch,
  actor: string,
): Promise<TriageResult> {
  return db.transaction(async (tx) => {
    await lockGapReports(tx);
    const [row] = await tx.select(reportColumns).from(gapReports).where(eq(gapReports.id, id));
    if (!row) return { ok: false, reason: 'not_found' };
    if (patch.status !== undefined && patch.status !== row.status && row.duplicateOf) {
      return { ok: false, reason: 'merged', survivor: row.duplicateOf };
    }
    if (patch.assignee) {
      const [known] = await tx.select({ id: users.id }).from(users).where(eq(users.id, patch.assignee));
      if (!known) return { ok: false, reason: 'unknown_assignee' };
    }
    const changes: { action: 'status' | 'assignee'; from: string | null; to: string | null }[] = [];
    if (patch.status !== undefined && patch.status !== row.status) {
      changes.push({ action: 'status', from: row.status, to: patch.status });
    }
    if (patch.assignee !== undefined && patch.assignee !== row.assignee) {
      changes.push({ action: 'assignee', from: row.assignee, to: patch.assignee });
    }
    if (changes.length === 0) return { ok: true, record: (await toRecords(tx, [row]))[0]!, changed: false };

    const [updated] = await tx
      .update(gapReports)
      .set({
        ...(patch.status === undefined ? {} : { status: patch.status }),
        ...(patch.assignee === undefined ? {} : { assignee: patch.assignee }),
        revision: nextRevision,
        updatedAt: sql`now()`,
      })
      .where(eq(gapReports.id, id))
      .returning(reportColumns);
    await tx
      .insert(gapReportHistory)
      .values(changes.map((change) => ({ reportId: id, actor, action: change.action, ...values(change) })));
    if (changes.some((change) => change.action === 'status')) await followSurvivors(tx, [id], actor);
    return { ok: true, record: (await toRecords(tx, [updated!]))[0]!, changed: true };
  });
}

/**
 * Adds a comment as `actor`. The comment's id is the client's: a retry with the same id and body is
 * answered with the report as it is (changed: false); the same id with anything else is a conflict.
 * Reports merged into this one get a new revision: their reporters see the comment too.
 */
export async function addGapComment(
  db: Database,
  reportId: string,
  comment: GapCommentInput,
  actor: string,
): Promise<TriageResult> {
  return db.transaction(async (tx) => {
    await lockGapReports(tx);
    const [row] = await tx.select(reportColumns).from(gapReports).where(eq(gapReports.id, reportId));
    if (!row) return { ok: false, reason: 'not_found' };
    const inserted = await tx
      .insert(gapReportComments)
      .values({ id: comment.id, reportId, author: actor, body: comment.body })
      .onConflictDoNothing({ target: gapReportComments.id })
      .returning({ id: gapReportComments.id });
    if (inserted.length === 0) {
      const [existing] = await tx.select().from(gapReportComments).where(eq(gapReportComments.id, comment.id));
      const same = existing?.reportId === reportId && existing.author === actor && existing.body === comment.body;
      if (!same) return { ok: false, reason: 'comment_conflict' };
      return { ok: true, record: (await toRecords(tx, [row]))[0]!, changed: false };
    }
    const [updated] = await tx
      .update(gapReports)
      .set({ revision: nextRevision, updatedAt: sql`now()` })
      .where(eq(gapReports.id, reportId))
      .returning(reportColumns);
    await tx
      .insert(gapReportHistory)
      .values({ reportId, actor, action: 'comment', fromValue: null, toValue: comment.id });
    await followSurvivors(tx, [reportId], actor);
    return { ok: true, record: (await toRecords(tx, [updated!]))[0]!, changed: true };
  });
}

function values(change: { from: string | null; to: string | null }) {
  return { fromValue: change.from, toValue: change.to };
}
