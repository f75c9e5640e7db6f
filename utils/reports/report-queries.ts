import Dexie from 'dexie';
import type { AppDB, StoredGapReport } from '../db/app-db';

/*
 * Reads for "My reports" in the panel and popup. Extension pages call them inside Dexie's
 * liveQuery, so a pull or a push shows up without a message.
 */

/**
 * One user's newest `limit` reports, newest first; never another user's signed in on the same
 * browser. Bounded: a live query re-runs on every push a sync settles, and reading 10,000 reports
 * each time starved the very sync it was watching.
 */
export function reportsOf(db: AppDB, ownerId: string, limit = Infinity): Promise<StoredGapReport[]> {
  return ownReports(db, ownerId).reverse().limit(limit).toArray();
}

/** How many reports a user has on this device. */
export function reportCount(db: AppDB, ownerId: string): Promise<number> {
  return ownReports(db, ownerId).count();
}

function ownReports(db: AppDB, ownerId: string) {
  return db.gapReports.where('[ownerId+createdAt]').between([ownerId, Dexie.minKey], [ownerId, Dexie.maxKey]);
}

/** One report, when it is this user's. */
export async function reportOf(db: AppDB, ownerId: string, id: string): Promise<StoredGapReport | undefined> {
  const report = await db.gapReports.get(id);
  return report?.ownerId === ownerId ? report : undefined;
}

/** How many of a user's reports have not reached the API yet (the "waiting to send" count). */
export function pendingCount(db: AppDB, ownerId: string): Promise<number> {
  return db.gapReports.where('[ownerId+localState]').equals([ownerId, 'pending']).count();
}

/** A report's redacted screenshot as an image Blob (for an object URL), when it has one on this device. */
export async function screenshotOf(db: AppDB, reportId: string): Promise<Blob | undefined> {
  const shot = await db.reportScreenshots.get(reportId);
  return shot ? new Blob([shot.bytes], { type: shot.mime }) : undefined;
}
