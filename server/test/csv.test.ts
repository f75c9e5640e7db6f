import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, csvStream } from '../csv';

/** The bytes as text, the byte-order mark kept (Response.text() would drop it). */
async function text(stream: ReadableStream<Uint8Array>): Promise<string> {
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

async function* rowsOf<T>(rows: T[]): AsyncIterable<T> {
  for (const row of rows) yield row;
}

describe('csv', () => {
  it('neutralises formula starts but keeps numbers', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(csvCell('+1 call')).toBe(`'+1 call`);
    expect(csvCell('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(csvCell('\tx')).toBe(`'\tx`);
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23T00:00:00.000Z');
  });

  it('streams a BOM, a header and rows that parse back to the same text, hostile strings included', async () => {
    const rows = [
      { note: 'line one\nline two, with "quotes"', who: '王小明' },
      { note: '=cmd|" /C calc"!A0', who: '<img src=x onerror=alert(1)>' },
    ];
    const csv = await text(
      csvStream(
        [
          { header: 'note', value: (r: (typeof rows)[number]) => r.note },
          { header: 'who', value: (r: (typeof rows)[number]) => r.who },
        ],
        rowsOf(rows),
      ),
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    const parsed = parse(csv.slice(1)) as string[][];
    expect(parsed).toEqual([
      ['note', 'who'],
      [rows[0]!.note, '王小明'],
      [`'${rows[1]!.note}`, rows[1]!.who],
    ]);
  });
});
