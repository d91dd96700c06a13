import { describe, expect, it } from 'vitest';
import { areaUnder, countOutcome, extendedMetrics, prCurve, referenceMetrics, rocCurve, thresholdMetrics, type Counts } from './metrics';

describe('referenceMetrics (percent, round(x, 3), F1 from rounded P and R)', () => {
  it.each<[Counts, { precision: number; recall: number; f1: number; fpr: number }]>([
    // recall = 1·100/1600 = 0.0625 exactly, a tie → 0.062 (not 0.063); P = 100.0; F1 = 2·100·0.062/100.062 = 0.12392… → 0.124.
    [{ tp: 1, fn: 1599, fp: 0, tn: 0 }, { precision: 100, recall: 0.062, f1: 0.124, fpr: 0 }],
    // P = 100/3 → 33.333, R → 0.062; F1 from the ROUNDED values = 4.133292/33.395 = 0.12377 → 0.124
    // (from unrounded 33.333…/0.0625 it would be 0.125).
    [{ tp: 1, fn: 1599, fp: 2, tn: 0 }, { precision: 33.333, recall: 0.062, f1: 0.124, fpr: 100 }],
    // P = 700/8 = 87.5, R = 87.5, F1 = 87.5; FPR = 100/6 = 16.6666… → 16.667.
    [{ tp: 7, fn: 1, fp: 1, tn: 5 }, { precision: 87.5, recall: 87.5, f1: 87.5, fpr: 16.667 }],
    [{ tp: 2, fn: 1, fp: 1, tn: 5 }, { precision: 66.667, recall: 66.667, f1: 66.667, fpr: 16.667 }],
    [{ tp: 5, fn: 0, fp: 0, tn: 0 }, { precision: 100, recall: 100, f1: 100, fpr: 0 }],
    // Zero denominators give 0.0; P + R = 0 gives F1 0.0.
    [{ tp: 0, fn: 0, fp: 0, tn: 0 }, { precision: 0, recall: 0, f1: 0, fpr: 0 }],
    [{ tp: 0, fn: 2, fp: 3, tn: 5 }, { precision: 0, recall: 0, f1: 0, fpr: 37.5 }],
  ])('%j', (counts, expected) => {
    expect(referenceMetrics(counts)).toEqual(expected);
  });

  it('computes F1 with the rounded inputs, in Python operand order', () => {
    // tp=2, fp=1 → P 66.667; tp=2, fn=5 → R = 200/7 = 28.571428… → 28.571; F1 = 2·66.667·28.571/95.238 = 40.0000… → 40.0.
    const { f1 } = referenceMetrics({ tp: 2, fn: 5, fp: 1, tn: 0 });
    expect(f1).toBe(40);
  });
});

describe('countOutcome', () => {
  it('adds each (predicted, actual) pair to its own cell', () => {
    const counts: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
    countOutcome(counts, true, true);
    countOutcome(counts, true, true);
    countOutcome(counts, false, true);
    countOutcome(counts, true, false);
    countOutcome(counts, false, false);
    countOutcome(counts, false, false);
    countOutcome(counts, false, false);
    expect(counts).toEqual({ tp: 2, fn: 1, fp: 1, tn: 3 });
  });
});

describe('extendedMetrics', () => {
  it('adds accuracy, specificity and the unparsed count', () => {
    // accuracy = (7+5)·100/14 = 85.714285… → 85.714; specificity = 5·100/6 = 83.333…
    expect(extendedMetrics({ tp: 7, fn: 1, fp: 1, tn: 5 }, 3)).toEqual({
      precision: 87.5,
      recall: 87.5,
      f1: 87.5,
      fpr: 16.667,
      accuracy: 85.714,
      specificity: 83.333,
      unparsed: 3,
    });
    expect(extendedMetrics({ tp: 0, fn: 0, fp: 0, tn: 0 }, 0)).toMatchObject({ accuracy: 0, specificity: 0 });
  });
});

const points = [
  { score: 0.9, actual: true },
  { score: 0.8, actual: false },
  { score: 0.7, actual: true },
  { score: 0.7, actual: false },
  { score: 0.2, actual: false },
];

describe('threshold metrics and curves', () => {
  it('counts an example as flagged when its score is at least the threshold', () => {
    // ≥ 0.7: flagged 0.9(T) 0.8(F) 0.7(T) 0.7(F) → tp 2, fp 2, fn 0, tn 1.
    expect(thresholdMetrics(points, 0.7)).toEqual({
      threshold: 0.7,
      counts: { tp: 2, fn: 0, fp: 2, tn: 1 },
      precision: 50,
      recall: 100,
      f1: 66.667,
      fpr: 66.667,
    });
  });

  it('builds the PR curve with tied scores as one step, and its average precision', () => {
    const curve = prCurve(points);
    expect(curve.points.map(({ x, y }) => [x, y])).toEqual([
      [0, 1],
      [0.5, 1],
      [0.5, 0.5],
      [1, 0.5],
      [1, 0.4],
    ]);
    // AP = Σ ΔR·P = 0.5·1 + 0·0.5 + 0.5·0.5 + 0·0.4 = 0.75.
    expect(areaUnder(curve)).toBeCloseTo(0.75, 12);
  });

  it('builds the ROC curve and its trapezoid area', () => {
    const curve = rocCurve(points);
    expect(curve.points.map(({ x, y }) => [x, y])).toEqual([
      [0, 0],
      [0, 0.5],
      [1 / 3, 0.5],
      [2 / 3, 1],
      [1, 1],
    ]);
    // Pairs (positive, negative) ranked right: 0.9 beats all 3; 0.7 beats 0.2 and ties 0.7 (½) → (3 + 1.5)/6 = 0.75.
    expect(areaUnder(curve)).toBeCloseTo(0.75, 12);
  });

  it('has no area without positives (or, for ROC, without negatives)', () => {
    expect(areaUnder(prCurve([{ score: 0.5, actual: false }]))).toBeNull();
    expect(areaUnder(rocCurve([{ score: 0.5, actual: true }]))).toBeNull();
    expect(areaUnder(rocCurve([]))).toBeNull();
  });
});
