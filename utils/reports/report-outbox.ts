import { SYNC_PUSH_MAX, type GapReportInput } from '../../contract';
import type { ReportRejection, StoredGapReport, StoredScreenshot } from '../db/app-db';
import type { OutboxCollection } from '../sync/outbox-collection';
import { bytesToBase64 } from './screenshot-bytes';

/** About the most one push of reports carries, so each request stays short enough for a service worker's life. */
export const REPORT_PUSH_MAX_BYTES = 4 * 1024 * 1024;

/** Gap reports in the outbox: pushed to `POST /v1/sync/push`, each learning the revision the API gave it. */
export const reportOutbox: OutboxCollection<StoredGapReport, GapReportInput> = {
  name: 'gapReports',
  noun: 'report',
  maxRecords: SYNC_PUSH_MAX,
  maxBytes: REPORT_PUSH_MAX_BYTES,
  revisions: true,
  table: (db) => db.gapReports,
  async pushInput(db, report) {
    const shot = report.hasScreenshot ? await db.reportScreenshots.get(report.id) : undefined;
    return reportPushInput(report, shot);
  },
  push: async (api, reports) => (await api.pushReports({ reports })).results,
  // A pull may already have brought a later revision: never go back.
  sent: (report, revision) => ({
    ...report,
    localState: 'sent',
    rejection: null,
    revision: Math.max(report.revision, revision ?? 0),
  }),
  // The code comes from the push route's own answer, checked against SyncPushResponse.
  rejected: (report, rejection) => ({ ...report, localState: 'rejected', rejection: rejection as ReportRejection }),
};

/** A stored report as the contract's push input: the same content on every try, as the API requires. */
export function reportPushInput(stored: StoredGapReport, shot: StoredScreenshot | undefined): GapReportInput {
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
