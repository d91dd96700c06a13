import { describe, expect, it } from 'vitest';
import {
  bootstrapDeltas,
  chiSquare1Survival,
  countsOf,
  erfc,
  mcnemar,
  pairByIndex,
  quantile,
  ratesOf,
  seededRandom,
  type PairedVerdict,
} from './compare';

describe('countsOf and ratesOf', () => {
  it('tallies each cell and leaves unlabeled pairs out', () => {
    const counts = countsOf([true, true, false, false, true], [true, false, true, false, null]);
    expect(counts).toEqual({ tp: 1, fp: 1, fn: 1, tn: 1 });
    expect(ratesOf(counts)).toEqual({ precision: 50, recall: 50, f1: 50, fpr: 50, accuracy: 50 });
  });

  it('computes unrounded percentages', () => {
    // tp 3, fp 1, fn 1, tn 5: P = 3/4, R = 3/4, F1 = 75, FPR = 1/6, accuracy = 8/10
    const rates = ratesOf({ tp: 3, fp: 1, fn: 1, tn: 5 });
    expect(rates.precision).toBe(75);
    expect(rates.recall).toBe(75);
    expect(rates.f1).toBe(75);
    expect(rates.fpr).toBeCloseTo(100 / 6, 12);
    expect(rates.accuracy).toBe(80);
  });

  it('gives 0 for empty denominators', () => {
    expect(ratesOf({ tp: 0, fp: 0, fn: 0, tn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0, fpr: 0, accuracy: 0 });
  });
});

describe('mcnemar', () => {
  const pairsOf = (onlyA: number, onlyB: number, both = 0, neither = 0) => {
    const a = [...Array(onlyA).fill(true), ...Array(onlyB).fill(false), ...Array(both).fill(true), ...Array(neither).fill(false)];
    const b = [...Array(onlyA).fill(false), ...Array(onlyB).fill(true), ...Array(both).fill(true), ...Array(neither).fill(false)];
    return mcnemar(a, b);
  };

  it('uses the exact binomial for few discordant pairs', () => {
    // n = 12, k = 2: 2·(C(12,0) + C(12,1) + C(12,2)) / 2^12 = 2·79/4096 = 158/4096
    const result = pairsOf(10, 2, 7, 30);
    expect(result).toMatchObject({ onlyA: 10, onlyB: 2, method: 'exact', statistic: 2 });
    expect(result.pValue).toBe(158 / 4096);
  });

  it('caps the exact p-value at 1 and handles a one-sided split', () => {
    expect(pairsOf(3, 3).pValue).toBe(1); // 2·42/64 > 1
    expect(pairsOf(5, 0).pValue).toBe(0.0625); // 2/32
    expect(pairsOf(0, 1).pValue).toBe(1);
  });

  it('gives p = 1 when the runs never disagree', () => {
    expect(pairsOf(0, 0, 4, 4)).toEqual({ onlyA: 0, onlyB: 0, statistic: 0, pValue: 1, method: 'exact' });
  });

  it('uses chi-square with continuity correction from 25 discordant pairs', () => {
    // (|30 − 10| − 1)² / 40 = 361/40 = 9.025; P(χ²₁ > 9.025) = erfc(√4.5125) = 0.0026631
    const result = pairsOf(30, 10, 100, 100);
    expect(result.method).toBe('chi-square');
    expect(result.statistic).toBe(9.025);
    expect(result.pValue).toBeCloseTo(0.002663119, 6);
  });

  it('rejects lists of different length', () => {
    expect(() => mcnemar([true], [true, false])).toThrow(/differ in length: 1 and 2/);
  });
});

describe('chiSquare1Survival', () => {
  it('matches the textbook critical values', () => {
    expect(chiSquare1Survival(3.841458820694124)).toBeCloseTo(0.05, 6);
    expect(chiSquare1Survival(6.634896601021214)).toBeCloseTo(0.01, 6);
    expect(chiSquare1Survival(49 / 12)).toBeCloseTo(0.0433081, 6);
    expect(chiSquare1Survival(0)).toBe(1);
  });

  it('erfc is symmetric about 1', () => {
    expect(erfc(0)).toBeCloseTo(1, 7);
    expect(erfc(-1) + erfc(1)).toBeCloseTo(2, 7);
  });
});

describe('quantile', () => {
  it('interpolates between order statistics', () => {
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
    expect(quantile([7], 0.975)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1)', () => {
    const first = Array.from({ length: 5 }, seededRandom(42));
    const again = Array.from({ length: 5 }, seededRandom(42));
    const other = Array.from({ length: 5 }, seededRandom(43));
    expect(first).toEqual(again);
    expect(first).not.toEqual(other);
    for (const x of first) expect(x >= 0 && x < 1).toBe(true);
  });
});

describe('bootstrapDeltas', () => {
  const labels = [true, true, true, true, true, false, false, false, false, false];

  it('gives a zero-width interval at zero for identical runs', () => {
    const pairs: PairedVerdict[] = labels.map((actual, index) => ({ index, actual, a: index % 3 === 0, b: index % 3 === 0 }));
    for (const interval of bootstrapDeltas(pairs, { resamples: 200 })) {
      expect(interval).toMatchObject({ delta: 0, low: 0, high: 0 });
    }
  });

  it('gives −100 points of accuracy in every resample when B is always wrong and A always right', () => {
    const pairs: PairedVerdict[] = labels.map((actual, index) => ({ index, actual, a: actual, b: !actual }));
    const accuracy = bootstrapDeltas(pairs, { resamples: 300 }).find((d) => d.metric === 'accuracy')!;
    expect(accuracy).toMatchObject({ a: 100, b: 0, delta: -100, low: -100, high: -100, level: 0.95 });
  });

  it('reports the point estimates from all labeled pairs and an interval around them', () => {
    // A: tp 4, fn 1, fp 1, tn 4 → P 80, R 80. B: tp 5, fn 0, fp 2, tn 3 → P 500/7, R 100.
    const a = [true, true, true, true, false, true, false, false, false, false];
    const b = [true, true, true, true, true, true, true, false, false, false];
    const pairs: PairedVerdict[] = labels.map((actual, index) => ({ index, actual, a: a[index]!, b: b[index]! }));
    pairs.push({ index: 99, actual: null, a: true, b: false });
    const deltas = bootstrapDeltas(pairs, { resamples: 500, seed: 7 });
    const recall = deltas.find((d) => d.metric === 'recall')!;
    expect(recall).toMatchObject({ a: 80, b: 100, delta: 20 });
    expect(recall.low).toBeLessThanOrEqual(20);
    expect(recall.high).toBeGreaterThanOrEqual(20);
    const precision = deltas.find((d) => d.metric === 'precision')!;
    expect(precision.delta).toBeCloseTo(500 / 7 - 80, 10);
    expect(bootstrapDeltas(pairs, { resamples: 500, seed: 7 })).toEqual(deltas);
  });

  it('falls back to the point estimate when nothing is labeled', () => {
    const deltas = bootstrapDeltas([{ index: 1, actual: null, a: true, b: false }]);
    expect(deltas.every((d) => d.low === d.delta && d.high === d.delta)).toBe(true);
  });

  it('rejects a nonsense confidence level', () => {
    expect(() => bootstrapDeltas([], { level: 95 })).toThrow(/between 0 and 1/);
  });
});

describe('pairByIndex', () => {
  it('pairs rows by index and lists the leftovers', () => {
    const a = [{ index: 1 }, { index: 2 }, { index: 4 }];
    const b = [{ index: 5 }, { index: 2 }, { index: 1 }, { index: 3 }];
    const { pairs, onlyInA, onlyInB } = pairByIndex(a, b);
    expect(pairs.map(([x, y]) => [x.index, y.index])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(onlyInA).toEqual([4]);
    expect(onlyInB).toEqual([3, 5]);
  });
});
