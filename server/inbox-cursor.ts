import { z } from 'zod';
import type { InboxSort } from '../contract';

/*
 * The inbox's keyset cursor: the sort key of the last row of a page and its id (the tie-break),
 * so the next page starts strictly after it whatever was added or changed meanwhile, and a page
 * deep in 100,000 reports costs what the first one costs. Timestamps keep PostgreSQL's
 * microseconds: a JavaScript Date would round them to milliseconds and skip or repeat rows that
 * arrived within the same millisecond. Opaque to clients (base64url JSON), checked on the way in.
 */

/** Where a page ended, in the terms of its sort. */
export type InboxPosition =
  | { sort: 'created_desc' | 'created_asc' | 'updated_desc'; at: string; id: string }
  | { sort: 'severity_desc'; rank: number; at: string; id: string };

const Micros = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
const Uuid = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

const Encoded = z.union([
  z.tuple([z.enum(['created_desc', 'created_asc', 'updated_desc']), Micros, Uuid]),
  z.tuple([z.literal('severity_desc'), z.number().int().min(1).max(4), Micros, Uuid]),
]);

/** The cursor that continues after `position`. */
export function encodeCursor(position: InboxPosition): string {
  const tuple =
    position.sort === 'severity_desc'
      ? [position.sort, position.rank, position.at, position.id]
      : [position.sort, position.at, position.id];
  return Buffer.from(JSON.stringify(tuple)).toString('base64url');
}

/** The cursor's position, or why it cannot continue a view sorted by `sort`. */
export function decodeCursor(
  cursor: string,
  sort: InboxSort,
): { ok: true; position: InboxPosition } | { ok: false; message: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, message: 'not a cursor this API gave out' };
  }
  const parsed = Encoded.safeParse(raw);
  if (!parsed.success) return { ok: false, message: 'not a cursor this API gave out' };
  const tuple = parsed.data;
  if (tuple[0] !== sort) {
    return { ok: false, message: `this cursor continues a view sorted by ${tuple[0]}, not ${sort}` };
  }
  const position: InboxPosition =
    tuple[0] === 'severity_desc'
      ? { sort: tuple[0], rank: tuple[1], at: tuple[2], id: tuple[3] }
      : { sort: tuple[0], at: tuple[1], id: tuple[2] };
  return { ok: true, position };
}
