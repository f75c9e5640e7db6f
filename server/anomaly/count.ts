import { poissonLowerTail, poissonUpperTail } from './distributions';
import { DEFAULT_CHART, flagsOf, type AnomalyFlag, type ChartDay, type ChartOptions, type DayCounts } from './types';

/*
 * Counts (audit volume, gap reports) and the core index: robust individuals charts.
 *
 * Volumes follow the week (weekends are quieter) and burst, so a plain c-chart (mean ± 3√mean)
 * would flag every Saturday. A count is compared with the median of the same weekday over the
 * trailing four weeks (flagged days left out); the spread is the larger of the Poisson spread
 * √expected and the MAD of the recent days' residuals against their own expectations (scaled to
 * a σ). A count is flagged only when it is also improbable under Poisson(expected): a day with 3
 * reports against a usual 1 is not news, and a low-volume series is never flagged low (its lower
 * limit is 0).
 *
 * The core index (a weighted mean of proportions) has no week in it: its centre is the trailing
 * median and its spread the MAD alone.
 */

/**
 * Counts get 4σ limits: a spread estimated from a few weeks of bursty days is itself uncertain,
 * and at 3σ one ordinary day in a hundred crossed (on the benchmark's series). Real volume
 * anomalies (an import that skipped a day, one that ran twice) are far larger than that.
 */
export const DEFAULT_COUNT: ChartOptions = { ...DEFAULT_CHART, sigmas: 4 };

export const ROBUST_COUNT = 'robust-c-chart';
export const ROBUST_INDEX = 'robust-individuals';

/** MAD × 1.4826 estimates σ for normal data. */
const MAD_TO_SIGMA = 1.4826;
/** The core index lives in [0, 1]; a spread below half a point is noise of rounding, not of quality. */
const INDEX_MIN_SPREAD = 0.005;

/**
 * The daily chart of a count series (values are the day's counts; position mod 7 is the weekday):
 * the same weekday's median with its limits, and the day's flag when it is out of control.
 */
export function countChart(days: readonly DayCounts[], options: ChartOptions = DEFAULT_COUNT): ChartDay[] {
  const chart: ChartDay[] = days.map(() => ({ flag: null, limits: null }));
  const expected: (number | null)[] = days.map(() => null);
  for (let t = 0; t < days.length; t++) {
    const value = days[t]!.value;
    const sameWeekday: number[] = [];
    for (let s = t - 7; s >= Math.max(0, t - options.baselineDays); s -= 7) {
      const past = days[s]!.value;
      if (past !== null && !chart[s]!.flag) sameWeekday.push(past);
    }
    if (sameWeekday.length < 2) continue;
    const centre = median(sameWeekday);
    expected[t] = centre;
    const residuals: number[] = [];
    for (let s = Math.max(0, t - options.baselineDays); s < t; s++) {
      const past = days[s]!.value;
      if (past !== null && !chart[s]!.flag && expected[s] !== null) residuals.push(past - expected[s]!);
    }
    if (value === null || residuals.length < options.minBaselineDays) continue;
    const spread = Math.max(Math.sqrt(Math.max(centre, 1)), MAD_TO_SIGMA * median(residuals.map(Math.abs)));
    const lower = Math.max(0, centre - options.sigmas * spread);
    const upper = centre + options.sigmas * spread;
    chart[t]!.limits = { center: centre, lower, upper };
    if (value < lower && poissonLowerTail(value, centre) < options.alpha) {
      chart[t]!.flag = { direction: 'low', lower, upper, method: ROBUST_COUNT };
    } else if (value > upper && poissonUpperTail(value, Math.max(centre, 0.5)) < options.alpha) {
      chart[t]!.flag = { direction: 'high', lower, upper, method: ROBUST_COUNT };
    }
  }
  return chart;
}

/** Flags for a count series (values are the day's counts; position mod 7 is the weekday). */
export function countFlags(days: readonly DayCounts[], options: ChartOptions = DEFAULT_COUNT): (AnomalyFlag | null)[] {
  return flagsOf(countChart(days, options));
}

/** The daily chart of the core index (a weighted mean of proportions): the trailing median with its limits from the MAD alone. */
export function indexChart(days: readonly DayCounts[], options: ChartOptions = DEFAULT_CHART): ChartDay[] {
  const chart: ChartDay[] = days.map(() => ({ flag: null, limits: null }));
  for (let t = 0; t < days.length; t++) {
    const value = days[t]!.value;
    if (value === null) continue;
    const window: number[] = [];
    for (let s = Math.max(0, t - options.baselineDays); s < t; s++) {
      const past = days[s]!.value;
      if (past !== null && !chart[s]!.flag) window.push(past);
    }
    if (window.length < options.minBaselineDays) continue;
    const centre = median(window);
    const spread = Math.max(MAD_TO_SIGMA * median(window.map((v) => Math.abs(v - centre))), INDEX_MIN_SPREAD);
    const lower = Math.max(0, centre - options.sigmas * spread);
    const upper = centre + options.sigmas * spread;
    chart[t]!.limits = { center: centre, lower, upper };
    if (value < lower) chart[t]!.flag = { direction: 'low', lower, upper, method: ROBUST_INDEX };
    else if (value > upper) chart[t]!.flag = { direction: 'high', lower, upper, method: ROBUST_INDEX };
  }
  return chart;
}

/** Flags for the core index: its chart's flags. */
export function indexFlags(days: readonly DayCounts[], options: ChartOptions = DEFAULT_CHART): (AnomalyFlag | null)[] {
  return flagsOf(indexChart(days, options));
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
