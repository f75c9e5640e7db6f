import { sql, type SQL } from 'drizzle-orm';
import { MetricFilters, type EventFilter, type MetricDimension } from '../../contract';
import { ApiError } from '../errors';

/*
 * SQL pieces over `quality_events e` and `gap_reports r`. Every value a client sent is a bound
 * parameter; column names come only from the fixed maps below.
 */

const EVENT_FILTER_COLUMNS: Record<keyof EventFilter, SQL> = {
  kind: sql.raw('e.kind'),
  verdict: sql.raw('e.verdict'),
  site: sql.raw('e.site'),
  queue: sql.raw('e.queue'),
  policy: sql.raw('e.policy'),
  guidelineVersion: sql.raw('e.guideline_version'),
};

/** A condition keeping the events `filter` allows (`true` for `{}`). */
export function eventFilterSql(filter: EventFilter): SQL {
  const parts = (Object.keys(EVENT_FILTER_COLUMNS) as (keyof EventFilter)[]).flatMap((field) => {
    const allowed = filter[field];
    if (!allowed || allowed.length === 0) return [];
    return [
      sql`${EVENT_FILTER_COLUMNS[field]} in (${sql.join(
        allowed.map((value) => sql`${value}`),
        sql`, `,
      )})`,
    ];
  });
  return parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` and `)})`;
}

/** Where each dimension lives, per source; a dimension a source lacks is absent. */
const DIMENSION_COLUMNS: Record<'quality_events' | 'gap_reports', Partial<Record<MetricDimension, SQL>>> = {
  quality_events: {
    site: sql.raw('e.site'),
    queue: sql.raw('e.queue'),
    policy: sql.raw('e.policy'),
    guideline_version: sql.raw('e.guideline_version'),
    actor: sql.raw('e.actor'),
  },
  gap_reports: {
    site: sql.raw('r.site'),
    queue: sql.raw('r.queue'),
    policy: sql.raw('r.policy'),
    guideline_version: sql.raw('r.guideline_version'),
    section: sql.raw('r.section_id'),
    type: sql.raw('r.type'),
    actor: sql.raw('r.reporter'),
  },
};

const SOURCE_NAMES = { quality_events: 'quality events', gap_reports: 'gap reports' };

/** The column of `dimension` in `source`, or a 400 naming `param` when the source has no such dimension. */
export function dimensionColumn(
  source: 'quality_events' | 'gap_reports',
  dimension: MetricDimension,
  param: string,
): SQL {
  const column = DIMENSION_COLUMNS[source][dimension];
  if (!column) {
    const message = `${SOURCE_NAMES[source]} have no ${dimension} (the section and the type are a gap report's)`;
    throw new ApiError(400, 'invalid_request', `invalid request: ${param}: ${message}`, [{ path: param, message }]);
  }
  return column;
}

/** Conditions for the query's dimension filters (each one value). */
export function dimensionFiltersSql(source: 'quality_events' | 'gap_reports', filters: MetricFilters): SQL {
  const parts = (Object.keys(filters) as (keyof MetricFilters)[]).flatMap((dimension) => {
    const value = filters[dimension];
    if (value === undefined) return [];
    return [sql`${dimensionColumn(source, dimension, dimension)} = ${value}`];
  });
  return parts.length === 0 ? sql`true` : sql`(${sql.join(parts, sql` and `)})`;
}

const FILTER_NAMES = MetricFilters.keyof().options;

/** The dimension filters of a parsed query (everything else left out). */
export function pickFilters(query: MetricFilters): MetricFilters {
  return Object.fromEntries(
    FILTER_NAMES.flatMap((name) => (query[name] === undefined ? [] : [[name, query[name]]])),
  ) as MetricFilters;
}

/** PostgreSQL's invalid_parameter_value, which "time zone … not recognized" raises. */
const INVALID_PARAMETER_VALUE = '22023';

/** Runs `work`, turning the database's refusal of the time zone into a 400 naming `tz`. */
export async function withZone<T>(tz: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // The runtime's zone list and the database's can differ; the database has the last word.
    // Drizzle may wrap the driver's error; the code is on it or on its cause.
    const failure = error as { code?: string; cause?: { code?: string } };
    if ((failure.code ?? failure.cause?.code) === INVALID_PARAMETER_VALUE) {
      const message = `the database does not know the time zone "${tz}"`;
      throw new ApiError(400, 'invalid_request', `invalid request: tz: ${message}`, [{ path: 'tz', message }]);
    }
    throw error;
  }
}

/** Both drivers answer `{ rows }`; Drizzle types the shared result as unknown. */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}
