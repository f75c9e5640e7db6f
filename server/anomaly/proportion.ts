import { binomialLowerTail, binomialUpperTail, chiSquareQuantile } from './distributions';
import {
  DEFAULT_CHART,
  flagsOf,
  type AnomalyFlag,
  type ChartDay,
  type ChartOptions,
  type ControlLimits,
  type DayCounts,
} from './types';

/*
 * Proportions (accuracy, overturn rate, custom ratios): a p-chart for shocks and an EWMA of the
 * standardised values for slow drifts.
 *
 * - p̄ is pooled from the trailing `baselineDays`, leaving out days already flagged, so an anomaly
 *   does not drag the limits after it. A shift that lasts so long that fewer than
 *   `minBaselineDays` unflagged days remain in the window stops being judged until the new level
 *   has filled the window again: three weeks of a new level is the new normal.
 * - Limits are p̄ ± 3·σ·√(p̄(1−p̄)/n) with n that day's denominator. σ is 1 unless the baseline
 *   itself varies more than binomially (a chi-square dispersion test at 5%); then it is the upper
 *   90% confidence bound of the observed dispersion (Laney's p′-chart, made cautious because four
 *   weeks estimate a dispersion loosely), so large, naturally wobbly series are not flagged daily.
 * - A day is flagged only with at least `minDenominator` events and when its count is also
 *   improbable under the exact binomial law (tail < alpha): low-volume days are noisy, not anomalous.
 * - The EWMA (λ = 0.2, limit 3σ_E) runs on standardised residuals of unflagged days. It catches a
 *   drift whose single days stay inside the p-chart limits. It flags a day only when the day
 *   itself leans the same way by at least `driftMinZ`, so the statistic's slow decay after a
 *   drift ends does not flag ordinary days. Its flag reports the limits on the day's value that
 *   the EWMA implies given its history: the day is flagged exactly when its value lies outside them.
 */

export interface ProportionOptions extends ChartOptions {
  /** Fewest events a day needs to be judged at all. */
  minDenominator: number;
  /** Fewest events the baseline window must hold. */
  minBaselineEvents: number;
  /** EWMA weight of the newest day. */
  lambda: number;
  /** EWMA limit in units of its own asymptotic standard deviation. */
  ewmaSigmas: number;
  /** How far (in σ) a day must itself lean for the EWMA to flag it. */
  driftMinZ: number;
}

export const DEFAULT_PROPORTION: ProportionOptions = {
  ...DEFAULT_CHART,
  minDenominator: 20,
  minBaselineEvents: 100,
  lambda: 0.2,
  ewmaSigmas: 3,
  driftMinZ: 0.5,
};

export const P_CHART = 'p-chart';
export const EWMA_DRIFT = 'ewma-drift';

interface Baseline {
  /** Pooled proportion, kept off 0 and 1 so its variance is never zero. */
  p: number;
  /** Laney's dispersion factor (≥ 1). */
  sigmaZ: number;
}

/**
 * The daily chart of a proportion series, one entry per day: the p-chart (centre p̄, limits
 * p̄ ± 3σ) the day was judged against, and its flag (p-chart or EWMA drift) if it is out of control.
 */
export function proportionChart(
  days: readonly DayCounts[],
  options: ProportionOptions = DEFAULT_PROPORTION,
): ChartDay[] {
  const chart: ChartDay[] = days.map(() => ({ flag: null, limits: null }));
  const drift = new EwmaDrift(options);
  for (let t = 0; t < days.length; t++) {
    const { numerator: x } = days[t]!;
    const n = days[t]!.denominator ?? 0;
    if (n < options.minDenominator) continue;
    // The baseline reads the earlier days' flags, so an anomaly does not drag the limits after it.
    const base = baselineAt(days, chart, t, options);
    if (!base) continue;
    const sd = Math.sqrt((base.p * (1 - base.p)) / n) * base.sigmaZ;
    const value = x / n;
    const lower = Math.max(0, base.p - options.sigmas * sd);
    const upper = Math.min(1, base.p + options.sigmas * sd);
    chart[t]!.limits = { center: base.p, lower, upper };
    // A p-chart flag leaves the drift statistic alone: a shock is not a drift.
    chart[t]!.flag = pChartFlag(x, n, base.p, chart[t]!.limits!, options) ?? drift.step(value, base.p, sd);
  }
  return chart;
}

/** Flags for a proportion series, one per day (null where the day is in control or not judged). */
export function proportionFlags(
  days: readonly DayCounts[],
  options: ProportionOptions = DEFAULT_PROPORTION,
): (AnomalyFlag | null)[] {
  return flagsOf(proportionChart(days, options));
}

/** The p-chart's flag for a day of `x` of `n` against p̄ = `p`: beyond a limit and improbable under the binomial law. */
function pChartFlag(
  x: number,
  n: number,
  p: number,
  { lower, upper }: ControlLimits,
  options: ProportionOptions,
): AnomalyFlag | null {
  const value = x / n;
  if (value < lower && binomialLowerTail(x, n, p) < options.alpha) {
    return { direction: 'low', lower, upper, method: P_CHART };
  }
  if (value > upper && binomialUpperTail(x, n, p) < options.alpha) {
    return { direction: 'high', lower, upper, method: P_CHART };
  }
  return null;
}

/** The EWMA of the standardised values of the days the p-chart did not flag. */
class EwmaDrift {
  private ewma = 0;
  private readonly limit: number;

  constructor(private readonly options: ProportionOptions) {
    this.limit = options.ewmaSigmas * Math.sqrt(options.lambda / (2 - options.lambda));
  }

  /** Takes in a day of `value` against p̄ = `p` (its σ `sd`); its flag when the day pushes the EWMA past a limit. */
  step(value: number, p: number, sd: number): AnomalyFlag | null {
    const { lambda, driftMinZ } = this.options;
    // The drift statistic: what today's standardised value would have to be to push it past its limit.
    const z = (value - p) / sd;
    const carried = (1 - lambda) * this.ewma;
    this.ewma = lambda * z + carried;
    const zLow = Math.min((-this.limit - carried) / lambda, -driftMinZ);
    const zHigh = Math.max((this.limit - carried) / lambda, driftMinZ);
    const lower = Math.max(0, p + zLow * sd);
    const upper = Math.min(1, p + zHigh * sd);
    if (value < lower) return { direction: 'low', lower, upper, method: EWMA_DRIFT };
    if (value > upper) return { direction: 'high', lower, upper, method: EWMA_DRIFT };
    return null;
  }
}

/** The baseline for day `t` from the unflagged days of its trailing window, or null when too thin. */
function baselineAt(
  days: readonly DayCounts[],
  chart: readonly ChartDay[],
  t: number,
  options: ProportionOptions,
): Baseline | null {
  let events = 0;
  let hits = 0;
  let usable = 0;
  const judged: { x: number; n: number }[] = [];
  for (let s = Math.max(0, t - options.baselineDays); s < t; s++) {
    const n = days[s]!.denominator ?? 0;
    if (chart[s]!.flag || n === 0) continue;
    usable += 1;
    events += n;
    hits += days[s]!.numerator;
    if (n >= options.minDenominator) judged.push({ x: days[s]!.numerator, n });
  }
  if (usable < options.minBaselineDays || events < options.minBaselineEvents) return null;
  // Half an event either side keeps p̄ off 0 and 1 (a baseline of all-correct days still has limits).
  const p = Math.min(Math.max(hits / events, 0.5 / events), 1 - 0.5 / events);
  return { p, sigmaZ: dispersion(judged, p) };
}

/** Laney's σ_z: the baseline's dispersion when it is significantly more than binomial, else 1. */
function dispersion(judged: readonly { x: number; n: number }[], p: number): number {
  const df = judged.length - 1;
  if (df < 2) return 1;
  const chi = judged.reduce((sum, { x, n }) => sum + (x - n * p) ** 2 / (n * p * (1 - p)), 0);
  if (chi <= chiSquareQuantile(0.95, df)) return 1;
  // The dispersion of four weeks is itself uncertain: its 90% upper bound, not its point estimate.
  return Math.sqrt(chi / chiSquareQuantile(0.1, df));
}
