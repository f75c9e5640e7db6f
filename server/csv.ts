import { stringify } from 'csv-stringify';

/*
 * CSV exports (the triage inbox, survey results, metrics tables). Analysts open them in Excel or
 * Sheets, so: a UTF-8 byte-order mark (Excel reads Chinese text as mojibake without it), CRLF
 * rows, and every cell a reporter or a page wrote neutralised against formula injection: a cell
 * starting with = + - @ or a tab/CR is prefixed with an apostrophe, as OWASP advises.
 * https://owasp.org/www-community/attacks/CSV_Injection
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: null and undefined are empty, dates ISO, and formula starts neutralised. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return FORMULA_START.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
}

export interface CsvColumn<Row> {
  header: string;
  value: (row: Row) => unknown;
}

/**
 * A CSV document as a web stream: the header row, then each row of `rows` (an async iterable, so
 * a large export is read from the database a page at a time and never held whole).
 */
export function csvStream<Row>(
  columns: readonly CsvColumn<Row>[],
  rows: AsyncIterable<Row>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const stringifier = stringify({ record_delimiter: 'windows', bom: true });
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      stringifier.on('data', (chunk: Buffer | string) =>
        controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : new Uint8Array(chunk)),
      );
      const ended = new Promise<void>((resolve, reject) => {
        stringifier.on('end', resolve);
        stringifier.on('error', reject);
      });
      try {
        stringifier.write(columns.map((column) => column.header));
        for await (const row of rows) {
          const record = columns.map((column) => csvCell(column.value(row)));
          if (!stringifier.write(record)) await new Promise((resolve) => stringifier.once('drain', resolve));
        }
        stringifier.end();
        await ended;
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
}

/** The headers of a CSV download named `filename` (ASCII; the date and view go in the name). */
export function csvHeaders(filename: string): Record<string, string> {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}
