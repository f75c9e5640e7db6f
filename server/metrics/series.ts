import {
  CORE_INDEX,
  METRICS_HISTORY_DAYS,
  type MetricPoint,
  type MetricsSeriesQuery,
  type MetricsSeriesResponse,
} from '../../contract';
import { anomalyChart, type DayCounts, type SeriesKind } from '../anomaly';
import type { Database } from '../db/client';
import { ApiError } from '../errors';
import { eventCounts, reportCounts, type CountRequest, type DayCell } from './daily-counts';
import { addDays, dayRange } from './days';
import { builtInMetric, customEventMetric, type ResolvedMetric } from './definitions';
import { pickFilters, withZone } from './filters-sql';
import { currentCoreIndex, findCoreIndex, findCustomMetric } from './store';

/*
 * A metric's daily series: counts from SQL (daily-counts.ts), every day of the range filled in,
 * and anomaly flags from the pure detectors (server/anomaly). The detectors read
 * METRICS_HISTORY_DAYS days before `from` as history, so the first days of a range are judged
 * like any other; those days are never returned.
 */

/** The metric `id` names (built-in, custom or the core index), or a 404. */
export async function resolveMetric(db: Database, id: string, version?: number): Promise<ResolvedMetric> {
  if (id === CORE_INDEX) {
    const index = version === undefined ? await currentCoreIndex(db) : await findCoreIndex(db, version);
    if (!index) throw new ApiError(404, 'not_found', `no version ${version} of the core index`);
    return { id: CORE_INDEX, source: 'core_index', kind: 'index', index };
  }
  const builtIn = builtInMetric(id);
  if (builtIn) return builtIn;
  const custom = await findCustomMetric(db, id);
  if (!custom) throw new ApiError(404, 'not_found', `no metric ${id}`);
  return customEventMetric(custom);
}

/** One group's cells by day, each day's [numerator, denominator] per counted pair. */
type Grid = Map<string | null, Map<string, [number, number][]>>;

function gridOf(cells: readonly DayCell[]): Grid {
  const grid: Grid = new Map();
  for (const cell of cells) {
    const days = grid.get(cell.key) ?? new Map<string, [number, number][]>();
    days.set(cell.day, cell.counts);
    grid.set(cell.key, days);
  }
  return grid;
}

/** A day of one group as the detectors and the answer see it. */
function dayCounts(metric: ResolvedMetric, counts: [number, number][] | undefined): DayCounts {
  if (metric.kind === 'count') {
    const n = counts?.[0]?.[0] ?? 0;
    return { numerator: n, denominator: null, value: n };
  }
  if (metric.source === 'core_index') {
    // Σ weight·value over the components with events that day, and Σ weight over the same components.
    let weighted = 0;
    let weights = 0;
    metric.index.components.forEach((component, i) => {
      const [x, n] = counts?.[i] ?? [0, 0];
      if (n === 0) return;
      const value = x / n;
      weighted += component.weight * (component.invert ? 1 - value : value);
      weights += component.weight;
    });
    return { numerator: weighted, denominator: weights, value: weights === 0 ? null : weighted / weights };
  }
  const [x, n] = counts?.[0] ?? [0, 0];
  return { numerator: x, denominator: n, value: n === 0 ? null : x / n };
}

const SERIES_KIND: Record<ResolvedMetric['kind'], SeriesKind> = {
  proportion: 'proportion',
  count: 'count',
  index: 'index',
};

/** The daily series of `query`, grouped and flagged. */
export async function metricSeries(db: Database, query: MetricsSeriesQuery): Promise<MetricsSeriesResponse> {
  const metric = await resolveMetric(db, query.metric, query.version);
  const historyFrom = addDays(query.from, -METRICS_HISTORY_DAYS);
  const request: CountRequest = {
    from: historyFrom,
    to: query.to,
    tz: query.tz,
    groupBy: query.groupBy,
    filters: pickFilters(query),
  };
  const cells = await withZone(query.tz, () => countsOf(db, metric, request));
  const grid = gridOf(cells);
  // Groups with something in the asked range; history alone does not make a series.
  const keys = [...grid.entries()]
    .filter(([, days]) => [...days.keys()].some((day) => day >= query.from))
    .map(([key]) => key)
    .sort(compareKeys);
  if (query.groupBy === 'none' && keys.length === 0) keys.push(null);

  const allDays = dayRange(historyFrom, query.to);
  const firstShown = METRICS_HISTORY_DAYS;
  const series = keys.map((key) => {
    const days = grid.get(key);
    const counts = allDays.map((day) => dayCounts(metric, days?.get(day)));
    const chart = anomalyChart(SERIES_KIND[metric.kind], counts);
    const points: MetricPoint[] = allDays.slice(firstShown).map((date, i) => {
      const { flag, limits } = chart[firstShown + i]!;
      // Without `limits=true` a point has no `limits` key at all: the shape issue 11 fixes.
      return { date, ...counts[firstShown + i]!, flag, ...(query.limits ? { limits } : {}) };
    });
    return { key: query.groupBy === 'none' ? {} : { [query.groupBy]: key }, points };
  });
  return { metric: query.metric, groupBy: query.groupBy, tz: query.tz, series };
}

function countsOf(db: Database, metric: ResolvedMetric, request: CountRequest): Promise<DayCell[]> {
  if (metric.source === 'gap_reports') return reportCounts(db, request);
  if (metric.source === 'core_index') return eventCounts(db, request, metric.index.components);
  return eventCounts(db, request, [metric]);
}

/** Group keys in a stable order: by value, the group without a value last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
