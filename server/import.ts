import { parse as parseCsv } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import {
  IMPORT_MAX_ROWS,
  QualityEventInput,
  zodDetails,
  type ErrorDetail,
  type ImportResponse,
  type QualityEventRow,
} from '../contract';
import type { Database } from './db/client';
import { itemSet } from './db/item-set';
import { clip } from './errors';
import { qualityEvents } from './db/schema';

export type ImportFormat = 'ndjson' | 'csv';

/** Refusals carry at most this many details; `totalDetails` tells how many there were. */
const MAX_DETAILS = 100;
const INSERT_CHUNK = 1000;
/** Serialises summary writers so revisions become visible in the order they were taken. */
const SUMMARY_LOCK_KEY = 7_346_001;

export type ParseResult =
  | { ok: true; rows: QualityEventRow[] }
  | {
      ok: false;
      status: 413 | 422;
      code: string;
      message: string;
      details: ErrorDetail[];
      totalDetails: number;
    };

/** The import format a request's Content-Type names, or null when unsupported. */
export function formatForContentType(contentType: string | undefined): ImportFormat | null {
  const essence = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json'].includes(essence)) {
    return 'ndjson';
  }
  return essence === 'text/csv' ? 'csv' : null;
}

/** The import format a file name implies, or null when unsupported. */
export function formatForFileName(name: string): ImportFormat | null {
  if (/\.(ndjson|jsonl)$/i.test(name)) return 'ndjson';
  return /\.csv$/i.test(name) ? 'csv' : null;
}

/** One record of a file with the physical line it starts on. */
interface RawRecord {
  line: number;
  value: unknown;
  /** Set when the record could not be read at all (bad JSON, wrong field count). */
  error?: ErrorDetail;
}

/** Parses and validates a whole file; any bad row refuses the file (pure: no I/O). */
export function parseImport(text: string, format: ImportFormat, maxRows = IMPORT_MAX_ROWS): ParseResult {
  // One line-ending convention keeps csv-parse's line numbers exact.
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let records: RawRecord[];
  try {
    records = format === 'csv' ? readCsv(normalised) : readNdjson(normalised);
  } catch (error) {
    if (error instanceof FileError) return refuse(422, 'invalid_file', error.message, error.details);
    throw error;
  }
  if (records.length === 0) return refuse(422, 'empty_file', 'the file holds no rows', []);
  if (records.length > maxRows) {
    return refuse(
      413,
      'too_many_rows',
      `the file holds ${records.length} rows; one import takes at most ${maxRows}`,
      [],
    );
  }
  const rows: QualityEventRow[] = [];
  const details: ErrorDetail[] = [];
  for (const record of records) {
    if (record.error) {
      details.push(record.error);
      continue;
    }
    const result = QualityEventInput.safeParse(record.value);
    if (result.success) rows.push(result.data);
    else details.push(...zodDetails(result.error, record.line));
  }
  if (details.length > 0) {
    const lines = new Set(details.map((d) => d.line)).size;
    return refuse(422, 'invalid_rows', `${lines} row(s) are invalid; nothing was imported`, details);
  }
  return { ok: true, rows };
}

function refuse(status: 413 | 422, code: string, message: string, details: ErrorDetail[]): ParseResult {
  return { ok: false, status, code, message, details: details.slice(0, MAX_DETAILS), totalDetails: details.length };
}

class FileError extends Error {
  constructor(
    message: string,
    readonly details: ErrorDetail[],
  ) {
    super(message);
  }
}

function readNdjson(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  text.split('\n').forEach((source, index) => {
    if (source.trim() === '') return;
    const line = index + 1;
    try {
      records.push({ line, value: JSON.parse(source) });
    } catch (error) {
      const message = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      records.push({ line, value: undefined, error: { line, path: '(root)', message } });
    }
  });
  return records;
}

const FIELDS = Object.keys(QualityEventInput.shape) as (keyof typeof QualityEventInput.shape)[];
const REQUIRED = FIELDS.filter((field) => !QualityEventInput.shape[field].safeParse(undefined).success);

interface CsvEntry {
  record: string[];
  raw: string;
  info: { lines: number };
}

function readCsv(text: string): RawRecord[] {
  let parsed: CsvEntry[];
  try {
    // With `info` and `raw` csv-parse returns entries, which its typings do not model.
    const options = { info: true, raw: true, skip_empty_lines: true, relax_column_count: true };
    parsed = parseCsv(text, options) as unknown as CsvEntry[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    const message = `not valid CSV: ${error instanceof Error ? error.message : String(error)}`;
    throw new FileError(message, [{ line, path: '(root)', message }]);
  }
  const [header, ...body] = parsed;
  if (!header) return [];
  const columns = header.record.map((name) => name.trim());
  checkHeader(columns, startLine(header));
  return body.map((entry) => {
    const line = startLine(entry);
    if (entry.record.length !== columns.length) {
      const message = `expected ${columns.length} fields, found ${entry.record.length}`;
      return { line, value: undefined, error: { line, path: '(root)', message } };
    }
    // An empty cell means "no value", which the contract spells null.
    const value = Object.fromEntries(columns.map((name, i) => [name, entry.record[i] === '' ? null : entry.record[i]]));
    return { line, value };
  });
}

/** csv-parse reports the line a record ends on; quoted newlines inside it move its start up. */
function startLine(entry: CsvEntry): number {
  const body = entry.raw.replace(/^\n+/, '').replace(/\n$/, '');
  return entry.info.lines - (body.match(/\n/g)?.length ?? 0);
}

function checkHeader(columns: string[], line: number): void {
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  for (const name of columns) {
    // A header cell is client text of any length: quote it clipped, as the contract caps detail sizes.
    const shown = clip(name);
    if (!(FIELDS as string[]).includes(name)) details.push({ line, path: shown, message: `unknown column "${shown}"` });
    else if (seen.has(name)) details.push({ line, path: shown, message: `column "${shown}" appears twice` });
    seen.add(name);
  }
  for (const name of REQUIRED) {
    if (!seen.has(name)) details.push({ line, path: name, message: `required column "${name}" is missing` });
  }
  if (details.length > 0) throw new FileError('the CSV header row is invalid; nothing was imported', details);
}

/** Stores valid rows in one transaction (existing ids are skipped) and refreshes the touched items' summaries. */
export async function importEvents(db: Database, rows: QualityEventRow[]): Promise<ImportResponse> {
  return db.transaction(async (tx) => {
    let inserted = 0;
    const touched = new Map<string, { site: string; itemKey: string }>();
    for (let start = 0; start < rows.length; start += INSERT_CHUNK) {
      const chunk = rows.slice(start, start + INSERT_CHUNK).map((row) => ({
        ...row,
        occurredAt: new Date(row.occurredAt),
      }));
      const stored = await tx
        .insert(qualityEvents)
        .values(chunk)
        .onConflictDoNothing({ target: qualityEvents.id })
        .returning({ site: qualityEvents.site, itemKey: qualityEvents.itemKey });
      inserted += stored.length;
      for (const ref of stored) touched.set(`${ref.site}\u0000${ref.itemKey}`, ref);
    }
    if (touched.size > 0) {
      await tx.execute(sql`select pg_advisory_xact_lock(${SUMMARY_LOCK_KEY})`);
      await tx.execute(recomputeSummaries([...touched.values()]));
    }
    return { received: rows.length, inserted, duplicates: rows.length - inserted, itemsUpdated: touched.size };
  });
}

// The definitions match the contract's ItemSummary doc: overturns are appeals found incorrect.
function recomputeSummaries(refs: { site: string; itemKey: string }[]) {
  return sql`
    insert into item_summaries
      (site, item_key, audits, incorrect, overturns, last_verdict, last_at, policies, revision, updated_at)
    select e.site, e.item_key,
      count(*)::int,
      (count(*) filter (where e.verdict = 'incorrect'))::int,
      (count(*) filter (where e.kind = 'appeal' and e.verdict = 'incorrect'))::int,
      (array_agg(e.verdict order by e.occurred_at desc, e.id desc))[1],
      max(e.occurred_at),
      array_agg(distinct e.policy order by e.policy),
      nextval('item_summary_revision_seq'),
      now()
    from quality_events e
    where (e.site, e.item_key) in ${itemSet(refs)}
    group by e.site, e.item_key
    on conflict (site, item_key) do update set
      audits = excluded.audits,
      incorrect = excluded.incorrect,
      overturns = excluded.overturns,
      last_verdict = excluded.last_verdict,
      last_at = excluded.last_at,
      policies = excluded.policies,
      revision = excluded.revision,
      updated_at = excluded.updated_at`;
}
