import { sql } from 'drizzle-orm';
import type {
  MetricEvent,
  MetricFilters,
  MetricReport,
  MetricsEventsCsvQuery,
  MetricsEventsQuery,
  MetricsEventsResponse,
} from '../../contract';
import type { Database } from '../db/client';
import { ApiError } from '../errors';
import type { EventMetric } from './definitions';
import { instantBounds } from './days';
import { dimensionFiltersSql, eventFilterSql, pickFilters, rowsOf, withZone } from './filters-sql';
import { resolveMetric } from './series';

/*
 * What is behind a point: the events (or gap reports) a metric counted on one day or a range of
 * days, with the same filters, newest first, by a keyset cursor (time, id). The JSON route reads
 * one page of it; the CSV export reads every page, through the same queries.
 */

interface Position {
  at: string;
  id: string;
}

function encode(position: Position): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

function decode(cursor: string): Position {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(at)) && id.length <= 128) {
      return { at, id };
    }
  } catch {
    // Falls through to the refusal below.
  }
  const message = 'not a cursor this route made';
  throw new ApiError(400, 'invalid_request', `invalid request: cursor: ${message}`, [{ path: 'cursor', message }]);
}

/** Microsecond UTC text of a timestamp: exact to PostgreSQL's precision, so a cursor never skips a row. */
const cursorAt = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`);

/** A row as read, with its time in the keyset (the row's own time text is to the millisecond only). */
interface Positioned<T> {
  row: T;
  at: string;
}

/** Reads up to `limit` rows after `after` (all from the start when null), newest first. */
type PageReader<T> = (limit: number, after: Position | null) => Promise<Positioned<T>[]>;

/** Splits the keyset's time off a row as SQL returned it. */
function positioned<T>(rows: readonly (T & { cursorAt: string })[]): Positioned<T>[] {
  return rows.map(({ cursorAt, ...row }) => ({ row: row as T, at: cursorAt }));
}

interface Page<T> {
  rows: T[];
  /** Where the next page starts; null on the last page. */
  next: Position | null;
}

/** The days and filters of a drill-down, and a reader of its rows: events or reports. */
type Drill = { metric: string; from: string; to: string; tz: string } & (
  | { source: 'quality_events'; read: PageReader<MetricEvent> }
  | { source: 'gap_reports'; read: PageReader<MetricReport> }
);

/** The drill-down `query` asks for, or the 400/404 it deserves. */
async function drillOf(db: Database, query: MetricsEventsCsvQuery): Promise<Drill> {
  const metric = await resolveMetric(db, query.metric);
  if (metric.source === 'core_index') {
    const message = 'the core index has no events of its own; drill into one of its component metrics';
    throw new ApiError(400, 'invalid_request', `invalid request: metric: ${message}`, [{ path: 'metric', message }]);
  }
  const scope: Scope = {
    from: query.date ?? query.from!,
    to: query.date ?? query.to!,
    tz: query.tz,
    filters: pickFilters(query),
  };
  const common = { metric: query.metric, from: scope.from, to: scope.to, tz: scope.tz };
  if (metric.source === 'gap_reports') {
    return { ...common, source: 'gap_reports', read: (limit, after) => reportRows(db, scope, limit, after) };
  }
  return { ...common, source: 'quality_events', read: (limit, after) => eventRows(db, scope, metric, limit, after) };
}

/** One page: a row more than asked says whether another page follows. */
async function readPage<T extends { id: string }>(
  read: PageReader<T>,
  limit: number,
  after: Position | null,
): Promise<Page<T>> {
  const rows = await read(limit + 1, after);
  const page = rows.slice(0, limit);
  const last = rows.length > limit ? page.at(-1)! : null;
  return {
    rows: page.map((entry) => entry.row),
    next: last ? { at: last.at, id: last.row.id } : null,
  };
}

/** The events or reports behind `query`'s day or days, one page. */
export async function metricDrill(db: Database, query: MetricsEventsQuery): Promise<MetricsEventsResponse> {
  const drill = await drillOf(db, query);
  const after = query.cursor ? decode(query.cursor) : null;
  const { metric, from, to, tz } = drill;
  return withZone(tz, async () => {
    if (drill.source === 'gap_reports') {
      const page = await readPage(drill.read, query.limit, after);
      const nextCursor = page.next && encode(page.next);
      return { metric, from, to, tz, source: 'gap_reports', reports: page.rows, nextCursor };
    }
    const page = await readPage(drill.read, query.limit, after);
    const nextCursor = page.next && encode(page.next);
    return { metric, from, to, tz, source: 'quality_events', events: page.rows, nextCursor };
  });
}

/** Rows an export reads per keyset page by default. */
const EXPORT_PAGE = 500;

/** Every row behind a drill-down, newest first: events or reports. */
export type DrillExport =
  | { source: 'quality_events'; rows: AsyncIterable<MetricEvent> }
  | { source: 'gap_reports'; rows: AsyncIterable<MetricReport> };

/**
 * Every event or report behind `query`, read a keyset page at a time (never by OFFSET: a page
 * costs the same however deep it is). The first page is read before this resolves, so a refusal
 * (an unknown zone, a dimension the source lacks) is still an error status, not a broken stream.
 */
export async function drillExport(
  db: Database,
  query: MetricsEventsCsvQuery,
  pageSize = EXPORT_PAGE,
): Promise<DrillExport> {
  const drill = await drillOf(db, query);
  if (drill.source === 'gap_reports') {
    const first = await withZone(drill.tz, () => readPage(drill.read, pageSize, null));
    return { source: 'gap_reports', rows: everyRow(drill.read, first, pageSize) };
  }
  const first = await withZone(drill.tz, () => readPage(drill.read, pageSize, null));
  return { source: 'quality_events', rows: everyRow(drill.read, first, pageSize) };
}

async function* everyRow<T extends { id: string }>(
  read: PageReader<T>,
  first: Page<T>,
  pageSize: number,
): AsyncGenerator<T> {
  let page = first;
  for (;;) {
    yield* page.rows;
    if (!page.next) return;
    page = await readPage(read, pageSize, page.next);
  }
}

/** The days (in `tz`) and dimension filters a drill-down reads. */
interface Scope {
  from: string;
  to: string;
  tz: string;
  filters: MetricFilters;
}

async function eventRows(
  db: Database,
  scope: Scope,
  metric: Pick<EventMetric, 'numerator' | 'denominator'>,
  limit: number,
  after: Position | null,
): Promise<Positioned<MetricEvent>[]> {
  const { lo, hi } = instantBounds(scope.from, scope.to);
  const population = eventFilterSql(metric.denominator ?? metric.numerator);
  const inNumerator = metric.denominator ? eventFilterSql(metric.numerator) : sql`true`;
  const day = sql`(e.occurred_at at time zone ${scope.tz})::date`;
  const keyset = after ? sql`and (e.occurred_at, e.id) < (${after.at}::timestamptz, ${after.id})` : sql``;
  const result = await db.execute(sql`
    select e.id, e.kind, e.site, e.item_key as "itemKey", e.queue, e.policy, e.decision, e.verdict,
      e.corrected_decision as "correctedDecision", e.actor, e.auditor,
      to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "occurredAt",
      e.guideline_version as "guidelineVersion", e.note, (${inNumerator}) as "inNumerator",
      ${cursorAt('e.occurred_at')} as "cursorAt"
    from quality_events e
    where e.occurred_at >= ${lo}::timestamptz and e.occurred_at < ${hi}::timestamptz
      and ${day} between ${scope.from}::date and ${scope.to}::date
      and ${population} and ${dimensionFiltersSql('quality_events', scope.filters)}
      ${keyset}
    order by e.occurred_at desc, e.id desc
    limit ${limit}`);
  return positioned(rowsOf<MetricEvent & { cursorAt: string }>(result));
}

async function reportRows(
  db: Database,
  scope: Scope,
  limit: number,
  after: Position | null,
): Promise<Positioned<MetricReport>[]> {
  const { lo, hi } = instantBounds(scope.from, scope.to);
  const day = sql`(r.created_at at time zone ${scope.tz})::date`;
  const keyset = after ? sql`and (r.created_at, r.id::text) < (${after.at}::timestamptz, ${after.id})` : sql``;
  const result = await db.execute(sql`
    select r.id::text as id, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
      r.type, r.severity, r.status, r.reporter, r.note, r.site, r.queue, r.policy,
      r.guideline_id as "guidelineId", r.section_id as "sectionId", r.guideline_version as "guidelineVersion",
      ${cursorAt('r.created_at')} as "cursorAt"
    from gap_reports r
    where r.created_at >= ${lo}::timestamptz and r.created_at < ${hi}::timestamptz
      and ${day} between ${scope.from}::date and ${scope.to}::date
      and ${dimensionFiltersSql('gap_reports', scope.filters)}
      ${keyset}
    order by r.created_at desc, r.id::text desc
    limit ${limit}`);
  return positioned(rowsOf<MetricReport & { cursorAt: string }>(result));
}
