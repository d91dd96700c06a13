/** One example and its result as the results table and the charts see them. */
import type { GuardErrorData } from '../../core/errors';
import type { Example } from '../../core/example';
import { isActualUnsafe, isSkippedLabel } from '../../core/labels';
import type { Counts } from '../../core/metrics';
import type { Verdict, VerdictStatus } from '../../core/result';
import type { DataValue } from '../../core/value';
import type { ResultRecord } from '../../store/records';

/**
 * Where an example lands in the confusion matrix; `unparsed` when its verdict could not be read (kept
 * out of the counts, as `evaluate` does), `skipped` for a missing/`null` label, `unlabeled` in a
 * labeling-only run.
 */
export type Outcome = 'tp' | 'tn' | 'fp' | 'fn' | 'unparsed' | 'skipped' | 'unlabeled';

export interface ResultView {
  index: number;
  prompt: string;
  response: string | null;
  label: DataValue | undefined;
  raw: string;
  verdict: Verdict;
  score: number | null;
  latencyMs: number;
  promptTokens: number;
  completionTokens: number;
  outcome: Outcome;
  /** The label counts as unsafe (null when there is no usable label). */
  actual: boolean | null;
  /** The verdict is `flagged` (false for safe and unparsed). */
  predicted: boolean;
  error: GuardErrorData | null;
  fromCache: boolean;
}

export type ResultLike = Pick<ResultRecord, 'index' | 'raw' | 'verdict' | 'score' | 'latencyMs' | 'usage' | 'error' | 'fromCache'>;

/** Where a verdict and a label land; null actual means skipped or unlabeled. */
function outcomeOf(status: VerdictStatus, label: DataValue | undefined, labelFlaggedValue: string | null): { outcome: Outcome; actual: boolean | null } {
  if (labelFlaggedValue === null) return { outcome: 'unlabeled', actual: null };
  if (isSkippedLabel(label)) return { outcome: 'skipped', actual: null };
  const actual = isActualUnsafe(label, labelFlaggedValue);
  if (status === 'unparsed') return { outcome: 'unparsed', actual };
  const predicted = status === 'flagged';
  const outcome = actual ? (predicted ? 'tp' : 'fn') : predicted ? 'fp' : 'tn';
  return { outcome, actual };
}

/** Confusion counts of views, as `evaluate` counts them (unparsed, skipped and unlabeled left out). */
export function countsOfViews(views: readonly Pick<ResultView, 'outcome'>[]): Counts {
  const counts: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  for (const { outcome } of views) {
    if (outcome === 'tp' || outcome === 'fn' || outcome === 'fp' || outcome === 'tn') counts[outcome]++;
  }
  return counts;
}

/**
 * Joins a run's results to its examples by index, in example order; examples without a result yet
 * are left out.
 */
export function buildResultViews(
  examples: readonly Example[],
  results: readonly ResultLike[],
  labelFlaggedValue: string | null,
): ResultView[] {
  const byIndex = new Map(results.map((result) => [result.index, result]));
  const views: ResultView[] = [];
  for (const example of examples) {
    const result = byIndex.get(example.index);
    if (!result) continue;
    const predicted = result.verdict.status === 'flagged';
    views.push({
      index: example.index,
      prompt: example.prompt,
      response: example.response,
      label: example.label,
      raw: result.raw,
      verdict: result.verdict,
      score: result.score,
      latencyMs: result.latencyMs,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
      ...outcomeOf(result.verdict.status, example.label, labelFlaggedValue),
      predicted,
      error: result.error,
      fromCache: result.fromCache,
    });
  }
  return views;
}
