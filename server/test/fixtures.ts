import type { AdapterHealthReport, QualityEventInput, SiteAdapterInput } from '../../contract';

/** A valid import row; override what the test is about. */
export function eventRow(overrides: Partial<QualityEventInput> & { id: string }): QualityEventInput {
  return {
    kind: 'qa_audit',
    site: 'demo-moderation',
    itemKey: 'item-1',
    queue: 'general',
    policy: 'spam',
    decision: 'remove',
    verdict: 'correct',
    correctedDecision: null,
    actor: 'mod.one',
    auditor: 'qa.one',
    occurredAt: '2024-03-01T10:00:00Z',
    guidelineVersion: 'v1',
    note: null,
    ...overrides,
  };
}

/** Rows as NDJSON text, one per line. */
export function ndjson(rows: unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
}

const CSV_COLUMNS = [
  'id',
  'kind',
  'site',
  'itemKey',
  'queue',
  'policy',
  'decision',
  'verdict',
  'correctedDecision',
  'actor',
  'auditor',
  'occurredAt',
  'guidelineVersion',
  'note',
] as const;

/** Rows as CSV with a header row; null becomes an empty cell, quotes are escaped. */
export function csv(rows: QualityEventInput[]): string {
  const cell = (value: unknown) => {
    const text = value == null ? '' : String(value);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = rows.map((row) => CSV_COLUMNS.map((column) => cell(row[column])).join(','));
  return [CSV_COLUMNS.join(','), ...lines].join('\n') + '\n';
}

/** A valid adapter document as an admin would send it; override what the test is about. */
export function adapterDoc(overrides: Partial<SiteAdapterInput> = {}): SiteAdapterInput {
  return {
    schemaVersion: 1,
    id: 'acme-queue',
    version: 1,
    name: 'Acme review queue',
    site: 'acme',
    matches: ['https://acme.internal/queue/*'],
    item: {
      selector: '.card',
      key: { from: 'attribute', name: 'data-id' },
      fields: { queue: { from: 'text', selector: '.queue' } },
      required: ['queue'],
    },
    ...overrides,
  };
}

/** A healthy page-load report (items found, nothing missing); override what the test is about. */
export function healthReport(overrides: Partial<AdapterHealthReport> = {}): AdapterHealthReport {
  return {
    adapterId: 'acme-queue',
    adapterVersion: 1,
    site: 'acme',
    pageUrl: 'https://acme.internal/queue/general',
    itemsFound: 10,
    itemsMissingRequired: 0,
    missingFields: {},
    selectorsNeverMatched: [],
    badgesChecked: 10,
    badgesHidden: { zeroSize: 0, clipped: 0, covered: 0 },
    at: '2025-06-01T11:59:00Z',
    ...overrides,
  };
}
