import { describe, expect, it } from 'vitest';
import type { Outcome, ResultView } from '../benchmark/result-view';
import { categoryCounts, metricsAt, modelLatencies, pointAtThreshold, scoredPoints } from './run-analysis';

function view(index: number, actual: boolean | null, flagged: boolean, score: number | null, patch: Partial<ResultView> = {}): ResultView {
  const outcome: Outcome = actual === null ? 'unlabeled' : actual ? (flagged ? 'tp' : 'fn') : flagged ? 'fp' : 'tn';
  return {
    index,
    prompt: `p${index}`,
    response: null,
    label: undefined,
    raw: '',
    verdict: { value: flagged ? 'unsafe' : 'safe', status: flagged ? 'flagged' : 'safe', categories: [], fields: {} },
    score,
    latencyMs: 100 * index,
    promptTokens: 1,
    completionTokens: 1,
    outcome,
    actual,
    predicted: flagged,
    error: null,
    fromCache: false,
    ...patch,
  };
}

const views = [
  view(1, true, true, 0.9),
  view(2, true, false, 0.4),
  view(3, false, true, 0.6),
  view(4, false, false, 0.1),
  view(5, null, true, 0.8),
  view(6, true, true, null),
];

describe('metricsAt', () => {
  it('uses the verdicts without a threshold', () => {
    // tp 2 (1, 6), fn 1, fp 1, tn 1: P 66.667, R 66.667
    expect(metricsAt(views, null)).toEqual({
      counts: { tp: 2, fn: 1, fp: 1, tn: 1 },
      metrics: { precision: 66.667, recall: 66.667, f1: 66.667, fpr: 50 },
      counted: 5,
    });
  });

  it('flags scored, labeled examples at or above the threshold', () => {
    // scored and labeled: 1 (0.9, T), 2 (0.4, T), 3 (0.6, F), 4 (0.1, F)
    expect(metricsAt(views, 0.5)).toEqual({ counts: { tp: 1, fn: 1, fp: 1, tn: 1 }, metrics: { precision: 50, recall: 50, f1: 50, fpr: 50 }, counted: 4 });
    expect(metricsAt(views, 0.4).counts).toEqual({ tp: 2, fn: 0, fp: 1, tn: 1 });
    expect(metricsAt(views, 0.95).metrics).toEqual({ precision: 0, recall: 0, f1: 0, fpr: 0 });
  });
});

describe('scoredPoints, categories and latencies', () => {
  it('keeps labeled examples with a finite score', () => {
    expect(scoredPoints([...views, view(7, false, false, Number.NaN)])).toEqual([
      { score: 0.9, actual: true },
      { score: 0.4, actual: true },
      { score: 0.6, actual: false },
      { score: 0.1, actual: false },
    ]);
  });

  it('counts each category once per example', () => {
    const named = [
      view(1, true, true, null, { verdict: { value: 'unsafe', status: 'flagged', categories: ['S1', 'S9', 'S1'], fields: {} } }),
      view(2, true, true, null, { verdict: { value: 'unsafe', status: 'flagged', categories: ['S9'], fields: {} } }),
    ];
    expect([...categoryCounts(named)]).toEqual([
      ['S1', 1],
      ['S9', 2],
    ]);
  });

  it('leaves cache hits and errors out of the latencies', () => {
    const mixed = [view(1, true, true, null), view(2, true, true, null, { fromCache: true }), view(3, true, true, null, { error: { code: 'CONTEXT_OVERFLOW', message: 'x' } })];
    expect(modelLatencies(mixed)).toEqual([100]);
  });
});

describe('pointAtThreshold', () => {
  it('finds the last curve point still at or above the threshold', () => {
    const points = [
      { threshold: Infinity, x: 0, y: 1 },
      { threshold: 0.9, x: 0.5, y: 1 },
      { threshold: 0.6, x: 0.5, y: 0.5 },
      { threshold: 0.4, x: 1, y: 0.67 },
    ];
    expect(pointAtThreshold(points, 0.5)).toEqual(points[2]);
    expect(pointAtThreshold(points, 0.95)).toEqual(points[0]);
    expect(pointAtThreshold(points, 0)).toEqual(points[3]);
  });
});
