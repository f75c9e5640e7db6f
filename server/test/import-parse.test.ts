import { describe, expect, it } from 'vitest';
import { formatForContentType, formatForFileName, parseImport } from '../import';
import { csv, eventRow, ndjson } from './fixtures';

const HEADER = 'id,kind,site,itemKey,queue,policy,decision,verdict,occurredAt,note';
const good = (id: string, note = '') =>
  `${id},qa_audit,demo-moderation,item-1,general,spam,remove,correct,2024-03-01T10:00:00Z,${note}`;

describe('parseImport', () => {
  it('reads NDJSON rows, skipping blank lines and applying contract defaults', () => {
    const result = parseImport(
      `\n${ndjson([eventRow({ id: 'a' })])}\n\n${JSON.stringify(eventRow({ id: 'b', note: '' }))}`,
      'ndjson',
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(result.rows[1]!.note).toBeNull();
  });

  it('names the physical NDJSON line of bad JSON and of invalid fields', () => {
    const text = [
      JSON.stringify(eventRow({ id: 'a' })),
      '',
      '{"id": "b",',
      JSON.stringify(eventRow({ id: 'c', verdict: 'maybe' as never })),
    ].join('\r\n');
    const result = parseImport(text, 'ndjson');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(422);
    expect(result.details.map((d) => [d.line, d.path])).toEqual([
      [3, '(root)'],
      [4, 'verdict'],
    ]);
  });

  it('reads CSV with empty cells as null and quoted newlines inside a note', () => {
    const text = csv([eventRow({ id: 'a', note: 'two\nlines, "quoted"' }), eventRow({ id: 'b', actor: null })]);
    const result = parseImport(text, 'csv');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.rows[0]!.note).toBe('two\nlines, "quoted"');
    expect(result.rows[1]!.actor).toBeNull();
    expect(result.rows[1]!.correctedDecision).toBeNull();
  });

  it('names the line a CSV row starts on, after multi-line cells and CRLF endings', () => {
    const text = [
      HEADER,
      good('a', '"multi\r\nline\r\nnote"'),
      good('b').replace('correct', 'wrong'),
      '',
      good('c'),
      'd,too,few',
    ].join('\r\n');
    const result = parseImport(text, 'csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details).toEqual([
      expect.objectContaining({ line: 5, path: 'verdict' }),
      { line: 8, path: '(root)', message: 'expected 10 fields, found 3' },
    ]);
  });

  it('refuses a CSV header with unknown or missing columns before reading rows', () => {
    const result = parseImport('id,kind,colour\nx,qa_audit,red\n', 'csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details).toContainEqual(expect.objectContaining({ line: 1, path: 'colour' }));
    expect(result.details).toContainEqual(expect.objectContaining({ line: 1, path: 'occurredAt' }));
    expect(result.details.some((d) => d.line === 2)).toBe(false);
  });

  it('reports a CSV syntax error with its line', () => {
    const result = parseImport(`${HEADER}\n${good('a')}\n${good('b', '"never closed')}\n`, 'csv');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details[0]).toMatchObject({ line: 3 });
  });

  it('refuses an empty file and one over the row limit', () => {
    expect(parseImport(' \n\n', 'ndjson')).toMatchObject({ ok: false, status: 422, code: 'empty_file' });
    expect(parseImport(`${HEADER}\n`, 'csv')).toMatchObject({ ok: false, status: 422, code: 'empty_file' });
    const tooMany = parseImport('{}\n{}\n{}\n', 'ndjson', 2);
    expect(tooMany).toMatchObject({ ok: false, status: 413, code: 'too_many_rows' });
    if (!tooMany.ok) expect(tooMany.message).toContain('at most 2');
  });

  it('caps details at 100 and reports the total', () => {
    const result = parseImport(Array.from({ length: 30 }, () => '{}').join('\n'), 'ndjson');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.details).toHaveLength(100);
    expect(result.totalDetails).toBeGreaterThan(100);
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
