import { ApiError, type ApiClient } from '../api/client';
import type { AppDB } from '../db/app-db';
import { pullOwnAnswers, pullSurveys } from '../surveys/survey-sync';
import { nextPushIn } from './pusher';
import { syncReports, type ReportSyncDeps, type ReportSyncSummary } from './report-sync';

/** What one sync run for the user did. */
export interface UserSyncSummary extends ReportSyncSummary {
  /** Why the survey pull did not finish, or null. */
  surveyPullError: string | null;
}

/**
 * One sync run for the signed-in user: the whole outbox pushed (gap reports and survey answers) and
 * the reports' statuses pulled (syncReports), then the surveys and the user's own answers pulled.
 * Like the report pull, the survey pull is skipped when the push stopped on a failure (the API is
 * away or asked to wait), and its failure is reported, not thrown.
 */
export async function syncUser(
  db: AppDB,
  api: ApiClient,
  ownerId: string,
  deps: ReportSyncDeps = {},
): Promise<UserSyncSummary> {
  const now = deps.now ?? Date.now;
  const reports = await syncReports(db, api, ownerId, deps);
  if (reports.stoppedBy) return { ...reports, surveyPullError: null };
  let surveyPullError: string | null = null;
  try {
    await pullSurveys(db, api);
    await pullOwnAnswers(db, api, ownerId);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    surveyPullError = error.message;
  }
  // A pulled answer settles an entry whose push answer was lost: the outbox may have shrunk.
  return { ...reports, surveyPullError, nextPushInMs: await nextPushIn(db, ownerId, now()) };
}
