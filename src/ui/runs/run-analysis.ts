/** What the run page draws, computed from the result views: metrics (by verdict or at a threshold), curve points, categories, latencies. */
import { referenceMetrics, thresholdMetrics, type Counts, type ReferenceMetrics, type ScoredPoint } from '../../core/metrics';
import { countsOfViews, type ResultView } from '../benchmark/result-view';

/** Labeled examples with a score, for curves and thresholds. */
export function scoredPoints(views: readonly ResultView[]): ScoredPoint[] {
  const points: ScoredPoint[] = [];
  for (const view of views) {
    if (view.actual !== null && view.score !== null && Number.isFinite(view.score)) points.push({ score: view.score, actual: view.actual });
  }
  return points;
}

export interface MetricsView {
  counts: Counts;
  metrics: ReferenceMetrics;
  /** Examples the counts are over. */
  counted: number;
}

/** The run's metrics from its verdicts, or, with a threshold, from flagging every scored example whose score reaches it. */
export function metricsAt(views: readonly ResultView[], threshold: number | null): MetricsView {
  if (threshold === null) {
    const counts = countsOfViews(views);
    return { counts, metrics: referenceMetrics(counts), counted: counts.tp + counts.fn + counts.fp + counts.tn };
  }
  const points = scoredPoints(views);
  const { counts, precision, recall, f1, fpr } = thresholdMetrics(points, threshold);
  return { counts, metrics: { precision, recall, f1, fpr }, counted: points.length };
}

/** How many examples named each category. */
export function categoryCounts(views: readonly ResultView[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const view of views) {
    for (const id of new Set(view.verdict.categories)) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Model latencies of the examples that ran (cache hits and errors left out). */
export function modelLatencies(views: readonly ResultView[]): number[] {
  return views.filter((view) => !view.fromCache && view.error === null).map((view) => view.latencyMs);
}

/** The curve point nearest to a threshold: the last point whose threshold is at least it. */
export function pointAtThreshold<T extends { threshold: number; x: number; y: number }>(points: readonly T[], threshold: number): T | null {
  let found: T | null = null;
  for (const point of points) if (point.threshold >= threshold) found = point;
  return found;
}
