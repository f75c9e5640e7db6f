import { inArray } from 'drizzle-orm';
import type { SyncPushResult } from '../contract';
import type { Database } from './db/client';
import { gapReports, gapReportScreenshots } from './db/schema';
import { checkReport, type CheckedReport } from './gap-report-check';
import { lockGapReports } from './gap-report-lock';
import { inboxColumnsFor } from './inbox-columns';

/**
 * Stores a batch of pushed reports for `reporter` in one transaction and answers one result per
 * report, in order. Each id is stored once: `INSERT … ON CONFLICT (id) DO NOTHING` and a read-back
 * decide, never a check before the insert, so two API processes pushing the same id store one row.
 */
export async function pushGapReports(db: Database, reporter: string, raws: unknown[]): Promise<SyncPushResult[]> {
  const checks = raws.map((raw, index) => checkReport(raw, index));
  const valid = checks.flatMap((check, index) => (check.ok ? [{ index, ...check.checked }] : []));
  const stored = valid.length > 0 ? await storeChecked(db, reporter, valid) : new Map<string, StoredRow>();

  // The first report of an id this request created is `created`; any later one in the batch is compared.
  const claimed = new Set<string>();
  return checks.map((check, index): SyncPushResult => {
    if (!check.ok) return check.result;
    const { report, digest } = check.checked;
    const row = stored.get(report.id)!;
    if (row.createdNow && !claimed.has(report.id)) {
      claimed.add(report.id);
      return { index, id: report.id, outcome: 'created', revision: row.revision };
    }
    if (row.reporter === reporter && row.digest === digest) {
      return { index, id: report.id, outcome: 'duplicate', revision: row.revision };
    }
    // Someone else's id, or this id with other content: never overwritten, never counted as success.
    const message = `report ${report.id} is already stored with other content; send new content under a new id`;
    return { index, id: report.id, outcome: 'rejected', code: 'id_conflict', message };
  });
}

interface StoredRow {
  reporter: string;
  digest: string;
  revision: number;
  /** Inserted by this request. */
  createdNow: boolean;
}

async function storeChecked(
  db: Database,
  reporter: string,
  valid: (CheckedReport & { index: number })[],
): Promise<Map<string, StoredRow>> {
  // A batch may repeat an id: the first copy is stored, later copies are compared with it.
  const firsts = valid.filter((v, i) => valid.findIndex((other) => other.report.id === v.report.id) === i);
  return db.transaction(async (tx) => {
    await lockGapReports(tx);
    const columns = await inboxColumnsFor(
      tx,
      reporter,
      firsts.map((v) => v.context),
    );
    const created = await tx
      .insert(gapReports)
      .values(
        firsts.map(({ report, context, screenshot, digest }, i) => ({
          ...columns[i]!,
          id: report.id,
          reporter,
          type: report.type,
          severity: report.severity,
          note: report.note,
          context,
          hasScreenshot: screenshot !== null,
          digest,
          clientCreatedAt: new Date(report.createdAt),
        })),
      )
      .onConflictDoNothing({ target: gapReports.id })
      .returning({ id: gapReports.id, revision: gapReports.revision });
    const createdIds = new Set(created.map((row) => row.id));

    const shots = firsts.filter((v) => v.screenshot && createdIds.has(v.report.id));
    if (shots.length > 0) {
      await tx.insert(gapReportScreenshots).values(
        shots.map(({ report, screenshot }) => ({
          reportId: report.id,
          mime: screenshot!.mime,
          bytes: screenshot!.bytes,
          width: screenshot!.width,
          height: screenshot!.height,
        })),
      );
    }

    const rows = await tx
      .select({
        id: gapReports.id,
        reporter: gapReports.reporter,
        digest: gapReports.digest,
        revision: gapReports.revision,
      })
      .from(gapReports)
      .where(
        inArray(
          gapReports.id,
          firsts.map((v) => v.report.id),
        ),
      );
    return new Map(rows.map((row) => [row.id, { ...row, createdNow: createdIds.has(row.id) }]));
  });
}
