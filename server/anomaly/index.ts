import { countFlags, indexFlags } from './count';
import { proportionFlags } from './proportion';
import type { AnomalyFlag, DayCounts, SeriesKind } from './types';

export type { AnomalyFlag, DayCounts, SeriesKind } from './types';
export { countFlags, indexFlags, median, ROBUST_COUNT, ROBUST_INDEX } from './count';
export { DEFAULT_PROPORTION, EWMA_DRIFT, P_CHART, proportionFlags, type ProportionOptions } from './proportion';

/**
 * Anomaly flags for one series: consecutive calendar days, oldest first, history included (a day is
 * judged against the days before it). Pure: the same points always give the same flags.
 */
export function anomalyFlags(kind: SeriesKind, days: readonly DayCounts[]): (AnomalyFlag | null)[] {
  if (kind === 'proportion') return proportionFlags(days);
  if (kind === 'count') return countFlags(days);
  return indexFlags(days);
}
