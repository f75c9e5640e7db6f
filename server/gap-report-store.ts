import { and, asc, eq, getTableColumns, gt, inArray } from 'drizzle-orm';
import type {
  GapComment,
  GapHistoryAction,
  GapHistoryEntry,
  GapPerson,
  GapReportRecord,
  GapReportStatus,
  GapReportSyncResponse,
  GapReportType,
  GapSeverity,
  ScreenshotMime,
} from '../contract';
import type { Database } from './db/client';
import { gapReportComments, gapReportHistory, gapReports, gapReportScreenshots, users } from './db/schema';

/** Every column of a report but the search document, which only the database reads. */
const { search: _search, ...columns } = getTableColumns(gapReports);
export const reportColumns = columns;

/** A report as routes read it. */
export type ReportRow = Omit<typeof gapReports.$inferSelect, 'search'>;

/** The caller's own reports changed after revision `since`, oldest change first, with their comments. */
export async function ownReportsSince(
  db: Database,
  reporter: string,
  since: number,
  limit: number,
): Promise<GapReportSyncResponse> {
  // One extra row tells whether another page exists without a count query.
  const rows = await db
    .select(reportColumns)
    .from(gapReports)
    .where(and(eq(gapReports.reporter, reporter), gt(gapReports.revision, since)))
    .orderBy(asc(gapReports.revision))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    reports: await toRecords(db, page),
    nextCursor: String(page.at(-1)?.revision ?? since),
    hasMore: rows.length > limit,
  };
}

/** One report as a record, or null for an unknown id. */
export async function findGapReport(db: Database, id: string): Promise<GapReportRecord | null> {
  const [row] = await db.select(reportColumns).from(gapReports).where(eq(gapReports.id, id));
  if (!row) return null;
  const [record] = await toRecords(db, [row]);
  return record!;
}

/** Who filed a report, or null for an unknown id: routes decide visibility from it. */
export async function reportOwner(db: Database, id: string): Promise<string | null> {
  const [row] = await db.select({ reporter: gapReports.reporter }).from(gapReports).where(eq(gapReports.id, id));
  return row?.reporter ?? null;
}

/** A report's screenshot bytes, or null when the report has none. */
export async function findScreenshot(
  db: Database,
  id: string,
): Promise<{ mime: ScreenshotMime; bytes: Buffer } | null> {
  const [row] = await db
    .select({ mime: gapReportScreenshots.mime, bytes: gapReportScreenshots.bytes })
    .from(gapReportScreenshots)
    .where(eq(gapReportScreenshots.reportId, id));
  return row ? { mime: row.mime as ScreenshotMime, bytes: row.bytes } : null;
}

/** A report's changes, oldest first (status, assignee, comments, merges). */
export async function gapReportHistoryOf(db: Database, id: string): Promise<GapHistoryEntry[]> {
  const rows = await db
    .select()
    .from(gapReportHistory)
    .where(eq(gapReportHistory.reportId, id))
    .orderBy(asc(gapReportHistory.id));
  const people = await peopleById(
    db,
    rows.map((row) => row.actor),
  );
  return rows.map((row) => ({
    action: row.action as GapHistoryAction,
    actor: people.get(row.actor)!,
    at: row.at.toISOString(),
    from: row.fromValue,
    to: row.toValue,
  }));
}

/** A report's own comments, oldest first. */
export async function gapReportCommentsOf(db: Database, id: string): Promise<GapComment[]> {
  const rows = await db
    .select()
    .from(gapReportComments)
    .where(eq(gapReportComments.reportId, id))
    .orderBy(asc(gapReportComments.at), asc(gapReportComments.id));
  const people = await peopleById(
    db,
    rows.map((row) => row.author),
  );
  return rows.map((row) => ({ id: row.id, author: people.get(row.author)!, body: row.body, at: row.at.toISOString() }));
}

/**
 * Rows as records: comments oldest first, people with their names. A report merged into another
 * carries the survivor's comments beside its own, so its reporter follows the surviving report
 * (its status is kept equal to the survivor's when they change; see gap-report-follow.ts).
 */
export async function toRecords(db: Database, rows: ReportRow[]): Promise<GapReportRecord[]> {
  if (rows.length === 0) return [];
  const survivors = rows.flatMap((row) => (row.duplicateOf ? [row.duplicateOf] : []));
  const comments = await db
    .select()
    .from(gapReportComments)
    .where(inArray(gapReportComments.reportId, [...new Set([...rows.map((row) => row.id), ...survivors])]))
    .orderBy(asc(gapReportComments.at), asc(gapReportComments.id));
  const people = await peopleById(db, [
    ...rows.flatMap((row) => [row.reporter, ...(row.assignee ? [row.assignee] : [])]),
    ...comments.map((comment) => comment.author),
  ]);
  return rows.map((row) => ({
    id: row.id,
    reporter: people.get(row.reporter)!,
    type: row.type as GapReportType,
    severity: row.severity as GapSeverity,
    note: row.note,
    context: row.context,
    hasScreenshot: row.hasScreenshot,
    createdAt: row.clientCreatedAt.toISOString(),
    receivedAt: row.createdAt.toISOString(),
    status: row.status as GapReportStatus,
    assignee: row.assignee ? people.get(row.assignee)! : null,
    duplicateOf: row.duplicateOf,
    revision: row.revision,
    updatedAt: row.updatedAt.toISOString(),
    comments: comments
      .filter((comment) => comment.reportId === row.id || comment.reportId === row.duplicateOf)
      .map((comment) => ({
        id: comment.id,
        author: people.get(comment.author)!,
        body: comment.body,
        at: comment.at.toISOString(),
      })),
  }));
}

/** Names of the people with these ids. */
export async function peopleById(db: Database, ids: string[]): Promise<Map<string, GapPerson>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, unique));
  return new Map(rows.map((row) => [row.id, row]));
}
