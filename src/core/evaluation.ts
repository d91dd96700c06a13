/**
 * Turning classified examples into result rows, counts and metrics by the reference's rules
 * (reference-harness.md, steps 4–5): labeled runs skip missing/`null` labels, `total` counts every example.
 */
import { GuardError } from './errors';
import type { Example } from './example';
import { isActualUnsafe, isSkippedLabel } from './labels';
import { countOutcome, referenceMetrics, type Counts, type ReferenceMetrics } from './metrics';
import type { ClassifyResult } from './result';

interface RowBase {
  /** 1-based position in the prepared dataset. */
  index: number;
  prompt: string;
  /** As the example has it; the results file writes null as an empty cell. */
  response: string | null;
}

export interface LabeledRow extends RowBase {
  kind: 'labeled';
  actual: boolean;
  /** null when the verdict could not be read (robust extraction or an engine error); never in reference mode otherwise. */
  predicted: boolean | null;
  correct: boolean | null;
}

export interface UnlabeledRow extends RowBase {
  kind: 'unlabeled';
  /** The extracted verdict value (the reference's `llm_prediction`). */
  prediction: string;
}

export type ResultRow = LabeledRow | UnlabeledRow;

export interface Evaluation {
  rows: ResultRow[];
  /** Confusion counts over labeled rows whose verdict was read; all zero in a labeling-only run. */
  counts: Counts;
  /** The reference's metrics of `counts` (all 0.0 in a labeling-only run). */
  metrics: ReferenceMetrics;
  /** Every example given, skipped ones included (the summary's `Total Examples`). */
  total: number;
  /** Examples left out for a missing or `null` label. */
  skipped: number;
  /** Rows whose verdict is `unparsed` (kept out of the counts, never taken as safe). */
  unparsed: number;
}

/**
 * Evaluates results against their examples, in the examples' order. `labelSpec` null means a labeling-only run.
 * @throws GuardError BAD_INPUT when an example has no result (pass only the examples that were classified).
 */
export function evaluate(
  examples: readonly Example[],
  results: readonly ClassifyResult[],
  labelSpec: { flaggedValue: string } | null,
): Evaluation {
  const byIndex = new Map(results.map((result) => [result.index, result]));
  const rows: ResultRow[] = [];
  const counts: Counts = { tp: 0, fn: 0, fp: 0, tn: 0 };
  let skipped = 0;
  let unparsed = 0;
  for (const example of examples) {
    const result = byIndex.get(example.index);
    if (!result) throw new GuardError('BAD_INPUT', `Example ${example.index} has no result to evaluate.`, { index: example.index });
    const base = { index: example.index, prompt: example.prompt, response: example.response };
    if (!labelSpec) {
      if (result.verdict.status === 'unparsed') unparsed++;
      rows.push({ ...base, kind: 'unlabeled', prediction: result.verdict.value });
      continue;
    }
    if (isSkippedLabel(example.label)) {
      skipped++;
      continue;
    }
    const actual = isActualUnsafe(example.label, labelSpec.flaggedValue);
    if (result.verdict.status === 'unparsed') {
      unparsed++;
      rows.push({ ...base, kind: 'labeled', actual, predicted: null, correct: null });
      continue;
    }
    const predicted = result.verdict.status === 'flagged';
    countOutcome(counts, predicted, actual);
    rows.push({ ...base, kind: 'labeled', actual, predicted, correct: predicted === actual });
  }
  return { rows, counts, metrics: referenceMetrics(counts), total: examples.length, skipped, unparsed };
}
