import { createRoute, z } from '@hono/zod-openapi';
import {
  MetricsDefinitionsResponse,
  MetricsEventsCsvQuery,
  MetricsEventsQuery,
  MetricsEventsResponse,
  MetricsSeriesQuery,
  MetricsSeriesResponse,
  SectionSignalsQuery,
  SectionSignalsResponse,
} from '../../contract';
import { bearerSecurity, requireRoles } from '../auth';
import { csvHeaders, csvStream } from '../csv';
import { errorResponses } from '../errors';
import { drillCsv, seriesColumns, seriesRows, signalsCsv } from '../metrics/csv-exports';
import { metricDefinitions } from '../metrics/definitions';
import { drillExport, metricDrill } from '../metrics/drill';
import { sectionSignals } from '../metrics/section-signals';
import { metricSeries } from '../metrics/series';
import { currentCoreIndex, listCustomMetrics } from '../metrics/store';
import { registerMetricDefinitionRoutes } from './metric-definitions';
import type { Api, RouteDeps } from './types';

const json = <T extends z.ZodType>(schema: T) => ({ 'application/json': { schema } });
const csv = { 'text/csv': { schema: { type: 'string' as const } } };

/** Registers the metrics routes (issue 11): series, drill-down and section signals (each also as CSV), definitions. Analysts and admins only. */
export function registerMetricsRoutes(app: Api, deps: RouteDeps): void {
  const analysts = requireRoles(deps.db, deps.now, ['admin', 'analyst']);

  const series = createRoute({
    method: 'get',
    path: '/v1/metrics/series',
    summary:
      'A metric per calendar day in a time zone, grouped by one dimension, with anomaly flags (analysts, admins)',
    description:
      'One point for every day from `from` to `to`. Proportions: numerator, denominator and their ratio (null without ' +
      'events). Counts: numerator = value, denominator null. Counted in SQL from the stored events and reports, so a ' +
      'late import shows at once. A flag says the value lies outside control limits from the series’ own history. ' +
      'With `limits=true` every point also carries `limits`, the chart it was judged against (null where not judged).',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { query: MetricsSeriesQuery },
    responses: {
      200: { description: 'The series', content: json(MetricsSeriesResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(series, async (c) => c.json(await metricSeries(deps.db, c.req.valid('query')), 200));

  const seriesCsv = createRoute({
    method: 'get',
    path: '/v1/metrics/series.csv',
    summary: 'The same series as CSV: one row per group and day (analysts, admins)',
    description:
      'Columns metric, group_by, group, date, numerator, denominator, value, then the flag (direction, its lower and ' +
      'upper limits, method); with `limits=true` also center, lower_limit and upper_limit of the day’s control chart.',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { query: MetricsSeriesQuery },
    responses: { 200: { description: 'CSV with a header row', content: csv }, ...errorResponses(400, 401, 403, 404) },
  });
  app.openapi(seriesCsv, async (c) => {
    const query = c.req.valid('query');
    const body = await metricSeries(deps.db, query);
    const name = `metric-${query.metric}-by-${query.groupBy}-${query.from}-${query.to}.csv`;
    return c.body(csvStream(seriesColumns(query.limits), seriesRows(body)), 200, csvHeaders(name));
  });

  const events = createRoute({
    method: 'get',
    path: '/v1/metrics/events',
    summary: 'The events (or gap reports) behind one point or a range of days, newest first, paged (analysts, admins)',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { query: MetricsEventsQuery },
    responses: {
      200: { description: 'A page', content: json(MetricsEventsResponse) },
      ...errorResponses(400, 401, 403, 404),
    },
  });
  app.openapi(events, async (c) => c.json(await metricDrill(deps.db, c.req.valid('query')), 200));

  const eventsCsv = createRoute({
    method: 'get',
    path: '/v1/metrics/events.csv',
    summary: 'Every event (or gap report) behind one point or a range of days as CSV, newest first (analysts, admins)',
    description:
      'The drill-down’s query without the page: every row, streamed. Events: occurred_at, id, kind, site, item_key, ' +
      'queue, policy, guideline_version, decision, verdict, corrected_decision, actor, auditor, note, in_numerator. ' +
      'Reports (`metric=gap_reports`): created_at, id, type, severity, status, reporter, site, queue, policy, ' +
      'guideline_id, section_id, guideline_version, note. UTF-8 with a byte-order mark, CRLF rows; cells that would ' +
      'start a spreadsheet formula are prefixed with an apostrophe.',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { query: MetricsEventsCsvQuery },
    responses: { 200: { description: 'CSV with a header row', content: csv }, ...errorResponses(400, 401, 403, 404) },
  });
  app.openapi(eventsCsv, async (c) => {
    const query = c.req.valid('query');
    const drill = await drillExport(deps.db, query);
    const days = query.date ?? `${query.from}-${query.to}`;
    return c.body(drillCsv(drill), 200, csvHeaders(`metric-${query.metric}-events-${days}.csv`));
  });

  const signals = createRoute({
    method: 'get',
    path: '/v1/metrics/section-signals',
    summary: 'Guideline sections whose error rate and gap reports rose together around a version change, ranked',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { query: SectionSignalsQuery },
    responses: {
      200: { description: 'The ranked sections', content: json(SectionSignalsResponse) },
      ...errorResponses(400, 401, 403),
    },
  });
  app.openapi(signals, async (c) => c.json(await sectionSignals(deps.db, c.req.valid('query')), 200));

  const signalsExport = createRoute({
    method: 'get',
    path: '/v1/metrics/section-signals.csv',
    summary: 'The ranked sections as CSV, one row each, strongest first (analysts, admins)',
    description:
      'The same query as section-signals. Columns: rank, guideline_id, site, section_id, heading, change, ' +
      'from_version, to_version, effective_from, policies (joined by ";"), before_ and after_ judged, correct, ' +
      'error_rate and gap_reports, error_z, gap_z, score, rank_score, top_queue (the strongest queue).',
    security: bearerSecurity,
    middleware: [analysts] as const,
    request: { query: SectionSignalsQuery },
    responses: { 200: { description: 'CSV with a header row', content: csv }, ...errorResponses(400, 401, 403) },
  });
  app.openapi(signalsExport, async (c) => {
    const query = c.req.valid('query');
    const body = await sectionSignals(deps.db, query);
    return c.body(signalsCsv(body), 200, csvHeaders(`section-signals-${query.from}-${query.to}.csv`));
  });

  const definitions = createRoute({
    method: 'get',
    path: '/v1/metrics/definitions',
    summary: 'Every metric (built-in, custom, the core index) with its kind and dimensions (analysts, admins)',
    security: bearerSecurity,
    middleware: [analysts] as const,
    responses: {
      200: { description: 'The metrics', content: json(MetricsDefinitionsResponse) },
      ...errorResponses(401, 403),
    },
  });
  app.openapi(definitions, async (c) => {
    const [custom, coreIndex] = await Promise.all([listCustomMetrics(deps.db), currentCoreIndex(deps.db)]);
    return c.json({ metrics: metricDefinitions(custom, coreIndex), custom, coreIndex }, 200);
  });

  registerMetricDefinitionRoutes(app, deps);
}
