import { v7 } from 'uuid';
import type { AppDB, StoredGapReport } from '../db/app-db';
import { authState } from '../settings';
import { strictConnection } from '../sync/strict-db';
import { requestSync } from '../sync/sync-trigger';
import { checkReport, ReportRefused, type NewGapReport } from './report-input';
import { base64ToBytes } from './screenshot-bytes';

export interface CreateReportOptions {
  /** The user it is written as; the signed-in user when left out. */
  ownerId?: string;
  /** The draft this report was written in: removed in the same transaction. */
  draftKey?: string;
  /** Seams for tests. */
  now?: () => number;
  newId?: () => string;
  /** Asks for a sync once written; the background's scheduler (or a message to it) when left out. */
  kick?: () => void;
}

/**
 * Saves a new SOP gap report and its outbox entry in one strict-durability transaction, then asks
 * for a sync. Never waits on the network: the report is safe on disk when this resolves, and the
 * outbox delivers it exactly once whenever the API can be reached.
 * Throws ReportRefused, naming each bad field, when the contract would refuse the report (nothing
 * is written then), and when nobody is signed in.
 */
export async function createReport(
  db: AppDB,
  input: NewGapReport,
  { ownerId, draftKey, now = Date.now, newId = v7, kick = requestSync }: CreateReportOptions = {},
): Promise<StoredGapReport> {
  const owner = ownerId ?? (await authState.getValue())?.user.id;
  if (!owner) throw new ReportRefused([{ path: '(session)', message: 'sign in to QA Lens to send a report' }]);
  const report = checkReport(input, newId(), new Date(now()).toISOString());
  const { screenshot, ...fields } = report;
  const stored: StoredGapReport = {
    ...fields,
    ownerId: owner,
    hasScreenshot: Boolean(screenshot),
    localState: 'pending',
    rejection: null,
    revision: 0,
    status: null,
    assignee: null,
    duplicateOf: null,
    comments: [],
    updatedAt: null,
  };
  const strict = strictConnection(db);
  await strict.transaction(
    'rw',
    [strict.gapReports, strict.outbox, strict.reportScreenshots, strict.reportDrafts],
    async () => {
      await strict.gapReports.add(stored);
      await strict.outbox.add({
        collection: 'gapReports',
        id: stored.id,
        ownerId: owner,
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
      });
      if (screenshot) {
        const { data, ...shape } = screenshot;
        await strict.reportScreenshots.add({ reportId: stored.id, ...shape, bytes: base64ToBytes(data).buffer });
      }
      if (draftKey !== undefined) await strict.reportDrafts.delete(draftKey);
    },
  );
  kick();
  return stored;
}
