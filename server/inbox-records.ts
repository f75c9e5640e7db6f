import { count, desc, eq, inArray } from 'drizzle-orm';
import type { InboxReport, Role } from '../contract';
import type { Database } from './db/client';
import { gapReports } from './db/schema';
import { reportColumns, toRecords, type ReportRow } from './gap-report-store';

/** Rows as inbox reports: the reporter's record plus role, queue, policy and how many were merged in. */
export async function toInboxReports(db: Database, rows: ReportRow[]): Promise<InboxReport[]> {
  if (rows.length === 0) return [];
  const [records, merged] = [await toRecords(db, rows), await mergedCounts(db, rows)];
  return records.map((record, i) => {
    const row = rows[i]!;
    return {
      ...record,
      reporter: { ...record.reporter, role: row.reporterRole as Role },
      queue: row.queue,
      policy: row.policy,
      mergedCount: merged.get(row.id) ?? 0,
    };
  });
}

/** One report as an inbox report, or null for an unknown id. */
export async function findInboxReport(db: Database, id: string): Promise<InboxReport | null> {
  const [row] = await db.select(reportColumns).from(gapReports).where(eq(gapReports.id, id));
  return row ? (await toInboxReports(db, [row]))[0]! : null;
}

/** The reports merged into `id`, newest first. */
export async function mergedInto(db: Database, id: string): Promise<InboxReport[]> {
  const rows = await db
    .select(reportColumns)
    .from(gapReports)
    .where(eq(gapReports.duplicateOf, id))
    .orderBy(desc(gapReports.createdAt), desc(gapReports.id));
  return toInboxReports(db, rows);
}

async function mergedCounts(db: Database, rows: ReportRow[]): Promise<Map<string, number>> {
  const counts = await db
    .select({ id: gapReports.duplicateOf, n: count() })
    .from(gapReports)
    .where(
      inArray(
        gapReports.duplicateOf,
        rows.map((row) => row.id),
      ),
    )
    .groupBy(gapReports.duplicateOf);
  return new Map(counts.map((row) => [row.id!, row.n]));
}
