import { describe, expect, it } from 'vitest';
import { anomalyFlags } from '../anomaly';
import { syntheticSeries, type SyntheticSeries } from './anomaly-synthetic';

/*
 * The anomaly benchmark (issue 11): seeded synthetic series with injected drops, spikes, slow
 * drifts and low-volume days. A flag is a hit when it falls inside an injected anomaly's window,
 * or up to 3 days after a drift's; any other flag (on a low-volume day too) is a false positive.
 * Recall counts injected anomalies with at least one hit. Several seeds, none tuned for.
 */

const SEEDS = [11, 23, 37, 41, 59];
const SERIES_PER_SEED = 40;
const DRIFT_GRACE_DAYS = 3;

interface Score {
  anomalies: number;
  detected: number;
  flags: number;
  hits: number;
}

function score(series: readonly SyntheticSeries[]): Score {
  const total: Score = { anomalies: 0, detected: 0, flags: 0, hits: 0 };
  for (const { kind, days, injected } of series) {
    const flags = anomalyFlags(kind, days);
    const anomalies = injected.filter((w) => w.kind !== 'low_volume');
    const windowOf = (day: number) =>
      anomalies.find((w) => day >= w.start && day <= w.end + (w.kind === 'drift' ? DRIFT_GRACE_DAYS : 0));
    const detected = new Set<(typeof anomalies)[number]>();
    flags.forEach((flag, day) => {
      if (!flag) return;
      total.flags += 1;
      const window = windowOf(day);
      if (!window) return;
      total.hits += 1;
      detected.add(window);
    });
    total.anomalies += anomalies.length;
    total.detected += detected.size;
  }
  return total;
}

describe('anomaly benchmark', () => {
  it.each(SEEDS)('seed %i: recall ≥ 0.9 and precision ≥ 0.9', (seed) => {
    const series = syntheticSeries(seed, SERIES_PER_SEED);
    const result = score(series);
    const recall = result.detected / result.anomalies;
    const precision = result.hits / result.flags;
    console.log(
      `anomaly benchmark seed ${seed}: recall ${recall.toFixed(3)} (${result.detected}/${result.anomalies}), ` +
        `precision ${precision.toFixed(3)} (${result.hits}/${result.flags})`,
    );
    expect(result.anomalies).toBeGreaterThan(100);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it('all seeds together, by kind of anomaly', () => {
    const series = SEEDS.flatMap((seed) => syntheticSeries(seed, SERIES_PER_SEED));
    const total = score(series);
    const byKind = (['drop', 'spike', 'drift'] as const).map((kind) => {
      const only = series.map((s) => ({
        ...s,
        injected: s.injected.filter((w) => w.kind === kind || w.kind === 'low_volume'),
      }));
      const result = score(only);
      return `${kind} ${result.detected}/${result.anomalies}`;
    });
    const lowVolumeDays = series.flatMap((s) => {
      const flags = anomalyFlags(s.kind, s.days);
      return s.injected
        .filter((w) => w.kind === 'low_volume')
        .flatMap((w) => flags.slice(w.start, w.end + 1).filter(Boolean));
    });
    const recall = total.detected / total.anomalies;
    const precision = total.hits / total.flags;
    console.log(
      `anomaly benchmark, ${SEEDS.length} seeds: recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}; ` +
        `detected by kind: ${byKind.join(', ')}; flags on low-volume days: ${lowVolumeDays.length}`,
    );
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(lowVolumeDays).toEqual([]);
  });
});
