import { sql } from 'drizzle-orm';
import type { MetricEvent, MetricReport, MetricsEventsQuery, MetricsEventsResponse } from '../../contract';
import type { Database } from '../db/client';
import { ApiError } from '../errors';
import { instantBounds } from './days';
import { dimensionFiltersSql, eventFilterSql, pickFilters, rowsOf, withZone } from './filters-sql';
import { resolveMetric } from './series';

/*
 * What is behind a point: the events (or gap reports) a metric counted on one day or a range of
 * days, with the same filters, newest first, a page at a time by a keyset cursor (time, id).
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

/** The events or reports behind `query`'s day or days. */
export async function metricDrill(db: Database, query: MetricsEventsQuery): Promise<MetricsEventsResponse> {
  const metric = await resolveMetric(db, query.metric);
  if (metric.source === 'core_index') {
    const message = 'the core index has no events of its own; drill into one of its component metrics';
    throw new ApiError(400, 'invalid_request', `invalid request: metric: ${message}`, [{ path: 'metric', message }]);
  }
  const from = query.date ?? query.from!;
  const to = query.date ?? query.to!;
  const after = query.cursor ? decode(query.cursor) : null;
  const common = { metric: query.metric, from, to, tz: query.tz };
  return withZone(query.tz, async () => {
    if (metric.source === 'gap_reports') {
      const rows = await reportRows(db, query, from, to, after);
      const page = rows.slice(0, query.limit);
      const next = rows.length > query.limit ? page.at(-1)! : null;
      return {
        ...common,
        source: 'gap_reports',
        reports: page.map(({ cursorAt: _at, ...report }) => report),
        nextCursor: next ? encode({ at: next.cursorAt, id: next.id }) : null,
      };
    }
    const rows = await eventRows(db, query, metric, from, to, after);
    const page = rows.slice(0, query.limit);
    const next = rows.length > query.limit ? page.at(-1)! : null;
    return {
      ...common,
      source: 'quality_events',
      events: page.map(({ cursorAt: _at, ...event }) => event),
      nextCursor: next ? encode({ at: next.cursorAt, id: next.id }) : null,
    };
  });
}

async function eventRows(
  db: Database,
  query: MetricsEventsQuery,
  metric: { numerator: Parameters<typeof eventFilterSql>[0]; denominator: Parameters<typeof eventFilterSql>[0] | null },
  from: string,
  to: string,
  after: Position | null,
): Promise<(MetricEvent & { cursorAt: string })[]> {
  const { lo, hi } = instantBounds(from, to);
  const population = eventFilterSql(metric.denominator ?? metric.numerator);
  const inNumerator = metric.denominator ? eventFilterSql(metric.numerator) : sql`true`;
  const day = sql`(e.occurred_at at time zone ${query.tz})::date`;
  const keyset = after ? sql`and (e.occurred_at, e.id) < (${after.at}::timestamptz, ${after.id})` : sql``;
  const result = await db.execute(sql`
    select e.id, e.kind, e.site, e.item_key as "itemKey", e.queue, e.policy, e.decision, e.verdict,
      e.corrected_decision as "correctedDecision", e.actor, e.auditor,
      to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "occurredAt",
      e.guideline_version as "guidelineVersion", e.note, (${inNumerator}) as "inNumerator",
      ${cursorAt('e.occurred_at')} as "cursorAt"
    from quality_events e
    where e.occurred_at >= ${lo}::timestamptz and e.occurred_at < ${hi}::timestamptz
      and ${day} between ${from}::date and ${to}::date
      and ${population} and ${dimensionFiltersSql('quality_events', pickFilters(query))}
      ${keyset}
    order by e.occurred_at desc, e.id desc
    limit ${query.limit + 1}`);
  return rowsOf<MetricEvent & { cursorAt: string }>(result);
}

async function reportRows(
  db: Database,
  query: MetricsEventsQuery,
  from: string,
  to: string,
  after: Position | null,
): Promise<(MetricReport & { cursorAt: string })[]> {
  const { lo, hi } = instantBounds(from, to);
  const day = sql`(r.created_at at time zone ${query.tz})::date`;
  const keyset = after ? sql`and (r.created_at, r.id::text) < (${after.at}::timestamptz, ${after.id})` : sql``;
  const result = await db.execute(sql`
    select r.id::text as id, to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "createdAt",
      r.type, r.severity, r.status, r.reporter, r.note, r.site, r.queue, r.policy,
      r.guideline_id as "guidelineId", r.section_id as "sectionId", r.guideline_version as "guidelineVersion",
      ${cursorAt('r.created_at')} as "cursorAt"
    from gap_reports r
    where r.created_at >= ${lo}::timestamptz and r.created_at < ${hi}::timestamptz
      and ${day} between ${from}::date and ${to}::date
      and ${dimensionFiltersSql('gap_reports', pickFilters(query))}
      ${keyset}
    order by r.created_at desc, r.id::text desc
    limit ${query.limit + 1}`);
  return rowsOf<MetricReport & { cursorAt: string }>(result);
}
