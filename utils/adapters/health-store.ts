import type { AdapterHealthReport } from '../../contract';
import { ApiError, type ApiClient } from '../api/client';
import type { AppDB } from '../db/app-db';

/** Reports kept locally, sent or not: a signed-out browser must not grow the table forever. */
const KEEP = 500;
const BATCH = 100;
let flushing: Promise<number> | null = null;

/** Keeps a page run's health report until it reaches the API, and trims the oldest beyond the cap. */
export async function recordHealth(db: AppDB, report: AdapterHealthReport): Promise<void> {
  await db.transaction('rw', db.healthReports, async () => {
    await db.healthReports.add({ report, adapterId: report.adapterId, pageUrl: report.pageUrl, sent: 0 });
    const excess = (await db.healthReports.count()) - KEEP;
    if (excess > 0)
      await db.healthReports.bulkDelete(await db.healthReports.orderBy('seq').limit(excess).primaryKeys());
  });
}

/**
 * Sends unsent reports in batches and marks them sent. One flush at a time:
 * two callers at once would read and upload the same rows twice.
 */
export function flushHealth(db: AppDB, api: ApiClient): Promise<number> {
  flushing ??= flushOnce(db, api).finally(() => (flushing = null));
  return flushing;
}

async function flushOnce(db: AppDB, api: ApiClient): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await db.healthReports.where('sent').equals(0).limit(BATCH).toArray();
    if (batch.length === 0) break;
    try {
      await api.reportHealth(batch.map((row) => row.report));
    } catch (error) {
      // The API refused these reports for what they are: mark them done rather than block the queue.
      const refused =
        error instanceof ApiError && error.status >= 400 && error.status < 500 && ![401, 429].includes(error.status);
      if (!refused) throw error;
      console.warn('[QA Lens] the API refused adapter health reports', error.message);
    }
    await db.healthReports.bulkUpdate(batch.map((row) => ({ key: row.seq!, changes: { sent: 1 as const } })));
    sent += batch.length;
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
