import { sql } from 'drizzle-orm';
import type { ItemRef } from '../contract';
import type { Database } from './db/client';

/**
 * The `items` of a lookup answer, as JSON text built by the database: one
 * result per requested item in request order (repeats included), with an
 * empty summary for an item never audited. Events are not read here: badges
 * need counts only, and the history of the one item a person opens is paged
 * by `itemEvents`.
 *
 * Building the document in SQL is the point: decoding 500 rows into objects,
 * re-shaping them and serialising them again cost the API process about
 * 1.5 ms of a 4 ms request (CPU profile under P6 load), and on PGlite the row
 * decoding alone was 14 ms against 3 ms for one JSON string.
 */
export async function lookupSummariesJson(db: Database, refs: ItemRef[]): Promise<string> {
  const result = await db.execute(sql`
    select coalesce(json_agg(json_build_object(
        'site', r.site,
        'itemKey', r.item_key,
        'summary', json_build_object(
          'site', r.site,
          'itemKey', r.item_key,
          'audits', coalesce(s.audits, 0),
          'incorrect', coalesce(s.incorrect, 0),
          'overturns', coalesce(s.overturns, 0),
          'goldChecks', coalesce(s.gold_checks, 0),
          'lastVerdict', s.last_verdict,
          'lastAt', to_char(s.last_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
          'policies', coalesce(s.policies, '{}'::text[]))
      ) order by r.ord), '[]')::text as items
    from (
      select e.value->>'site' as site, e.value->>'itemKey' as item_key, e.ord
      from jsonb_array_elements(${JSON.stringify(refs)}::jsonb) with ordinality as e(value, ord)
    ) r
    left join item_summaries s on s.site = r.site and s.item_key = r.item_key`);
  // Both drivers answer `{ rows }`; Drizzle types the shared result as unknown.
  const [row] = (result as { rows: { items: string }[] }).rows;
  return row?.items ?? '[]';
}
