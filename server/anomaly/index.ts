import { countChart, indexChart } from './count';
import { proportionChart } from './proportion';
import { flagsOf, type AnomalyFlag, type ChartDay, type DayCounts, type SeriesKind } from './types';

export type { AnomalyFlag, ChartDay, ControlLimits, DayCounts, SeriesKind } from './types';
export { countChart, countFlags, indexChart, indexFlags, median, ROBUST_COUNT, ROBUST_INDEX } from './count';
export {
  DEFAULT_PROPORTION,
  EWMA_DRIFT,
  P_CHART,
  proportionChart,
  proportionFlags,
  type ProportionOptions,
} from './proportion';

/**
 * The daily control chart of one series: consecutive calendar days, oldest first, history
 * included (a day is judged against the days before it). Per day, its flag and the limits it was
 * judged against. Pure: the same points always give the same chart.
 */
export function anomalyChart(kind: SeriesKind, days: readonly DayCounts[]): ChartDay[] {
  if (kind === 'proportion') return proportionChart(days);
  if (kind === 'count') return countChart(days);
  return indexChart(days);
}

/** Anomaly flags for one series: its chart's flags (null where a day is in control or not judged). */
export function anomalyFlags(kind: SeriesKind, days: readonly DayCounts[]): (AnomalyFlag | null)[] {
  return flagsOf(anomalyChart(kind, days));
}
