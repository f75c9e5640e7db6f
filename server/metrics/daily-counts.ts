import { sql, type SQL } from 'drizzle-orm';
import type { EventFilter, MetricDimension, MetricFilters } from '../../contract';
import type { Database } from '../db/client';
import { instantBounds } from './days';
import { dimensionColumn, dimensionFiltersSql, eventFilterSql, rowsOf } from './filters-sql';

/*
 * The aggregation, in SQL: counts per (local day, group) over a range of days. An event's day is
 * its calendar day in the reporting zone; rows are found through the time index (a range wide
 * enough for any zone) and then kept by their local day, so the answer is exact whatever the
 * zone's offset or DST on the day, and a late import is counted the moment it commits.
 */

/** A numerator/denominator pair of event filters, counted side by side in one scan. */
export interface FilterPair {
  numerator: EventFilter;
  /** Null for a count: the numerator's events are counted, and `denominator` in the answer equals it. */
  denominator: EventFilter | null;
}

/** One (day, group) cell: per pair, [numerator count, denominator count]. */
export interface DayCell {
  day: string;
  key: string | null;
  counts: [number, number][];
}

export interface CountRequest {
  from: string;
  to: string;
  tz: string;
  groupBy: MetricDimension | 'none';
  filters: MetricFilters;
}

/** Events per (local day, group) for each filter pair, in one scan of the days' events. */
export async function eventCounts(
  db: Database,
  request: CountRequest,
  pairs: readonly FilterPair[],
): Promise<DayCell[]> {
  const { lo, hi } = instantBounds(request.from, request.to);
  const populations = pairs.map((pair) => eventFilterSql(pair.denominator ?? pair.numerator));
  const columns = pairs.flatMap((pair, i) => {
    const population = populations[i]!;
    const counted = pair.denominator ? sql`${population} and ${eventFilterSql(pair.numerator)}` : population;
    return [
      sql`(count(*) filter (where ${counted}))::int as ${sql.raw(`n${i}`)}`,
      sql`(count(*) filter (where ${population}))::int as ${sql.raw(`d${i}`)}`,
    ];
  });
  const key = groupKey('quality_events', request.groupBy);
  const day = sql`(e.occurred_at at time zone ${request.tz})::date`;
  const result = await db.execute(sql`
    select to_char(${day}, 'YYYY-MM-DD') as day, ${key} as key, ${sql.join(columns, sql`, `)}
    from quality_events e
    where e.occurred_at >= ${lo}::timestamptz and e.occurred_at < ${hi}::timestamptz
      and ${day} between ${request.from}::date and ${request.to}::date
      and (${sql.join(populations, sql` or `)})
      and ${dimensionFiltersSql('quality_events', request.filters)}
    group by 1, 2`);
  return rowsOf<Record<string, unknown>>(result).map((row) => ({
    day: row.day as string,
    key: row.key as string | null,
    counts: pairs.map((_, i) => [Number(row[`n${i}`]), Number(row[`d${i}`])] as [number, number]),
  }));
}

/** Gap reports per (local day of arrival, group). */
export async function reportCounts(db: Database, request: CountRequest): Promise<DayCell[]> {
  const { lo, hi } = instantBounds(request.from, request.to);
  const key = groupKey('gap_reports', request.groupBy);
  const day = sql`(r.created_at at time zone ${request.tz})::date`;
  const result = await db.execute(sql`
    select to_char(${day}, 'YYYY-MM-DD') as day, ${key} as key, count(*)::int as n
    from gap_reports r
    where r.created_at >= ${lo}::timestamptz and r.created_at < ${hi}::timestamptz
      and ${day} between ${request.from}::date and ${request.to}::date
      and ${dimensionFiltersSql('gap_reports', request.filters)}
    group by 1, 2`);
  return rowsOf<{ day: string; key: string | null; n: number }>(result).map((row) => ({
    day: row.day,
    key: row.key,
    counts: [[Number(row.n), Number(row.n)]],
  }));
}

function groupKey(source: 'quality_events' | 'gap_reports', groupBy: MetricDimension | 'none'): SQL {
  return groupBy === 'none' ? sql`null::text` : sql`${dimensionColumn(source, groupBy, 'groupBy')}::text`;
}
