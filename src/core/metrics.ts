/**
 * Confusion counts and the reference's metrics (percentages, Python `round(x, 3)`, F1 from the rounded
 * precision and recall), plus accuracy, specificity and score-based threshold metrics and curves.
 */
import { pyRound } from './python';
import type { ScoredPoint } from './curves';

export { areaUnder, prCurve, rocCurve } from './curves';
export type { Curve, CurvePoint, ScoredPoint } from './curves';

export interface Counts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

/** Percentages rounded to 3 decimals, exactly as the reference's summary file holds them. */
export interface ReferenceMetrics {
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
}

export interface ExtendedMetrics extends ReferenceMetrics {
  /** (tp + tn) / all counted, percent, rounded like the others. */
  accuracy: number;
  /** tn / (tn + fp), percent. */
  specificity: number;
  /** Examples whose verdict could not be read (not in the counts). */
  unparsed: number;
}

/** Adds one labeled, parsed example to the confusion counts. */
export function countOutcome(counts: Counts, predicted: boolean, actual: boolean): void {
  if (actual) predicted ? counts.tp++ : counts.fn++;
  else predicted ? counts.fp++ : counts.tn++;
}

/** `round(part * 100 / whole, 3)`, or 0.0 when `whole` is 0 (the reference's guard). */
function percent(part: number, whole: number): number {
  return whole > 0 ? pyRound((part * 100) / whole, 3) : 0;
}

/** Precision, recall, F1 and false-positive rate exactly as RoGuard's script computes them. */
export function referenceMetrics({ tp, fn, fp, tn }: Counts): ReferenceMetrics {
  const recall = percent(tp, tp + fn);
  const fpr = percent(fp, tn + fp);
  const precision = percent(tp, tp + fp);
  // F1 from the already rounded P and R, evaluated left to right as Python does: ((2 * P) * R) / (P + R).
  const f1 = precision + recall > 0 ? pyRound((2 * precision * recall) / (precision + recall), 3) : 0;
  return { precision, recall, f1, fpr };
}

/** The reference's metrics plus accuracy, specificity and the unparsed count. */
export function extendedMetrics(counts: Counts, unparsed: number): ExtendedMetrics {
  const { tp, fn, fp, tn } = counts;
  return {
    ...referenceMetrics(counts),
    accuracy: percent(tp + tn, tp + fn + fp + tn),
    specificity: percent(tn, tn + fp),
    unparsed,
  };
}

export interface ThresholdMetrics extends ReferenceMetrics {
  threshold: number;
  counts: Counts;
}

/** Counts and reference-style metrics when an example is flagged iff its score is at least `threshold`. */
export function thresholdMetrics(points: readonly ScoredPoint[], threshold: number): ThresholdMetrics {
  const counts: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const { score, actual } of points) {
    if (Number.isNaN(score)) continue;
    countOutcome(counts, score >= threshold, actual);
  }
  return { threshold, counts, ...referenceMetrics(counts) };
}
