import { and, asc, desc, gte, sql } from 'drizzle-orm';
import type { AdapterHealthReport, AdapterHealthSummary, ItemField } from '../contract';
import type { Database } from './db/client';
import { adapterHealthReports as reports } from './db/schema';

// The contract's isBroken, in SQL, so counting never loads the reports.
const broken = sql`(${reports.itemsFound} = 0 or ${reports.itemsMissingRequired} > 0
  or cardinality(${reports.selectorsNeverMatched}) > 0
  or ${reports.badgesZeroSize} + ${reports.badgesClipped} + ${reports.badgesCovered} > 0)`;

/** Stores one page load's reports as `reporter` sent them at server time `at`; answers how many were stored. */
export async function storeHealthReports(
  db: Database,
  batch: AdapterHealthReport[],
  reporter: string,
  at: Date,
): Promise<number> {
  const rows = batch.map((report) => ({
    adapterId: report.adapterId,
    adapterVersion: report.adapterVersion,
    site: report.site,
    pageUrl: report.pageUrl,
    itemsFound: report.itemsFound,
    itemsMissingRequired: report.itemsMissingRequired,
    missingFields: report.missingFields,
    selectorsNeverMatched: report.selectorsNeverMatched,
    badgesChecked: report.badgesChecked,
    badgesZeroSize: report.badgesHidden.zeroSize,
    badgesClipped: report.badgesHidden.clipped,
    badgesCovered: report.badgesHidden.covered,
    reportedBy: reporter,
    reportedAt: at,
    pageAt: new Date(report.at),
  }));
  const stored = await db.insert(reports).values(rows).returning({ id: reports.id });
  return stored.length;
}

/** Per adapter reported since `since`: counts, newest times and the newest broken report; broken adapters first. */
export async function adapterHealth(db: Database, since: Date): Promise<AdapterHealthSummary[]> {
  const inWindow = gte(reports.reportedAt, since);
  const brokenReports = sql<number>`(count(*) filter (where ${broken}))::int`;
  const summaries = await db
    .select({
      adapterId: reports.adapterId,
      reports: sql<number>`count(*)::int`,
      brokenReports,
      lastReportAt: sql<Date>`max(${reports.reportedAt})`.mapWith(reports.reportedAt),
      lastBrokenAt: sql<Date | null>`max(${reports.reportedAt}) filter (where ${broken})`.mapWith(reports.reportedAt),
    })
    .from(reports)
    .where(inWindow)
    .groupBy(reports.adapterId)
    .orderBy(desc(brokenReports), asc(reports.adapterId));

  // The newest broken report per adapter, id breaking ties between reports of one request.
  const newestBroken = await db
    .selectDistinctOn([reports.adapterId])
    .from(reports)
    .where(and(inWindow, broken))
    .orderBy(asc(reports.adapterId), desc(reports.reportedAt), desc(reports.id));
  const lastBroken = new Map(newestBroken.map((row) => [row.adapterId, toReport(row)]));

  return summaries.map((summary) => ({
    adapterId: summary.adapterId,
    reports: summary.reports,
    brokenReports: summary.brokenReports,
    lastReportAt: summary.lastReportAt.toISOString(),
    lastBrokenAt: summary.lastBrokenAt?.toISOString() ?? null,
    lastBroken: lastBroken.get(summary.adapterId) ?? null,
  }));
}

function toReport(row: typeof reports.$inferSelect): AdapterHealthReport {
  return {
    adapterId: row.adapterId,
    adapterVersion: row.adapterVersion,
    site: row.site,
    pageUrl: row.pageUrl,
    itemsFound: row.itemsFound,
    itemsMissingRequired: row.itemsMissingRequired,
    missingFields: row.missingFields,
    selectorsNeverMatched: row.selectorsNeverMatched as ItemField[],
    badgesChecked: row.badgesChecked,
    badgesHidden: { zeroSize: row.badgesZeroSize, clipped: row.badgesClipped, covered: row.badgesCovered },
    at: row.pageAt.toISOString(),
  };
}
