import { createRng, type Rng } from '../../demo/data/prng';
import type { DayCounts, SeriesKind } from '../anomaly';

/*
 * Seeded synthetic daily series with known anomalies, for the anomaly benchmark. Volumes vary by
 * series (50–2,000 events a day, log-uniform), by weekday (weekends are quieter) and from day to
 * day; base rates are 0.70–0.97, and a third of the series wobble more than binomially from day
 * to day (as real queues do when the mix of items changes). Anomalies are injected after a
 * warm-up long enough for any trailing baseline, never overlapping, with a gap after each.
 *
 * Magnitudes are set in units of the day's own binomial (or Poisson) standard deviation, with an
 * absolute floor, because that is what decides whether an anomaly is detectable at all: a
 * 3-point drop is a landslide at 2,000 events and invisible at 50.
 */

export type AnomalyKind = 'drop' | 'spike' | 'drift' | 'low_volume';

/** One injected window: days [start, end] inclusive. Low-volume windows are not anomalies. */
export interface Injected {
  kind: AnomalyKind;
  start: number;
  end: number;
}

export interface SyntheticSeries {
  kind: SeriesKind;
  days: DayCounts[];
  injected: Injected[];
}

const DAYS = 150;
const WARM_UP = 35;

/** `count` series from `seed`, about a quarter of them count series, the rest proportions. */
export function syntheticSeries(seed: number, count: number): SyntheticSeries[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, (_, i) => (i % 4 === 3 ? countSeries(rng) : proportionSeries(rng)));
}

function uniform(rng: Rng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

/** A standard normal draw (Box–Muller). */
function normal(rng: Rng): number {
  const u = Math.max(rng.next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
}

function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 200) {
    let x = 0;
    for (let i = 0; i < n; i++) if (rng.next() < p) x++;
    return x;
  }
  // Large n: the normal approximation of the binomial, rounded and kept in range.
  const x = Math.round(n * p + normal(rng) * Math.sqrt(n * p * (1 - p)));
  return Math.min(n, Math.max(0, x));
}

function poisson(rng: Rng, mean: number): number {
  if (mean < 50) {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = rng.next();
    while (product > limit) {
      k++;
      product *= rng.next();
    }
    return k;
  }
  return Math.max(0, Math.round(mean + normal(rng) * Math.sqrt(mean)));
}

/** Expected volume of day `t`: the series' level, a weekday rhythm and a slow trend. */
function volumeCurve(rng: Rng): (t: number) => number {
  const level = Math.exp(uniform(rng, Math.log(50), Math.log(2000)));
  const weekend = uniform(rng, 0.55, 0.95);
  const trend = uniform(rng, -0.002, 0.003);
  const offset = rng.int(0, 6);
  return (t) => level * ((t + offset) % 7 >= 5 ? weekend : 1) * (1 + trend * t);
}

/** Non-overlapping windows, each followed by at least 10 quiet days. */
function plan(rng: Rng, kinds: readonly AnomalyKind[]): Injected[] {
  const windows: Injected[] = [];
  let cursor = WARM_UP + rng.int(0, 10);
  for (const kind of kinds) {
    const length = kind === 'drift' ? rng.int(10, 18) : kind === 'low_volume' ? rng.int(1, 3) : rng.int(1, 4);
    if (cursor + length >= DAYS - 5) break;
    windows.push({ kind, start: cursor, end: cursor + length - 1 });
    cursor += length + rng.int(10, 18);
  }
  return windows;
}

function shuffled<T>(rng: Rng, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function proportionSeries(rng: Rng): SyntheticSeries {
  const base = uniform(rng, 0.7, 0.97);
  const volume = volumeCurve(rng);
  // Extra-binomial day-to-day wobble of the rate for a third of the series.
  const wobble = rng.chance(1 / 3) ? uniform(rng, 0.003, 0.012) : 0;
  const injected = plan(rng, shuffled(rng, ['drop', 'drop', 'spike', 'drift', 'low_volume', 'low_volume']));
  const days: DayCounts[] = [];
  for (let t = 0; t < DAYS; t++) {
    const window = injected.find((w) => t >= w.start && t <= w.end);
    let n = Math.max(1, Math.round(volume(t) * Math.exp(0.15 * normal(rng))));
    let p = Math.min(0.995, Math.max(0.01, base + wobble * normal(rng)));
    const sd = Math.sqrt((base * (1 - base)) / n);
    if (window?.kind === 'low_volume') n = rng.int(2, 15);
    if (window?.kind === 'drop') p -= Math.max(0.04, uniform(rng, 5, 8) * Math.max(sd, wobble));
    if (window?.kind === 'spike') {
      // Upwards there is only so much room below 1: a spike halves the error rate at least.
      p += Math.min(Math.max(0.03, uniform(rng, 5, 8) * Math.max(sd, wobble)), (1 - base) * 0.8);
    }
    if (window?.kind === 'drift') {
      // A slow slide that stays inside the daily limits: it ends about 2.5σ below the base rate.
      const progress = (t - window.start + 1) / (window.end - window.start + 1);
      p -= progress * uniform(rng, 2.2, 2.8) * Math.max(sd, wobble);
    }
    p = Math.min(0.999, Math.max(0.001, p));
    const x = binomial(rng, n, p);
    days.push({ numerator: x, denominator: n, value: x / n });
  }
  // A spike that cannot be told from noise (a 0.97 series on 50 events) is not a fair test: dropped.
  return { kind: 'proportion', days, injected: injected.filter((w) => w.kind !== 'spike' || base < 0.95) };
}

function countSeries(rng: Rng): SyntheticSeries {
  const volume = volumeCurve(rng);
  const injected = plan(rng, shuffled(rng, ['drop', 'spike', 'spike']));
  const days: DayCounts[] = [];
  for (let t = 0; t < DAYS; t++) {
    const window = injected.find((w) => t >= w.start && t <= w.end);
    let mean = volume(t) * Math.exp(0.08 * normal(rng));
    if (window?.kind === 'spike') mean *= uniform(rng, 1.8, 3);
    if (window?.kind === 'drop') mean *= uniform(rng, 0.15, 0.4);
    const count = poisson(rng, mean);
    days.push({ numerator: count, denominator: null, value: count });
  }
  return { kind: 'count', days, injected };
}
