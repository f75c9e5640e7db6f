import type {
  MetricEvent,
  MetricPoint,
  MetricReport,
  MetricsSeriesResponse,
  SectionSignal,
  SectionSignalsResponse,
  SignalSide,
} from '../../contract';
import { csvStream, type CsvColumn } from '../csv';
import type { DrillExport } from './drill';

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

const EVENT_COLUMNS: readonly CsvColumn<MetricEvent>[] = [
  { header: 'occurred_at', value: (e) => e.occurredAt },
  { header: 'id', value: (e) => e.id },
  { header: 'kind', value: (e) => e.kind },
  { header: 'site', value: (e) => e.site },
  { header: 'item_key', value: (e) => e.itemKey },
  { header: 'queue', value: (e) => e.queue },
  { header: 'policy', value: (e) => e.policy },
  { header: 'guideline_version', value: (e) => e.guidelineVersion },
  { header: 'decision', value: (e) => e.decision },
  { header: 'verdict', value: (e) => e.verdict },
  { header: 'corrected_decision', value: (e) => e.correctedDecision },
  { header: 'actor', value: (e) => e.actor },
  { header: 'auditor', value: (e) => e.auditor },
  { header: 'note', value: (e) => e.note },
  { header: 'in_numerator', value: (e) => e.inNumerator },
];

const REPORT_COLUMNS: readonly CsvColumn<MetricReport>[] = [
  { header: 'created_at', value: (r) => r.createdAt },
  { header: 'id', value: (r) => r.id },
  { header: 'type', value: (r) => r.type },
  { header: 'severity', value: (r) => r.severity },
  { header: 'status', value: (r) => r.status },
  { header: 'reporter', value: (r) => r.reporter },
  { header: 'site', value: (r) => r.site },
  { header: 'queue', value: (r) => r.queue },
  { header: 'policy', value: (r) => r.policy },
  { header: 'guideline_id', value: (r) => r.guidelineId },
  { header: 'section_id', value: (r) => r.sectionId },
  { header: 'guideline_version', value: (r) => r.guidelineVersion },
  { header: 'note', value: (r) => r.note },
];

/** The drill-down's rows as CSV: one row per event, or per report for `gap_reports`. */
export function drillCsv(drill: DrillExport): ReadableStream<Uint8Array> {
  return drill.source === 'gap_reports' ? csvStream(REPORT_COLUMNS, drill.rows) : csvStream(EVENT_COLUMNS, drill.rows);
}

/** A ranked section with its place in the ranking (1 is the strongest). */
interface RankedSignal {
  rank: number;
  signal: SectionSignal;
}

/** The columns of one side of a change, prefixed `before_` or `after_`. */
function sideColumns(side: 'before' | 'after'): CsvColumn<RankedSignal>[] {
  const of = (row: RankedSignal): SignalSide => row.signal[side];
  return [
    { header: `${side}_judged`, value: (row) => of(row).judged },
    { header: `${side}_correct`, value: (row) => of(row).correct },
    { header: `${side}_error_rate`, value: (row) => of(row).errorRate },
    { header: `${side}_gap_reports`, value: (row) => of(row).gapReports },
  ];
}

const SIGNAL_COLUMNS: readonly CsvColumn<RankedSignal>[] = [
  { header: 'rank', value: (row) => row.rank },
  { header: 'guideline_id', value: (row) => row.signal.guidelineId },
  { header: 'site', value: (row) => row.signal.site },
  { header: 'section_id', value: (row) => row.signal.sectionId },
  { header: 'heading', value: (row) => row.signal.heading },
  { header: 'change', value: (row) => row.signal.change },
  { header: 'from_version', value: (row) => row.signal.fromVersion },
  { header: 'to_version', value: (row) => row.signal.toVersion },
  { header: 'effective_from', value: (row) => row.signal.effectiveFrom },
  { header: 'policies', value: (row) => row.signal.policies.join(';') },
  ...sideColumns('before'),
  ...sideColumns('after'),
  { header: 'error_z', value: (row) => row.signal.errorZ },
  { header: 'gap_z', value: (row) => row.signal.gapZ },
  { header: 'score', value: (row) => row.signal.score },
  { header: 'rank_score', value: (row) => row.signal.rankScore },
  { header: 'top_queue', value: (row) => row.signal.byQueue[0]?.queue },
];

/** The ranked sections as CSV, one row each, in the JSON's order (strongest first). */
export function signalsCsv(body: SectionSignalsResponse): ReadableStream<Uint8Array> {
  async function* rows(): AsyncIterable<RankedSignal> {
    for (const [i, signal] of body.signals.entries()) yield { rank: i + 1, signal };
  }
  return csvStream(SIGNAL_COLUMNS, rows());
}
