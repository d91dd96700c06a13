/**
 * Lines two runs' results up example by example for a comparison. Runs over the same dataset pair by
 * example index; runs over different datasets (an imported server run, a re-uploaded file) pair by
 * the example's text, so the same prompt and response meet whatever their position.
 */
import { bootstrapDeltas, mcnemar, pairByIndex, type DeltaInterval, type McNemarResult, type PairedVerdict } from '../../core/compare';
import type { ResultView } from '../benchmark/result-view';

export interface RunSide {
  runId: number;
  datasetId: number;
  views: readonly ResultView[];
}

export interface Disagreement {
  index: number;
  a: ResultView;
  b: ResultView;
}

export interface RunComparison {
  /** How the examples were matched. */
  pairedBy: 'index' | 'text';
  pairs: [ResultView, ResultView][];
  /** Examples of one run with no partner in the other. */
  onlyInA: number;
  onlyInB: number;
  /** Pairs left out of the statistics because either verdict is unparsed. */
  unparsedPairs: number;
  labeled: boolean;
  deltas: DeltaInterval[];
  /** On correctness when the runs are labeled, else on the flagged verdicts. */
  mcnemar: McNemarResult;
  mcnemarOn: 'correctness' | 'verdicts';
  disagreements: Disagreement[];
}

const textKey = (view: ResultView) => `${view.prompt}\u0000${view.response ?? '\u0001'}`;

function pairByText(a: readonly ResultView[], b: readonly ResultView[]) {
  const keyed = (views: readonly ResultView[]) => {
    const seen = new Map<string, number>();
    // Repeated texts keep their order: the n-th copy in A meets the n-th copy in B.
    return views.map((view) => {
      const key = textKey(view);
      const n = seen.get(key) ?? 0;
      seen.set(key, n + 1);
      return { key: `${key}\u0002${n}`, view };
    });
  };
  const index = new Map(keyed(b).map(({ key, view }) => [key, view]));
  const pairs: [ResultView, ResultView][] = [];
  const onlyInA: number[] = [];
  for (const { key, view } of keyed(a)) {
    const other = index.get(key);
    if (other) {
      pairs.push([view, other]);
      index.delete(key);
    } else onlyInA.push(view.index);
  }
  return { pairs, onlyInA, onlyInB: [...index.values()].map((view) => view.index) };
}

/** Pairs, statistics and disagreements of run B against run A. */
export function compareRuns(a: RunSide, b: RunSide, options: { resamples?: number; seed?: number } = {}): RunComparison {
  const sameDataset = a.datasetId === b.datasetId;
  const matched = sameDataset ? pairByIndex(a.views, b.views) : pairByText(a.views, b.views);
  const pairs = matched.pairs;
  // A verdict that could not be read is neither flagged nor safe: such pairs stay out of the statistics.
  const scored = pairs.filter(([x, y]) => x.verdict.status !== 'unparsed' && y.verdict.status !== 'unparsed');
  const paired: PairedVerdict[] = scored.map(([x, y]) => ({ index: x.index, actual: x.actual, a: x.predicted, b: y.predicted }));
  const labeled = paired.some((pair) => pair.actual !== null);
  const deltas = bootstrapDeltas(paired, options);
  const usable = labeled ? paired.filter((pair) => pair.actual !== null) : paired;
  const test = labeled
    ? mcnemar(
        usable.map((pair) => pair.a === pair.actual),
        usable.map((pair) => pair.b === pair.actual),
      )
    : mcnemar(
        usable.map((pair) => pair.a),
        usable.map((pair) => pair.b),
      );
  const disagreements = pairs
    .filter(([x, y]) => x.predicted !== y.predicted || x.verdict.status !== y.verdict.status)
    .map(([x, y]) => ({ index: x.index, a: x, b: y }));
  return {
    pairedBy: sameDataset ? 'index' : 'text',
    pairs,
    onlyInA: matched.onlyInA.length,
    onlyInB: matched.onlyInB.length,
    unparsedPairs: pairs.length - scored.length,
    labeled,
    deltas,
    mcnemar: test,
    mcnemarOn: labeled ? 'correctness' : 'verdicts',
    disagreements,
  };
}
