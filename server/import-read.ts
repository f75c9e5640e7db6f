import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse as csvParser } from 'csv-parse';
import { QualityEventInput, type ErrorDetail } from '../contract';
import { clip } from './errors';

/*
 * Reading an import file as a stream: bytes in, one record at a time out, with the physical line each
 * record starts on. Nothing here holds more than one chunk and one line (or CSV record) of the file.
 */

export type ImportFormat = 'ndjson' | 'csv';

/** A file as it arrives: bytes (a request body, a file stream) or text (tests). */
export type FileChunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

/** One record of a file with the physical line it starts on. */
export interface RawRecord {
  line: number;
  value: unknown;
  /** Set when the record could not be read at all (bad JSON, wrong field count, an endless line). */
  error?: ErrorDetail;
}

/** A refusal of the whole file (a CSV header or syntax error): no further record can be trusted. */
export class FileError extends Error {
  constructor(
    message: string,
    readonly details: ErrorDetail[],
  ) {
    super(message);
  }
}

/**
 * Longest line or CSV record read, in characters. A valid row is a few kB (the longest field, a
 * note, holds 2,000 characters, at most 12,000 once JSON-escaped); the cap keeps one endless line
 * from filling memory.
 */
export const MAX_RECORD_CHARS = 256 * 1024;

/**
 * UTF-8 chunks as text: a character split across chunks is joined, a leading BOM dropped, and every
 * line ending (CRLF, CR) becomes LF, so line numbers count what an editor shows.
 */
export async function* decodeText(chunks: FileChunks): AsyncGenerator<string> {
  // Not fatal: a byte that is not UTF-8 becomes U+FFFD, as reading the whole body as text did.
  const decoder = new TextDecoder('utf-8');
  let first = true;
  // A CR at the end of a chunk may be the first half of a CRLF: it waits for the next chunk.
  let pendingCr = false;
  const normalise = (text: string, final: boolean) => {
    let out = (pendingCr ? '\r' : '') + text;
    if (first) {
      out = out.replace(/^\uFEFF/, '');
      first = out === '';
    }
    pendingCr = !final && out.endsWith('\r');
    if (pendingCr) out = out.slice(0, -1);
    return out.replace(/\r\n?/g, '\n');
  };
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    const out = normalise(text, false);
    if (out !== '') yield out;
  }
  const out = normalise(decoder.decode(), true);
  if (out !== '') yield out;
}

/** Records of a file in `format`, read as it streams in. Throws FileError when the file as a whole is unreadable. */
export function readRecords(chunks: FileChunks, format: ImportFormat): AsyncGenerator<RawRecord> {
  const text = decodeText(chunks);
  return format === 'csv' ? csvRecords(text) : ndjsonRecords(text);
}

/** Every line as a record, blank lines skipped but counted. */
async function* ndjsonRecords(text: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  let line = 0;
  let rest = '';
  // Set while the rest of an over-long line is being skipped.
  let skipping = false;
  const record = (source: string): RawRecord | null => {
    line += 1;
    if (source.trim() === '') return null;
    try {
      return { line, value: JSON.parse(source) };
    } catch (error) {
      const message = `not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
      return { line, value: undefined, error: { line, path: '(root)', message } };
    }
  };
  const overlong = (): RawRecord => {
    line += 1;
    const message = `the line is longer than ${MAX_RECORD_CHARS} characters`;
    return { line, value: undefined, error: { line, path: '(root)', message } };
  };
  for await (const chunk of text) {
    let start = 0;
    for (let end = chunk.indexOf('\n'); end !== -1; end = chunk.indexOf('\n', start)) {
      if (skipping) skipping = false;
      else if (rest.length + end - start > MAX_RECORD_CHARS) yield overlong();
      else {
        const found = record(rest + chunk.slice(start, end));
        if (found) yield found;
      }
      rest = '';
      start = end + 1;
    }
    if (skipping) continue;
    rest += chunk.slice(start);
    if (rest.length > MAX_RECORD_CHARS) {
      yield overlong();
      rest = '';
      skipping = true;
    }
  }
  // The last line may have no newline.
  if (!skipping && rest !== '') {
    const found = record(rest);
    if (found) yield found;
  }
}

const FIELDS = Object.keys(QualityEventInput.shape) as (keyof typeof QualityEventInput.shape)[];
const REQUIRED = FIELDS.filter((field) => !QualityEventInput.shape[field].safeParse(undefined).success);

interface CsvEntry {
  record: string[];
  raw: string;
  info: { lines: number };
}

/** A header row naming QualityEventInput's fields, then one record per row; an empty cell is null. */
async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<RawRecord> {
  // With `info` and `raw` csv-parse yields entries, which its typings do not model.
  const parser = csvParser({
    info: true,
    raw: true,
    skip_empty_lines: true,
    relax_column_count: true,
    max_record_size: MAX_RECORD_CHARS,
  });
  // pipeline() carries a failure of the source (e.g. a body over its limit) into the parser's iteration.
  const feeding = pipeline(Readable.from(text), parser);
  feeding.catch(() => undefined);
  let columns: string[] | null = null;
  try {
    for await (const entry of parser as AsyncIterable<CsvEntry>) {
      const line = startLine(entry);
      if (!columns) {
        columns = entry.record.map((name) => name.trim());
        checkHeader(columns, line);
        continue;
      }
      if (entry.record.length !== columns.length) {
        const message = `expected ${columns.length} fields, found ${entry.record.length}`;
        yield { line, value: undefined, error: { line, path: '(root)', message } };
        continue;
      }
      const names = columns;
      // An empty cell means "no value", which the contract spells null.
      const value = Object.fromEntries(names.map((name, i) => [name, entry.record[i] === '' ? null : entry.record[i]]));
      yield { line, value };
    }
  } catch (error) {
    if (error instanceof FileError || !isCsvError(error)) throw error;
    const line = (error as { lines?: number }).lines ?? 1;
    const message = `not valid CSV: ${error.message}`;
    throw new FileError(message, [{ line, path: '(root)', message }]);
  } finally {
    parser.destroy();
  }
}

/** csv-parse's own errors carry a `CSV_…` code; anything else (the source failing) passes through. */
function isCsvError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === 'string' && code.startsWith('CSV_');
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
