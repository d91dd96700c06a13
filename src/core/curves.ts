/**
 * Precision–recall and ROC curves over per-example scores (P(flagged)), and the area under each:
 * average precision (step-wise, no interpolation, as scikit-learn's `average_precision_score`) for PR,
 * the trapezoid rule for ROC. Rates here are fractions 0–1, unrounded.
 */

/** One example: its score and whether its label is unsafe. */
export interface ScoredPoint {
  score: number;
  actual: boolean;
}

export interface CurvePoint {
  /** Examples scoring at least this are flagged at this point (Infinity for the curve's start). */
  threshold: number;
  /** Recall (PR) or false-positive rate (ROC). */
  x: number;
  /** Precision (PR) or true-positive rate (ROC). */
  y: number;
}

export interface Curve {
  kind: 'pr' | 'roc';
  points: CurvePoint[];
  positives: number;
  negatives: number;
}

/** Cumulative true/false positives at each distinct score, highest first (ties form one step). */
function sweep(points: readonly ScoredPoint[]): { threshold: number; tp: number; fp: number }[] {
  const sorted = points.filter((point) => !Number.isNaN(point.score)).sort((a, b) => b.score - a.score);
  const steps: { threshold: number; tp: number; fp: number }[] = [];
  let tp = 0;
  let fp = 0;
  sorted.forEach((point, i) => {
    if (point.actual) tp++;
    else fp++;
    if (i === sorted.length - 1 || sorted[i + 1]!.score !== point.score) steps.push({ threshold: point.score, tp, fp });
  });
  return steps;
}

function totals(points: readonly ScoredPoint[]): { positives: number; negatives: number } {
  const valid = points.filter((point) => !Number.isNaN(point.score));
  const positives = valid.filter((point) => point.actual).length;
  return { positives, negatives: valid.length - positives };
}

/** Precision against recall, starting at (recall 0, precision 1). */
export function prCurve(points: readonly ScoredPoint[]): Curve {
  const { positives, negatives } = totals(points);
  const curve: CurvePoint[] = [{ threshold: Infinity, x: 0, y: 1 }];
  for (const { threshold, tp, fp } of sweep(points)) {
    curve.push({ threshold, x: positives > 0 ? tp / positives : 0, y: tp / (tp + fp) });
  }
  return { kind: 'pr', points: curve, positives, negatives };
}

/** True-positive rate against false-positive rate, from (0, 0) to (1, 1). */
export function rocCurve(points: readonly ScoredPoint[]): Curve {
  const { positives, negatives } = totals(points);
  const curve: CurvePoint[] = [{ threshold: Infinity, x: 0, y: 0 }];
  for (const { threshold, tp, fp } of sweep(points)) {
    curve.push({ threshold, x: negatives > 0 ? fp / negatives : 0, y: positives > 0 ? tp / positives : 0 });
  }
  return { kind: 'roc', points: curve, positives, negatives };
}

/**
 * Average precision for a PR curve (Σ (Rₙ − Rₙ₋₁) · Pₙ), trapezoid area for a ROC curve; null when the
 * area is undefined (no positive examples, or for ROC no negative examples either).
 */
export function areaUnder(curve: Curve): number | null {
  if (curve.positives === 0 || (curve.kind === 'roc' && curve.negatives === 0)) return null;
  let area = 0;
  for (let i = 1; i < curve.points.length; i++) {
    const previous = curve.points[i - 1]!;
    const point = curve.points[i]!;
    area += curve.kind === 'pr' ? (point.x - previous.x) * point.y : ((point.x - previous.x) * (point.y + previous.y)) / 2;
  }
  return area;
}
