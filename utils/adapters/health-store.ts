import type { AdapterHealthReport } from '../../contract';
import type { ApiClient } from '../api/client';
import type { AppDB } from '../db/app-db';

/** Reports kept locally for the popup; older ones are dropped once sent. */
const KEEP = 500;
const BATCH = 100;

/** Keeps a page run's health report until it reaches the API. */
export async function recordHealth(db: AppDB, report: AdapterHealthReport): Promise<void> {
  await db.healthReports.add({ report, adapterId: report.adapterId, pageUrl: report.pageUrl, sent: 0 });
}

/** Sends unsent reports in batches, marks them sent, and trims the local history. */
export async function flushHealth(db: AppDB, api: ApiClient): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await db.healthReports.where('sent').equals(0).limit(BATCH).toArray();
    if (batch.length === 0) break;
    await api.reportHealth(batch.map((row) => row.report));
    await db.healthReports.bulkUpdate(batch.map((row) => ({ key: row.seq!, changes: { sent: 1 as const } })));
    sent += batch.length;
  }
  const excess = (await db.healthReports.count()) - KEEP;
  if (excess > 0) {
    const oldest = await db.healthReports.where('sent').equals(1).limit(excess).primaryKeys();
    await db.healthReports.bulkDelete(oldest);
  }
  return sent;
}

/** The newest report per adapter for one page (origin and path), for the popup. */
export async function healthForPage(db: AppDB, pageUrl: string): Promise<AdapterHealthReport[]> {
  const rows = await db.healthReports.where('pageUrl').equals(pageUrl).reverse().sortBy('seq');
  const newest = new Map<string, AdapterHealthReport>();
  for (const row of rows) if (!newest.has(row.adapterId)) newest.set(row.adapterId, row.report);
  return [...newest.values()];
}
