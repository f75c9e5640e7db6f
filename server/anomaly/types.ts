/** One day of a metric as SQL computed it, oldest first and one per calendar day (days without data included). */
export interface DayCounts {
  numerator: number;
  /** Null for count metrics. */
  denominator: number | null;
  /** numerator / denominator for proportions (null without events), the count itself for counts. */
  value: number | null;
}

/**
 * Why a day is flagged: its value lies below `lower` (direction `low`) or above `upper` (`high`),
 * the limits the method derived for that day from the series' own history.
 */
export interface AnomalyFlag {
  direction: 'high' | 'low';
  lower: number;
  upper: number;
  method: string;
}

/** The control chart a day was judged against: its centre line and its lower and upper limits. */
export interface ControlLimits {
  center: number;
  lower: number;
  upper: number;
}

/**
 * One day as a detector saw it: its flag (null when in control or not judged) and the daily chart
 * it was judged against (null when it was not judged: too few events, too little history).
 */
export interface ChartDay {
  flag: AnomalyFlag | null;
  limits: ControlLimits | null;
}

/** The flags of a run of chart days. */
export function flagsOf(chart: readonly ChartDay[]): (AnomalyFlag | null)[] {
  return chart.map((day) => day.flag);
}

/** What a series measures, which decides the chart. */
export type SeriesKind = 'proportion' | 'count' | 'index';

/** The control-chart knobs every detector shares. */
export interface ChartOptions {
  /** Trailing days a day's limits are estimated from (flagged days left out). */
  baselineDays: number;
  /** Fewest usable days that window must hold before anything is flagged. */
  minBaselineDays: number;
  /** Width of the limits in standard deviations. */
  sigmas: number;
  /**
   * One-sided tail probability a flagged day must also reach under the exact law (binomial or
   * Poisson): the probability of a point beyond a 3σ limit of a normal law.
   */
  alpha: number;
}

export const DEFAULT_CHART: ChartOptions = { baselineDays: 28, minBaselineDays: 7, sigmas: 3, alpha: 0.00135 };
