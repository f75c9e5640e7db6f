import { describe, expect, it } from 'vitest';
import type { ErrorDetail, QualityEventRow } from '../../contract';
import { ApiError } from '../errors';
import { checkRows, formatForContentType, formatForFileName, ProblemLog } from '../import';
import {
  decodeText,
  FileError,
  MAX_RECORD_CHARS,
  readRecords,
  type FileChunks,
  type ImportFormat,
} from '../import-read';
import { csv, eventRow, ndjson } from './fixtures';

const HEADER = 'id,kind,site,itemKey,queue,policy,decision,verdict,occurredAt,note';
const good = (id: string, note = '') =>
  `${id},qa_audit,demo-moderation,item-1,general,spam,remove,correct,2024-03-01T10:00:00Z,${note}`;

type Parsed =
  | { ok: true; rows: QualityEventRow[] }
  | { ok: false; status: number; code: string; message: string; details: ErrorDetail[]; totalDetails: number };

/** Streams `input` (one string, or chunks as they would arrive) through the reader and the contract. */
async function parse(input: string | FileChunks, format: ImportFormat, maxRows?: number): Promise<Parsed> {
  const problems = new ProblemLog();
  const rows: QualityEventRow[] = [];
  const refused = (error: ApiError): Parsed => ({
    ok: false,
    status: error.status,
    code: error.code,
    message: error.message,
    details: error.details ?? [],
    totalDetails: error.totalDetails ?? 0,
  });
  try {
    for await (const row of checkRows(
      readRecords(typeof input === 'string' ? [input] : input, format),
      problems,
      maxRows,
    )) {
      if (row) rows.push(row);
    }
  } catch (error) {
    if (error instanceof FileError) {
      problems.add(error.details);
      return refused(problems.refusal('invalid_file', error.message));
    }
    if (error instanceof ApiError) return refused(error);
    throw error;
  }
  if (problems.total > 0) return refused(problems.refusal());
  return { ok: true, rows };
}

/** `text` as UTF-8 bytes cut into chunks of `size` bytes, so characters and line endings fall across cuts. */
function bytesInChunks(text: string, size: number): Uint8Array[] {
  const bytes = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('streamed import parsing', () => {
  it('reads NDJSON rows, skipping blank lines and applying contract defaults', async () => {
    const result = await parse(
      `\n${ndjson([eventRow({ id: 'a' })])}\n\n${JSON.stringify(eventRow({ id: 'b', note: '' }))}`,
      'ndjson',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(result.rows[1]!.note).toBeNull();
  });

  it('names the physical NDJSON line of bad JSON and of invalid fields', async () => {
    const text = [
      JSON.stringify(eventRow({ id: 'a' })),
      '',
      '{"id": "b",',
      JSON.stringify(eventRow({ id: 'c', verdict: 'maybe' as never })),
    ].join('\r\n');
    const result = await parse(text, 'ndjson');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(422);
    expect(result.details.map((d) => [d.line, d.path])).toEqual([
      [3, '(root)'],
      [4, 'verdict'],
    ]);
  });

  it('joins a multi-byte character split across chunks, at every cut of every byte size', async () => {
    // "é" is 2 bytes, "漢" 3, "😀" 4: a cut lands inside each of them for some chunk size.
    const note = 'café 漢字 😀 done';
    const text = ndjson([eventRow({ id: 'x1', note }), eventRow({ id: 'x2', note: `${note}!` })]);
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const result = await parse(bytesInChunks(text, size), 'ndjson');
      expect(result, `chunks of ${size} bytes`).toMatchObject({ ok: true });
      if (result.ok) expect(result.rows.map((r) => r.note)).toEqual([note, `${note}!`]);
    }
  });

  it('drops a BOM, treats CRLF split across chunks as one line break, and reads a last line without newline', async () => {
    const lines = [1, 2, 3].map((n) => JSON.stringify(eventRow({ id: `r${n}` })));
    const text = `\uFEFF${lines[0]}\r\n\r\n${lines[1]}\r\n${lines[2]}`;
    // Cut right after each \r, so the \n arrives in the next chunk.
    const chunks = text.split(/(?<=\r)/).flatMap((part) => bytesInChunks(part, 4096));
    expect(chunks.length).toBeGreaterThan(2);
    expect(await collect(decodeText(chunks))).not.toContain('\r');
    const records = await collect(readRecords(chunks, 'ndjson'));
    expect(records.map((r) => r.line)).toEqual([1, 3, 4]);
    const result = await parse(chunks, 'ndjson');
    expect(result.ok && result.rows.map((r) => r.id)).toEqual(['r1', 'r2', 'r3']);
  });

  it('reports a line longer than the cap once and goes on with the next line', async () => {
    const long = `{"id":"${'x'.repeat(MAX_RECORD_CHARS + 10)}"}`;
    const text = `${long}\n${JSON.stringify(eventRow({ id: 'after' }))}\n`;
    const records = await collect(readRecords(bytesInChunks(text, 64 * 1024), 'ndjson'));
    expect(records.map((r) => [r.line, r.error?.message ?? 'ok'])).toEqual([
      [1, `the line is longer than ${MAX_RECORD_CHARS} characters`],
      [2, 'ok'],
    ]);
  });

  it('reads CSV with empty cells as null and quoted newlines inside a note, across chunks', async () => {
    const text = csv([eventRow({ id: 'a', note: 'two\nlines, "quoted" ü' }), eventRow({ id: 'b', actor: null })]);
    const result = await parse(bytesInChunks(`\uFEFF${text}`, 7), 'csv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows[0]!.note).toBe('two\nlines, "quoted" ü');
    expect(result.rows[1]!.actor).toBeNull();
    expect(result.rows[1]!.correctedDecision).toBeNull();
  });

  it('names the line a CSV row starts on, after multi-line cells and CRLF endings', async () => {
    const text = [
      HEADER,
      good('a', '"multi\r\nline\r\nnote"'),
      good('b').replace('correct', 'wrong'),
      '',
      good('c'),
      'd,too,few',
    ].join('\r\n');
    const result = await parse(bytesInChunks(text, 5), 'csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details).toEqual([
      expect.objectContaining({ line: 5, path: 'verdict' }),
      { line: 8, path: '(root)', message: 'expected 10 fields, found 3' },
    ]);
  });

  it('refuses a CSV header with unknown or missing columns before reading rows', async () => {
    const result = await parse('id,kind,colour\nx,qa_audit,red\n', 'csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid_file');
    expect(result.details).toContainEqual(expect.objectContaining({ line: 1, path: 'colour' }));
    expect(result.details).toContainEqual(expect.objectContaining({ line: 1, path: 'occurredAt' }));
    expect(result.details.some((d) => d.line === 2)).toBe(false);
  });

  it('reports a CSV syntax error with its line', async () => {
    const result = await parse(`${HEADER}\n${good('a')}\n${good('b', '"never closed')}\n`, 'csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.code).toBe('invalid_file');
    expect(result.details[0]).toMatchObject({ line: 3 });
  });

  it('refuses more rows than the limit as soon as the next row is read', async () => {
    let pulled = 0;
    async function* endless() {
      for (;;) {
        pulled += 1;
        yield '{}\n';
      }
    }
    const tooMany = await parse(endless(), 'ndjson', 2);
    expect(tooMany).toMatchObject({ ok: false, status: 413, code: 'too_many_rows' });
    if (!tooMany.ok) expect(tooMany.message).toContain('at most 2');
    expect(pulled).toBe(3);
  });

  it('caps details at 100 and reports the total', async () => {
    const result = await parse(Array.from({ length: 30 }, () => '{}').join('\n'), 'ndjson');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details).toHaveLength(100);
    // Each `{}` lacks the 9 required fields.
    expect(result.totalDetails).toBe(30 * 9);
    expect(result.message).toBe('30 row(s) are invalid; nothing was imported');
  });
});

describe('import formats', () => {
  it('maps content types and file names', () => {
    expect(formatForContentType('application/x-ndjson; charset=utf-8')).toBe('ndjson');
    expect(formatForContentType('application/json')).toBe('ndjson');
    expect(formatForContentType('text/csv')).toBe('csv');
    expect(formatForContentType('text/plain')).toBeNull();
    expect(formatForContentType(undefined)).toBeNull();
    expect(formatForFileName('x/events.JSONL')).toBe('ndjson');
    expect(formatForFileName('events.csv')).toBe('csv');
    expect(formatForFileName('events.txt')).toBeNull();
  });
});
