/**
 * Statistics for comparing two runs over the same examples: paired bootstrap confidence intervals
 * of metric differences and McNemar's test. Rates here are unrounded percentages (the reference's
 * rounding belongs to its summary file, not to resampling).
 */
import { countOutcome, type Counts } from './metrics';

/** One example as judged by two runs. `actual` is the label (null in a labeling-only run). */
export interface PairedVerdict {
  index: number;
  actual: boolean | null;
  a: boolean;
  b: boolean;
}

export type RateName = 'precision' | 'recall' | 'f1' | 'fpr' | 'accuracy';
export const RATE_NAMES: readonly RateName[] = ['precision', 'recall', 'f1', 'fpr', 'accuracy'];
export type Rates = Record<RateName, number>;

export interface DeltaInterval {
  metric: RateName;
  a: number;
  b: number;
  /** b − a, percentage points. */
  delta: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
}

export interface McNemarResult {
  /** Pairs where only the first run is "positive" (correct, or flagged). */
  onlyA: number;
  /** Pairs where only the second run is "positive". */
  onlyB: number;
  statistic: number;
  pValue: number;
  /** Exact binomial below 25 discordant pairs, else chi-square with continuity correction. */
  method: 'exact' | 'chi-square';
}

/** Confusion counts of predictions against labels; pairs without a label are left out. */
export function countsOf(predicted: readonly boolean[], actual: readonly (boolean | null)[]): Counts {
  const counts: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  predicted.forEach((p, i) => {
    const label = actual[i];
    if (label === null || label === undefined) return;
    countOutcome(counts, p, label);
  });
  return counts;
}

/** Unrounded percentages; 0 when a denominator is 0, as in the reference. */
export function ratesOf({ tp, fn, fp, tn }: Counts): Rates {
  const pct = (num: number, den: number) => (den === 0 ? 0 : (num * 100) / den);
  const precision = pct(tp, tp + fp);
  const recall = pct(tp, tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, fpr: pct(fp, fp + tn), accuracy: pct(tp + tn, tp + fn + fp + tn) };
}

/** A seeded PRNG (mulberry32) so intervals are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Quantile of sorted values with linear interpolation between order statistics (Hyndman–Fan type 7). */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below]!;
  return low + (sorted[above]! - low) * (position - below);
}

/**
 * Paired bootstrap: resample the labeled examples with replacement, recompute each rate for both runs
 * on the same resample, and take the percentile interval of b − a.
 * @throws RangeError when `level` is not between 0 and 1 or `resamples` is below 1
 */
export function bootstrapDeltas(
  pairs: readonly PairedVerdict[],
  options: { resamples?: number; level?: number; seed?: number } = {},
): DeltaInterval[] {
  const { resamples = 2000, level = 0.95, seed = 1 } = options;
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
  if (!(resamples >= 1)) throw new RangeError(`resamples must be at least 1, got ${resamples}`);
  const labeled = pairs.filter((pair) => pair.actual !== null);
  const rateA = ratesOf(countsOf(labeled.map((p) => p.a), labeled.map((p) => p.actual)));
  const rateB = ratesOf(countsOf(labeled.map((p) => p.b), labeled.map((p) => p.actual)));
  const samples: Record<RateName, number[]> = { precision: [], recall: [], f1: [], fpr: [], accuracy: [] };
  if (labeled.length > 0) {
    const random = seededRandom(seed);
    const n = labeled.length;
    for (let r = 0; r < resamples; r++) {
      const ca: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
      const cb: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
      for (let i = 0; i < n; i++) {
        const pair = labeled[Math.floor(random() * n)]!;
        countOutcome(ca, pair.a, pair.actual!);
        countOutcome(cb, pair.b, pair.actual!);
      }
      const ra = ratesOf(ca);
      const rb = ratesOf(cb);
      for (const name of RATE_NAMES) samples[name].push(rb[name] - ra[name]);
    }
  }
  const tail = (1 - level) / 2;
  return RATE_NAMES.map((metric) => {
    const sorted = samples[metric].sort((x, y) => x - y);
    const delta = rateB[metric] - rateA[metric];
    return {
      metric,
      a: rateA[metric],
      b: rateB[metric],
      delta,
      low: sorted.length ? quantile(sorted, tail) : delta,
      high: sorted.length ? quantile(sorted, 1 - tail) : delta,
      level,
    };
  });
}

/**
 * McNemar's test on paired booleans (per example: was run A correct / flagged, was run B).
 * Two-sided; exact binomial when fewer than 25 pairs disagree, else chi-square with continuity correction.
 * @throws RangeError when the two lists differ in length
 */
export function mcnemar(a: readonly boolean[], b: readonly boolean[]): McNemarResult {
  if (a.length !== b.length) throw new RangeError(`paired lists differ in length: ${a.length} and ${b.length}`);
  let onlyA = 0;
  let onlyB = 0;
  a.forEach((x, i) => {
    if (x && !b[i]) onlyA++;
    else if (!x && b[i]) onlyB++;
  });
  const n = onlyA + onlyB;
  if (n === 0) return { onlyA, onlyB, statistic: 0, pValue: 1, method: 'exact' };
  if (n < 25) {
    const k = Math.min(onlyA, onlyB);
    let tail = 0;
    let choose = 1;
    for (let i = 0; i <= k; i++) {
      tail += choose;
      choose = (choose * (n - i)) / (i + 1);
    }
    return { onlyA, onlyB, statistic: k, pValue: Math.min(1, (2 * tail) / 2 ** n), method: 'exact' };
  }
  const statistic = (Math.abs(onlyA - onlyB) - 1) ** 2 / n;
  return { onlyA, onlyB, statistic, pValue: chiSquare1Survival(statistic), method: 'chi-square' };
}

/** P(X > x) for a chi-square variable with one degree of freedom: erfc(√(x/2)). */
export function chiSquare1Survival(x: number): number {
  return x <= 0 ? 1 : erfc(Math.sqrt(x / 2));
}

/** Complementary error function; Chebyshev-fitted rational approximation, relative error below 1.2e-7. */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 +
      t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}

/** Pairs two runs' per-example outcomes by example index; indices present in only one run are listed apart. */
export function pairByIndex<T extends { index: number }>(
  a: readonly T[],
  b: readonly T[],
): { pairs: [T, T][]; onlyInA: number[]; onlyInB: number[] } {
  const byIndex = new Map(b.map((row) => [row.index, row]));
  const pairs: [T, T][] = [];
  const onlyInA: number[] = [];
  for (const row of a) {
    const other = byIndex.get(row.index);
    if (other) {
      pairs.push([row, other]);
      byIndex.delete(row.index);
    } else onlyInA.push(row.index);
  }
  return { pairs, onlyInA, onlyInB: [...byIndex.keys()].sort((x, y) => x - y) };
}
