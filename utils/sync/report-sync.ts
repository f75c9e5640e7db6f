import { ApiError, type ApiClient } from '../api/client';
import type { AppDB } from '../db/app-db';
import { pullReports, type ReportChange } from './puller';
import { nextPushIn, pushOutbox, type PushDeps, type PushSummary } from './pusher';
import { announceChanges } from './status-changes';

export interface ReportSyncDeps extends PushDeps {
  /** Reports per pull page. */
  pageSize?: number;
}

/** What one report sync run did, for the scheduler and the "Sync now" button. */
export interface ReportSyncSummary extends PushSummary {
  /** Reports whose status changed or that got an analyst's comment (also told to onStatusChanged). */
  changes: ReportChange[];
  /** Why the pull did not finish (the API unreachable, 5xx, …), or null. */
  pullError: string | null;
  /** Milliseconds until the outbox should be pushed again (0: now); null when it is empty. */
  nextPushInMs: number | null;
}

/**
 * One sync run for one user: push their outbox, then pull their reports' statuses and comments.
 * The pull is skipped when the push stopped on a failure (the API is away or asked to wait), and a
 * pull that fails is reported, not thrown, so the caller still learns when to push again.
 */
export async function syncReports(
  db: AppDB,
  api: ApiClient,
  ownerId: string,
  deps: ReportSyncDeps = {},
): Promise<ReportSyncSummary> {
  const now = deps.now ?? Date.now;
  const push = await pushOutbox(db, api, ownerId, deps);
  let changes: ReportChange[] = [];
  let pullError: string | null = null;
  if (!push.stoppedBy) {
    try {
      changes = await pullReports(db, api, ownerId, deps);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      pullError = error.message;
    }
  }
  announceChanges(changes);
  return { ...push, changes, pullError, nextPushInMs: await nextPushIn(db, ownerId, now()) };
}
