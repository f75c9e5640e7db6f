import { describe, expect, it } from 'vitest';
import {
  anomalyChart,
  anomalyFlags,
  countChart,
  countFlags,
  EWMA_DRIFT,
  indexChart,
  P_CHART,
  proportionChart,
  proportionFlags,
  type DayCounts,
} from '../anomaly';
import {
  binomialLowerTail,
  binomialUpperTail,
  chiSquareQuantile,
  normalQuantile,
  poissonLowerTail,
  poissonUpperTail,
} from '../anomaly/distributions';

/** A proportion day. */
const day = (numerator: number, denominator: number): DayCounts => ({
  numerator,
  denominator,
  value: denominator === 0 ? null : numerator / denominator,
});
/** A count day. */
const count = (n: number): DayCounts => ({ numerator: n, denominator: null, value: n });

/** 30 steady days at exactly 90% of 200 events, then `tail`. */
const steady = (tail: DayCounts[]) => [...Array.from({ length: 30 }, () => day(180, 200)), ...tail];

describe('exact tails', () => {
  it('match hand-computed binomial and Poisson probabilities', () => {
    // P(X ≤ 1 | n = 3, p = 0.9) = 0.1³ + 3·0.9·0.1² = 0.028.
    expect(binomialLowerTail(1, 3, 0.9)).toBeCloseTo(0.028, 12);
    expect(binomialUpperTail(3, 3, 0.9)).toBeCloseTo(0.729, 12);
    expect(binomialLowerTail(20, 20, 0.5)).toBe(1);
    // P(X ≥ 2 | mean 1) = 1 − 2/e.
    expect(poissonUpperTail(2, 1)).toBeCloseTo(1 - 2 / Math.E, 12);
    expect(poissonLowerTail(0, 2)).toBeCloseTo(Math.exp(-2), 12);
    // Far tails underflow to 0 instead of looping.
    expect(poissonUpperTail(5000, 3)).toBe(0);
    expect(binomialLowerTail(0, 100_000, 0.9)).toBe(0);
  });

  it('match tabulated normal and chi-square quantiles', () => {
    expect(normalQuantile(0.99865)).toBeCloseTo(3, 3);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.96, 3);
    // χ²(0.95, 27) = 40.11 in the tables.
    expect(chiSquareQuantile(0.95, 27)).toBeCloseTo(40.11, 1);
  });
});

describe('proportion flags', () => {
  it('flag a sharp drop by the p-chart, with the value below the lower limit', () => {
    const flags = proportionFlags(steady([day(120, 200)]));
    const flag = flags.at(-1)!;
    expect(flag).toMatchObject({ direction: 'low', method: P_CHART });
    // p̄ = 0.9, n = 200: 0.9 ± 3·√(0.9·0.1/200).
    expect(flag.lower).toBeCloseTo(0.9 - 3 * Math.sqrt(0.09 / 200), 3);
    expect(flag.upper).toBeCloseTo(0.9 + 3 * Math.sqrt(0.09 / 200), 3);
    expect(120 / 200).toBeLessThan(flag.lower);
    expect(flags.slice(0, 30)).toEqual(Array.from({ length: 30 }, () => null));
  });

  it('never flag a day with fewer events than the minimum, however far off it is', () => {
    const flags = proportionFlags(steady([day(0, 19), day(1, 5), day(0, 0)]));
    expect(flags.slice(30)).toEqual([null, null, null]);
  });

  it('flag nothing before the baseline holds a week of days', () => {
    const flags = proportionFlags([day(180, 200), day(180, 200), day(20, 200)]);
    expect(flags).toEqual([null, null, null]);
  });

  it('catch a slow drift that never crosses a daily limit, by the EWMA', () => {
    // Four points below p̄ a day (1.9σ): inside the p-chart limits (0.9 − 0.064) every day.
    const series = steady(Array.from({ length: 10 }, () => day(172, 200)));
    const flags = proportionFlags(series);
    expect(flags.slice(30).some((flag) => flag?.method === P_CHART)).toBe(false);
    const drifting = flags.slice(30).filter((flag) => flag?.method === EWMA_DRIFT);
    expect(drifting.length).toBeGreaterThanOrEqual(4);
    expect(flags.slice(30, 33)).toEqual([null, null, null]);
    for (const [i, flag] of flags.entries()) {
      if (!flag) continue;
      // Every flag's limits hold the day's value outside them, on the flagged side.
      const value = series[i]!.value!;
      expect(flag.direction === 'low' ? value < flag.lower : value > flag.upper).toBe(true);
    }
  });

  it('leave flagged days out of the baseline, so a second bad day is flagged too', () => {
    const flags = proportionFlags(steady([day(100, 200), day(180, 200), day(100, 200)]));
    expect(flags.slice(30).map((flag) => flag?.direction ?? null)).toEqual(['low', null, 'low']);
  });
});

describe('count flags', () => {
  it('ignore a weekly rhythm and flag a day far off its weekday', () => {
    // Weekdays 100, weekends 40, for five weeks; then a Tuesday-like day at 20 and one at 300.
    const weeks = Array.from({ length: 35 }, (_, t) => count(t % 7 >= 5 ? 40 : 100 + (t % 3)));
    const flags = countFlags([...weeks, count(20), count(300)]);
    expect(flags.slice(0, 35).filter(Boolean)).toEqual([]);
    expect(flags[35]).toMatchObject({ direction: 'low' });
    expect(flags[36]).toMatchObject({ direction: 'high' });
  });

  it('never flag a rare event count low, and not a small bump high', () => {
    const rare = Array.from({ length: 35 }, (_, t) => count(t % 5 === 0 ? 2 : 1));
    expect(countFlags([...rare, count(0), count(4)]).filter(Boolean)).toEqual([]);
  });

  it('pick the chart by series kind', () => {
    const flags = anomalyFlags('index', [
      ...Array.from({ length: 20 }, (_, i) => count(0.8 + (i % 2) * 0.01)),
      count(0.5),
    ]);
    expect(flags.at(-1)).toMatchObject({ direction: 'low', method: 'robust-individuals' });
  });
});

describe('daily charts', () => {
  it('give a proportion day its p-chart: centre p̄ and the limits a p-chart flag reports', () => {
    const chart = proportionChart(steady([day(120, 200), day(180, 200), day(30, 40)]));
    // A week of history is needed first.
    expect(chart.slice(0, 7).map((d) => d.limits)).toEqual(Array.from({ length: 7 }, () => null));
    const sd = (n: number) => 3 * Math.sqrt(0.09 / n);
    for (const d of [...chart.slice(7, 30), chart[31]!]) {
      expect(d.limits!.center).toBeCloseTo(0.9, 12);
      expect(d.limits!.lower).toBeCloseTo(0.9 - sd(200), 12);
      expect(d.limits!.upper).toBeCloseTo(0.9 + sd(200), 12);
    }
    const drop = chart[30]!;
    expect(drop.flag).toMatchObject({ direction: 'low', method: P_CHART });
    expect([drop.flag!.lower, drop.flag!.upper]).toEqual([drop.limits!.lower, drop.limits!.upper]);
    // The limits widen with a smaller day (n = 40), around the same p̄ (the drop is left out of it).
    expect(chart[32]!.limits!.center).toBeCloseTo(0.9, 12);
    expect(chart[32]!.limits!.lower).toBeCloseTo(0.9 - sd(40), 12);
  });

  it('give no chart to a day too small to judge', () => {
    const chart = proportionChart(steady([day(0, 19), day(0, 0)]));
    expect(chart.slice(30)).toEqual([
      { flag: null, limits: null },
      { flag: null, limits: null },
    ]);
  });

  it('keep the p-chart as the limits of a day the EWMA flags', () => {
    const chart = proportionChart(steady(Array.from({ length: 10 }, () => day(172, 200))));
    const drifting = chart.filter((d) => d.flag?.method === EWMA_DRIFT);
    expect(drifting.length).toBeGreaterThanOrEqual(4);
    for (const d of drifting) {
      // Inside the p-chart, outside the drift's own limits.
      expect(172 / 200).toBeGreaterThan(d.limits!.lower);
      expect(d.flag!.lower).toBeGreaterThan(d.limits!.lower);
    }
  });

  it('give a count day its weekday median and limits, a flagged one outside them', () => {
    const weeks = Array.from({ length: 35 }, (_, t) => count(t % 7 >= 5 ? 40 : 100));
    const chart = countChart([...weeks, count(20)]);
    // Two same weekdays and a week of residuals are needed: nothing before day 21.
    expect(chart.slice(0, 21).every((d) => d.limits === null)).toBe(true);
    expect(chart[33]!.limits).toEqual({ center: 40, lower: 40 - 4 * Math.sqrt(40), upper: 40 + 4 * Math.sqrt(40) });
    const last = chart.at(-1)!;
    expect(last.limits!.center).toBe(100);
    expect(last.flag).toMatchObject({ direction: 'low', lower: last.limits!.lower, upper: last.limits!.upper });
  });

  it('give the core index its trailing median, null on a day without a value', () => {
    const chart = indexChart([...Array.from({ length: 10 }, () => count(0.8)), { ...count(0), value: null }]);
    expect(chart[6]!.limits).toBeNull();
    expect(chart[7]!.limits!.center).toBe(0.8);
    expect(chart[7]!.limits!.upper).toBeCloseTo(0.815, 12);
    expect(chart[10]).toEqual({ flag: null, limits: null });
  });

  it('have exactly the flags anomalyFlags gives, for every kind', () => {
    const series: [Parameters<typeof anomalyChart>[0], DayCounts[]][] = [
      ['proportion', steady([day(100, 200), day(172, 200), day(172, 200), day(190, 200)])],
      ['count', [...Array.from({ length: 35 }, (_, t) => count(50 + (t % 4))), count(5), count(200)]],
      ['index', [...Array.from({ length: 20 }, (_, i) => count(0.8 + (i % 2) * 0.01)), count(0.5)]],
    ];
    for (const [kind, days] of series) {
      const flags = anomalyFlags(kind, days);
      expect(flags.some(Boolean), kind).toBe(true);
      expect(anomalyChart(kind, days).map((d) => d.flag)).toEqual(flags);
    }
  });
});
