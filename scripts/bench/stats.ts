/** Small statistics shared by the benchmarks. */

/** The middle value (upper middle for an even count). */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The nearest-rank percentile `p` (0-100). */
export const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.max(0, Math.ceil((p / 100) * values.length) - 1))
  ]!;

/** Rounds for reports. */
export const round = (n: number, digits = 2) => Number(n.toFixed(digits));
