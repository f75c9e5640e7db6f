import type { InboxFilters, InboxReport } from '../contract';
import { csvStream, type CsvColumn } from './csv';
import type { Database } from './db/client';
import { everyInboxReport } from './inbox-query';

/** The export's columns: one row per report, its context flattened, comments counted (their text is in the app). */
export const INBOX_CSV_COLUMNS: readonly CsvColumn<InboxReport>[] = [
  { header: 'id', value: (r) => r.id },
  { header: 'received_at', value: (r) => r.receivedAt },
  { header: 'written_at', value: (r) => r.createdAt },
  { header: 'updated_at', value: (r) => r.updatedAt },
  { header: 'status', value: (r) => r.status },
  { header: 'type', value: (r) => r.type },
  { header: 'severity', value: (r) => r.severity },
  { header: 'reporter', value: (r) => r.reporter.id },
  { header: 'reporter_name', value: (r) => r.reporter.name },
  { header: 'reporter_role', value: (r) => r.reporter.role },
  { header: 'assignee', value: (r) => r.assignee?.id },
  { header: 'site', value: (r) => r.context.site },
  { header: 'item_key', value: (r) => r.context.itemKey },
  { header: 'queue', value: (r) => r.queue },
  { header: 'policy', value: (r) => r.policy },
  { header: 'guideline', value: (r) => r.context.guideline?.guidelineId },
  { header: 'guideline_version', value: (r) => r.context.guideline?.version },
  { header: 'section', value: (r) => r.context.guideline?.sectionId },
  { header: 'section_heading', value: (r) => r.context.guideline?.heading },
  { header: 'page_url', value: (r) => r.context.pageUrl },
  { header: 'page_title', value: (r) => r.context.pageTitle },
  { header: 'note', value: (r) => r.note },
  { header: 'selection', value: (r) => r.context.selection },
  { header: 'proposed_decision', value: (r) => r.context.proposedDecision },
  { header: 'has_screenshot', value: (r) => r.hasScreenshot },
  { header: 'duplicate_of', value: (r) => r.duplicateOf },
  { header: 'merged_count', value: (r) => r.mergedCount },
  { header: 'comments', value: (r) => r.comments.length },
];

/** Every report of a view as a CSV stream, read from the database a keyset page at a time. */
export function inboxCsv(db: Database, filters: InboxFilters): ReadableStream<Uint8Array> {
  return csvStream(INBOX_CSV_COLUMNS, everyInboxReport(db, filters));
}
