/** Metrics of a run from its stored results, through the core's `evaluate` (the reference's rules). */
import type { Example } from '../core/example';
import { evaluate } from '../core/evaluation';
import type { ClassifyResult } from '../core/result';
import type { ResultRecord, RunCounts, RunMetrics } from './records';

export function toClassifyResult(record: ResultRecord): ClassifyResult {
  const result: ClassifyResult = {
    index: record.index,
    raw: record.raw,
    verdict: record.verdict,
    score: record.score,
    usage: record.usage,
    latencyMs: record.latencyMs,
    finishReason: record.finishReason,
    fromCache: record.fromCache,
  };
  if (record.error) result.error = record.error;
  return result;
}

export interface Tally {
  counts: RunCounts;
  unparsed: number;
  metrics: RunMetrics | null;
}

/**
 * Evaluates the examples that have a result (in dataset order). With `labelFlaggedValue` null the
 * run is labeling-only and has no metrics.
 */
export function tally(examples: readonly Example[], results: ReadonlyMap<number, ResultRecord>, labelFlaggedValue: string | null): Tally {
  const finished: Example[] = [];
  const classified: ClassifyResult[] = [];
  for (const example of examples) {
    const record = results.get(example.index);
    if (record === undefined) continue;
    finished.push(example);
    classified.push(toClassifyResult(record));
  }
  const evaluation = evaluate(finished, classified, labelFlaggedValue === null ? null : { flaggedValue: labelFlaggedValue });
  const counts = { tp: evaluation.counts.tp, fn: evaluation.counts.fn, fp: evaluation.counts.fp, tn: evaluation.counts.tn };
  if (labelFlaggedValue === null) return { counts, unparsed: evaluation.unparsed, metrics: null };
  return {
    counts,
    unparsed: evaluation.unparsed,
    metrics: {
      counts,
      precision: evaluation.metrics.precision,
      recall: evaluation.metrics.recall,
      f1: evaluation.metrics.f1,
      fpr: evaluation.metrics.fpr,
      total: evaluation.total,
      skipped: evaluation.skipped,
      unparsed: evaluation.unparsed,
    },
  };
}
