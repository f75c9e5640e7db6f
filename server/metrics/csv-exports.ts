import type { MetricPoint, MetricsSeriesResponse } from '../../contract';
import type { CsvColumn } from '../csv';

/*
 * The metrics CSV exports: which columns each has and how the JSON answer becomes rows. Every
 * export is the same query as its JSON route, so a CSV row is a JSON row flattened.
 */

/** A point of the series with the group it belongs to. */
export interface SeriesRow extends MetricPoint {
  metric: string;
  groupBy: string;
  group: string | null;
}

const SERIES_COLUMNS: readonly CsvColumn<SeriesRow>[] = [
  { header: 'metric', value: (row) => row.metric },
  { header: 'group_by', value: (row) => row.groupBy },
  { header: 'group', value: (row) => row.group },
  { header: 'date', value: (row) => row.date },
  { header: 'numerator', value: (row) => row.numerator },
  { header: 'denominator', value: (row) => row.denominator },
  { header: 'value', value: (row) => row.value },
  { header: 'flag', value: (row) => row.flag?.direction },
  { header: 'lower', value: (row) => row.flag?.lower },
  { header: 'upper', value: (row) => row.flag?.upper },
  { header: 'method', value: (row) => row.flag?.method },
];

/** `limits=true` adds the day's control chart; `lower`/`upper` stay the flag's, as before. */
const LIMIT_COLUMNS: readonly CsvColumn<SeriesRow>[] = [
  { header: 'center', value: (row) => row.limits?.center },
  { header: 'lower_limit', value: (row) => row.limits?.lower },
  { header: 'upper_limit', value: (row) => row.limits?.upper },
];

/** The series CSV's columns, with the control limits when they were asked for. */
export function seriesColumns(limits: boolean): readonly CsvColumn<SeriesRow>[] {
  return limits ? [...SERIES_COLUMNS, ...LIMIT_COLUMNS] : SERIES_COLUMNS;
}

/** One row per group and day, groups in the answer's order. */
export async function* seriesRows(body: MetricsSeriesResponse): AsyncIterable<SeriesRow> {
  for (const { key, points } of body.series) {
    const group = body.groupBy === 'none' ? null : (key[body.groupBy] ?? null);
    for (const point of points) yield { metric: body.metric, groupBy: body.groupBy, group, ...point };
  }
}
