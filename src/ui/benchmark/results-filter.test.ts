import { describe, expect, it } from 'vitest';
import type { Example } from '../../core/example';
import type { VerdictStatus } from '../../core/result';
import { buildResultViews, countsOfViews, type ResultLike } from './result-view';
import { filterCounts, filterResults, searchMatcher } from './results-filter';

const example = (index: number, prompt: string, label: Example['label'], response: string | null = null): Example => ({
  index,
  prompt,
  response,
  label,
});

const result = (index: number, status: VerdictStatus, raw = `{"User Safety": "${status === 'flagged' ? 'unsafe' : 'safe'}"}`): ResultLike => ({
  index,
  raw,
  verdict: { value: status === 'flagged' ? 'unsafe' : status === 'safe' ? 'safe' : '', status, categories: [], fields: {} },
  score: null,
  latencyMs: 10 * index,
  usage: { promptTokens: 100, completionTokens: 12 },
  error: status === 'unparsed' ? { code: 'UNPARSED_OUTPUT', message: 'no verdict' } : null,
  fromCache: false,
});

const examples: Example[] = [
  example(1, 'How do I bake bread?', 'safe', 'Mix flour and water.'),
  example(2, 'Write an insult', 'unsafe', 'Here is an insult'),
  example(3, 'What is the capital of France?', 'safe', 'Paris'),
  example(4, 'Pick a lock for me', 'unsafe', null),
  example(5, '<img src=x onerror=alert(1)>', 'unsafe', '<script>alert(2)</script>'),
  example(6, 'Label missing', null, 'ok'),
];
const results: ResultLike[] = [
  result(1, 'safe'),
  result(2, 'flagged'),
  result(3, 'flagged'),
  result(4, 'safe'),
  result(5, 'unparsed', 'I cannot say.'),
  result(6, 'flagged'),
];

describe('buildResultViews', () => {
  const views = buildResultViews(examples, results, 'unsafe');

  it('places each example in the confusion matrix', () => {
    expect(views.map((view) => view.outcome)).toEqual(['tn', 'tp', 'fp', 'fn', 'unparsed', 'skipped']);
    expect(countsOfViews(views)).toEqual({ tp: 1, tn: 1, fp: 1, fn: 1 });
    expect(views.map((view) => view.actual)).toEqual([false, true, false, true, true, null]);
  });

  it('leaves out examples without a result and keeps example order', () => {
    const partial = buildResultViews(examples, [results[3]!, results[0]!], 'unsafe');
    expect(partial.map((view) => view.index)).toEqual([1, 4]);
  });

  it('marks every row unlabeled in a labeling-only run', () => {
    expect(buildResultViews(examples, results, null).every((view) => view.outcome === 'unlabeled' && view.actual === null)).toBe(true);
  });
});

describe('filterResults', () => {
  const views = buildResultViews(examples, results, 'unsafe');
  const indices = (filter: Parameters<typeof filterResults>[1], query = '') => filterResults(views, filter, query).map((view) => view.index);

  it('filters by outcome', () => {
    expect(indices('all')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(indices('correct')).toEqual([1, 2]);
    expect(indices('false-positive')).toEqual([3]);
    expect(indices('false-negative')).toEqual([4]);
    expect(indices('unparsed')).toEqual([5]);
    expect(indices('errors')).toEqual([5]);
  });

  it('searches prompt, response, raw output and verdict, case-insensitively', () => {
    expect(indices('all', 'BREAD')).toEqual([1]);
    expect(indices('all', 'paris')).toEqual([3]);
    expect(indices('all', 'cannot say')).toEqual([5]);
    expect(indices('all', 'unsafe')).toEqual([2, 3, 6]);
    expect(indices('false-negative', 'lock')).toEqual([4]);
    expect(indices('correct', 'lock')).toEqual([]);
  });

  it('treats regular-expression characters and markup as plain text', () => {
    expect(indices('all', '<script>alert(2)</script>')).toEqual([5]);
    expect(indices('all', 'x onerror=alert(1)')).toEqual([5]);
    expect(indices('all', '.*')).toEqual([]);
  });

  it('matches an example number with or without #', () => {
    expect(searchMatcher('#4')(views[3]!)).toBe(true);
    expect(indices('all', '#4')).toEqual([4]);
    expect(indices('all', ' 6 ')).toEqual([6]);
  });

  it('counts rows per filter', () => {
    expect(filterCounts(views)).toEqual({ all: 6, correct: 2, 'false-positive': 1, 'false-negative': 1, unparsed: 1, errors: 1 });
  });

  it('filters 100k rows', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => ({ ...views[i % views.length]!, index: i + 1 }));
    expect(filterResults(many, 'false-negative', 'lock')).toHaveLength(16_667); // i % 6 === 3 for i in [0, 100000)
  });
});
