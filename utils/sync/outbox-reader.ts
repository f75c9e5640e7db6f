import { SYNC_PUSH_MAX, type GapReportInput } from '../../contract';
import type { AppDB, OutboxEntry, StoredGapReport, StoredScreenshot } from '../db/app-db';
import { bytesToBase64 } from '../reports/screenshot-bytes';
import { dueEntries } from './outbox';

/** About the most one push carries, so each request stays short enough for a service worker's life. */
export const PUSH_MAX_BYTES = 4 * 1024 * 1024;

/** One outbox entry with the report it pushes. */
export interface PushItem {
  entry: OutboxEntry;
  report: GapReportInput;
  /** UTF-8 bytes of the report as JSON. */
  bytes: number;
}

export interface BatchLimits {
  maxReports?: number;
  maxBytes?: number;
}

const utf8 = new TextEncoder();

/**
 * The next batch to push for one owner: due entries in outbox order, at most `maxReports` of them
 * and about `maxBytes` of JSON (a report larger than that alone still goes, on its own). An entry
 * whose report is gone is dropped: there is nothing left to deliver.
 */
export async function readBatch(
  db: AppDB,
  ownerId: string,
  now: number,
  { maxReports = SYNC_PUSH_MAX, maxBytes = PUSH_MAX_BYTES }: BatchLimits = {},
): Promise<PushItem[]> {
  const entries = await dueEntries(db, ownerId, now, maxReports);
  const reports = await db.gapReports.bulkGet(entries.map((entry) => entry.id));
  const batch: PushItem[] = [];
  let total = 0;
  for (const [i, entry] of entries.entries()) {
    const stored = reports[i];
    if (!stored) {
      await db.outbox.delete([entry.collection, entry.id]);
      continue;
    }
    // Screenshots are read one at a time, and only for reports that make it into this batch.
    const shot = stored.hasScreenshot ? await db.reportScreenshots.get(stored.id) : undefined;
    const report = pushInput(stored, shot);
    const bytes = utf8.encode(JSON.stringify(report)).byteLength;
    if (batch.length > 0 && total + bytes > maxBytes) break;
    batch.push({ entry, report, bytes });
    total += bytes;
  }
  return batch;
}

/** A stored report as the contract's push input: the same content on every try, as the API requires. */
export function pushInput(stored: StoredGapReport, shot: StoredScreenshot | undefined): GapReportInput {
  return {
    id: stored.id,
    type: stored.type,
    severity: stored.severity,
    note: stored.note,
    context: stored.context,
    screenshot: shot
      ? { mime: shot.mime, width: shot.width, height: shot.height, data: bytesToBase64(new Uint8Array(shot.bytes)) }
      : null,
    createdAt: stored.createdAt,
  };
}
