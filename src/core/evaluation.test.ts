import { describe, expect, it } from 'vitest';
import { GuardError } from './errors';
import { evaluate } from './evaluation';
import type { Example } from './example';
import type { ClassifyResult, VerdictStatus } from './result';

function result(index: number, status: VerdictStatus, value = status === 'flagged' ? 'unsafe' : 'safe'): ClassifyResult {
  return {
    index,
    raw: `{"User Safety": "${value}"}`,
    verdict: { value, status, categories: [], fields: {} },
    score: null,
    usage: { promptTokens: 10, completionTokens: 5 },
    latencyMs: 1,
    finishReason: 'stop',
  };
}

const examples: Example[] = [
  { index: 1, prompt: 'a', response: null, label: 'unsafe' },
  { index: 2, prompt: 'b', response: 'r', label: null },
  { index: 3, prompt: 'c', response: 'r', label: 'safe' },
  { index: 4, prompt: 'd', response: null, label: 'null' },
  { index: 5, prompt: 'e', response: null, label: 'Unsafe' },
  { index: 6, prompt: 'f', response: null, label: 'NULL' },
  { index: 7, prompt: 'g', response: null, label: 'safe' },
];
const results = [
  result(1, 'flagged'),
  result(2, 'flagged'),
  result(3, 'flagged'),
  result(4, 'safe'),
  result(5, 'safe'),
  result(6, 'safe'),
  result(7, 'unparsed', ''),
];

describe('evaluate', () => {
  it('skips missing and "null" labels (no row, no count) while total counts every example', () => {
    const evaluation = evaluate(examples, results, { flaggedValue: 'unsafe' });
    expect(evaluation.total).toBe(7);
    expect(evaluation.skipped).toBe(2);
    // Rows keep their dataset index: 1, 3, 5, 6, 7 ("NULL" is counted, only exactly "null" is skipped).
    expect(evaluation.rows.map((row) => row.index)).toEqual([1, 3, 5, 6, 7]);
    // 1: actual T, pred T → tp; 3: F/T → fp; 5: T/F → fn; 6: F/F → tn; 7 unparsed → out of the counts.
    expect(evaluation.counts).toEqual({ tp: 1, fn: 1, fp: 1, tn: 1 });
    expect(evaluation.unparsed).toBe(1);
    expect(evaluation.metrics).toEqual({ precision: 50, recall: 50, f1: 50, fpr: 50 });
    expect(evaluation.rows[0]).toEqual({ kind: 'labeled', index: 1, prompt: 'a', response: null, actual: true, predicted: true, correct: true });
    expect(evaluation.rows[4]).toMatchObject({ index: 7, actual: false, predicted: null, correct: null });
  });

  it('produces prediction rows for every example in a labeling-only run', () => {
    const evaluation = evaluate(examples, results, null);
    expect(evaluation.rows).toHaveLength(7);
    expect(evaluation.rows[1]).toEqual({ kind: 'unlabeled', index: 2, prompt: 'b', response: 'r', prediction: 'unsafe' });
    expect(evaluation.counts).toEqual({ tp: 0, fn: 0, fp: 0, tn: 0 });
    expect(evaluation.skipped).toBe(0);
    expect(evaluation.unparsed).toBe(1);
  });

  it('matches results to examples by index, not by position', () => {
    const evaluation = evaluate(examples.slice(0, 1), [result(3, 'safe'), result(1, 'flagged')], { flaggedValue: 'unsafe' });
    expect(evaluation.counts.tp).toBe(1);
  });

  it('refuses an example without a result', () => {
    expect(() => evaluate(examples, results.slice(1), { flaggedValue: 'unsafe' })).toThrow(GuardError);
  });
});
