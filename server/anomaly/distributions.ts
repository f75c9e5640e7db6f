/*
 * Exact tail probabilities for the anomaly charts. The normal approximation behind a textbook
 * p-chart is poor exactly where QA data lives: few events a day and accuracies near 1 (at 20
 * events and p = 0.97, "below the 3σ limit" happens on 2% of ordinary days, not 0.13%). A day
 * is flagged only when its count is also improbable under the exact binomial or Poisson law.
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7; about 15 significant digits). */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Sums a tail from its first term outward; `ratio(k)` turns term k into the next one. */
function sumTail(first: number, start: number, end: number, step: 1 | -1, ratio: (k: number) => number): number {
  // A first term that underflows lies so far in the tail that the whole tail is 0 to double precision.
  if (first === 0) return 0;
  let term = first;
  let sum = first;
  for (let k = start; k !== end; k += step) {
    term *= ratio(k);
    sum += term;
    // Past the mode the terms shrink geometrically; what is left cannot change a 1e-12 answer.
    if (term <= sum * 1e-16) break;
  }
  return Math.min(1, sum);
}

/** P(X ≤ x) for X ~ Binomial(n, p). */
export function binomialLowerTail(x: number, n: number, p: number): number {
  if (x < 0) return 0;
  if (x >= n || p <= 0) return 1;
  if (p >= 1) return 0;
  const logPmf = logGamma(n + 1) - logGamma(x + 1) - logGamma(n - x + 1) + x * Math.log(p) + (n - x) * Math.log(1 - p);
  // From x down to 0: pmf(k − 1) = pmf(k) · k / (n − k + 1) · (1 − p) / p.
  const odds = (1 - p) / p;
  return sumTail(Math.exp(logPmf), x, 0, -1, (k) => (k / (n - k + 1)) * odds);
}

/** P(X ≥ x) for X ~ Binomial(n, p). */
export function binomialUpperTail(x: number, n: number, p: number): number {
  // X ≥ x is n − X ≤ n − x, and n − X ~ Binomial(n, 1 − p).
  return binomialLowerTail(n - x, n, 1 - p);
}

/** P(X ≤ x) for X ~ Poisson(mean). */
export function poissonLowerTail(x: number, mean: number): number {
  if (x < 0) return 0;
  if (mean <= 0) return 1;
  const first = Math.exp(x * Math.log(mean) - mean - logGamma(x + 1));
  return sumTail(first, x, 0, -1, (k) => k / mean);
}

/** P(X ≥ x) for X ~ Poisson(mean). */
export function poissonUpperTail(x: number, mean: number): number {
  if (x <= 0) return 1;
  if (mean <= 0) return 0;
  const first = Math.exp(x * Math.log(mean) - mean - logGamma(x + 1));
  // Upward the series has no natural end; sumTail stops once the terms stop mattering.
  return sumTail(first, x, Number.POSITIVE_INFINITY, 1, (k) => mean / (k + 1));
}

/** The `q` quantile of the chi-square law with `df` degrees of freedom (Wilson–Hilferty; ample for a dispersion test). */
export function chiSquareQuantile(q: number, df: number): number {
  const z = normalQuantile(q);
  const a = 2 / (9 * df);
  return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
}

/** The `q` quantile of the standard normal law (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(q: number): number {
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (q < low) {
    const t = Math.sqrt(-2 * Math.log(q));
    return (
      (((((c[0]! * t + c[1]!) * t + c[2]!) * t + c[3]!) * t + c[4]!) * t + c[5]!) /
      ((((d[0]! * t + d[1]!) * t + d[2]!) * t + d[3]!) * t + 1)
    );
  }
  if (q > 1 - low) return -normalQuantile(1 - q);
  const u = q - 0.5;
  const r = u * u;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * u) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}
