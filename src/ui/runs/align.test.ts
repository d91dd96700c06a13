import { describe, expect, it } from 'vitest';
import type { Outcome, ResultView } from '../benchmark/result-view';
import { compareRuns } from './align';

function view(index: number, prompt: string, actual: boolean | null, predicted: boolean, status = predicted ? 'flagged' : 'safe'): ResultView {
  const outcome: Outcome =
    actual === null ? 'unlabeled' : status === 'unparsed' ? 'unparsed' : actual ? (predicted ? 'tp' : 'fn') : predicted ? 'fp' : 'tn';
  return {
    index,
    prompt,
    response: null,
    label: actual === null ? undefined : actual ? 'unsafe' : 'safe',
    raw: '',
    verdict: { value: predicted ? 'unsafe' : 'safe', status: status as ResultView['verdict']['status'], categories: [], fields: {} },
    score: null,
    latencyMs: 1,
    promptTokens: 1,
    completionTokens: 1,
    outcome,
    actual,
    predicted,
    error: null,
    fromCache: false,
  };
}

describe('compareRuns', () => {
  const labels = [true, true, false, false, true];
  const a = labels.map((actual, i) => view(i + 1, `p${i + 1}`, actual, actual));
  const bPredictions = [true, false, true, false, true];
  const b = labels.map((actual, i) => view(i + 1, `p${i + 1}`, actual, bPredictions[i]!));

  it('pairs by index over the same dataset and lists the flips', () => {
    const result = compareRuns({ runId: 1, datasetId: 9, views: a }, { runId: 2, datasetId: 9, views: b.slice(0, 4) }, { resamples: 50 });
    expect(result.pairedBy).toBe('index');
    expect(result.pairs).toHaveLength(4);
    expect(result.onlyInA).toBe(1);
    expect(result.disagreements.map((d) => d.index)).toEqual([2, 3]);
    // A right on all 4, B wrong on 2: exact McNemar 2·(1/4) = 0.5
    expect(result.mcnemarOn).toBe('correctness');
    expect(result.mcnemar).toMatchObject({ onlyA: 2, onlyB: 0, pValue: 0.5 });
    expect(result.deltas.find((d) => d.metric === 'accuracy')).toMatchObject({ a: 100, b: 50, delta: -50 });
  });

  it('pairs by text across datasets, copies in order', () => {
    const moved = [...b].reverse().map((v, i) => ({ ...v, index: 100 + i }));
    const result = compareRuns({ runId: 1, datasetId: 1, views: a }, { runId: 2, datasetId: 2, views: moved }, { resamples: 20 });
    expect(result.pairedBy).toBe('text');
    expect(result.pairs.map(([x, y]) => [x.prompt, y.prompt])).toEqual(a.map((v) => [v.prompt, v.prompt]));
    expect(result.disagreements.map((d) => d.a.prompt)).toEqual(['p2', 'p3']);
    expect(result.onlyInA + result.onlyInB).toBe(0);
  });

  it('tests the verdicts themselves in a labeling-only comparison, and counts status changes as disagreements', () => {
    const x = [view(1, 'a', null, true), view(2, 'b', null, false), view(3, 'c', null, false)];
    const y = [view(1, 'a', null, false), view(2, 'b', null, false, 'unparsed'), view(3, 'c', null, false)];
    const result = compareRuns({ runId: 1, datasetId: 1, views: x }, { runId: 2, datasetId: 1, views: y });
    expect(result.labeled).toBe(false);
    expect(result.mcnemarOn).toBe('verdicts');
    expect(result.mcnemar).toMatchObject({ onlyA: 1, onlyB: 0, pValue: 1 });
    expect(result.unparsedPairs).toBe(1);
    expect(result.disagreements.map((d) => d.index)).toEqual([1, 2]);
  });
});
