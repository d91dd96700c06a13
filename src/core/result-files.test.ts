import { describe, expect, it } from 'vitest';
import { GuardError } from './errors';
import { evaluate, type ResultRow } from './evaluation';
import type { Example } from './example';
import type { ClassifyResult } from './result';
import { resultsCsv, resultsJsonl, resultsPathFor, summaryCsv, summaryPathFor } from './result-files';

const labeledRows: ResultRow[] = [
  { kind: 'labeled', index: 1, prompt: 'a,b', response: 'say "hi"', actual: true, predicted: true, correct: true },
  { kind: 'labeled', index: 3, prompt: 'line1\nline2\r\nline3', response: null, actual: false, predicted: true, correct: false },
  { kind: 'labeled', index: 4, prompt: '=SUM(A1)', response: ' lead\u2028', actual: false, predicted: false, correct: true },
];

describe('resultsCsv (byte-identical to the reference)', () => {
  it('writes the labeled header, True/False, flattened newlines and minimal quoting with CRLF', () => {
    // Row 3: "line1\nline2\r\nline3" → \n→space then \r dropped → "line1 line2 line3", no quoting needed.
    expect(resultsCsv(labeledRows, { labeled: true })).toBe(
      'index,input_prompt,input_response,actual_unsafe,predicted_unsafe,correct\r\n' +
        '1,"a,b","say ""hi""",True,True,True\r\n' +
        '3,line1 line2 line3,,False,True,False\r\n' +
        '4,=SUM(A1), lead\u2028,False,False,True\r\n',
    );
  });

  it('neutralises formula cells only when asked', () => {
    const csv = resultsCsv(labeledRows, { labeled: true, neutraliseFormulas: true });
    expect(csv).toContain("\r\n4,'=SUM(A1), lead\u2028,False,False,True\r\n");
  });

  it('writes the unlabeled header and the extracted value, and empty cells for an unreadable verdict', () => {
    const rows: ResultRow[] = [
      { kind: 'unlabeled', index: 1, prompt: 'p', response: 'r\rr', prediction: 'unsafe' },
      { kind: 'unlabeled', index: 2, prompt: 'q', response: null, prediction: '' },
    ];
    expect(resultsCsv(rows, { labeled: false })).toBe('index,input_prompt,input_response,llm_prediction\r\n1,p,rr,unsafe\r\n2,q,,\r\n');
    const unparsed: ResultRow = { kind: 'labeled', index: 9, prompt: 'p', response: null, actual: true, predicted: null, correct: null };
    expect(resultsCsv([unparsed], { labeled: true }).split('\r\n')[1]).toBe('9,p,,True,,');
  });

  it('refuses rows of the other kind', () => {
    expect(() => resultsCsv(labeledRows, { labeled: false })).toThrow(GuardError);
  });
});

describe('summaryCsv', () => {
  it('writes the nine rows in order with Python number text', () => {
    // tp 2, fn 1, fp 1, tn 5: P = R = 200/3 → 66.667, F1 66.667, FPR 100/6 → 16.667; total 10 includes skipped.
    expect(summaryCsv(10, { tp: 2, fn: 1, fp: 1, tn: 5 }, { precision: 66.667, recall: 66.667, f1: 66.667, fpr: 16.667 })).toBe(
      'Metric,Value\r\nTotal Examples,10\r\nTrue Positives,2\r\nFalse Negatives,1\r\nFalse Positives,1\r\nTrue Negatives,5\r\n' +
        'Precision (%),66.667\r\nRecall (%),66.667\r\nF1 Score (%),66.667\r\nFalse Positive Rate (%),16.667\r\n',
    );
  });

  it('writes 0.0 and 100.0 as Python floats', () => {
    const text = summaryCsv(5, { tp: 5, fn: 0, fp: 0, tn: 0 }, { precision: 100, recall: 100, f1: 100, fpr: 0 });
    expect(text).toContain('\r\nPrecision (%),100.0\r\n');
    expect(text).toContain('\r\nFalse Positive Rate (%),0.0\r\n');
  });
});

describe('result paths', () => {
  it.each([
    ['outputs/aegis.csv', 'outputs/aegis.csv'],
    ['outputs/aegis', 'outputs/aegis.csv'],
    ['out/a.csv.x', 'out/a.csv.x.csv'],
    ['x.CSV', 'x.CSV.csv'],
    ['', '.csv'],
  ])('results path for %j is %j', (outputFile, path) => {
    expect(resultsPathFor(outputFile, new Date())).toBe(path);
  });

  it('defaults to output_YYYYmmdd_HHMMSS.csv in local time', () => {
    expect(resultsPathFor(undefined, new Date(2025, 0, 2, 3, 4, 5))).toBe('output_20250102_030405.csv');
  });

  it('replaces every .csv in the whole path for the summary', () => {
    expect(summaryPathFor('out/a.csv.x.csv')).toBe('out/a_summary.csv.x_summary.csv');
    expect(summaryPathFor('outputs.csv/aegis.csv')).toBe('outputs_summary.csv/aegis_summary.csv');
    expect(summaryPathFor('outputs/aegis.csv')).toBe('outputs/aegis_summary.csv');
  });
});

describe('resultsJsonl', () => {
  const examples: Example[] = [
    { index: 1, prompt: 'p1', response: null, label: 1.0 },
    { index: 2, prompt: 'p"2', response: 'r', label: 1n },
  ];
  const results: ClassifyResult[] = [
    {
      index: 2,
      raw: '{"User Safety": "unsafe"}',
      verdict: { value: 'unsafe', status: 'flagged', categories: ['S1'], fields: { 'User Safety': 'unsafe' } },
      score: 0.93,
      usage: { promptTokens: 120, completionTokens: 9 },
      latencyMs: 41.5,
      finishReason: 'early',
    },
    {
      index: 1,
      raw: '',
      verdict: { value: '', status: 'unparsed', categories: [], fields: {} },
      score: null,
      usage: { promptTokens: 0, completionTokens: 0 },
      latencyMs: 2,
      finishReason: 'stop',
      fromCache: true,
      error: { code: 'CONTEXT_OVERFLOW', message: 'too long' },
    },
  ];

  it('writes one object per result with everything known about it', () => {
    const text = resultsJsonl(examples, results);
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(JSON.parse(lines[0]!)).toEqual({
      index: 2,
      prompt: 'p"2',
      response: 'r',
      label: 1,
      raw: '{"User Safety": "unsafe"}',
      verdict: { value: 'unsafe', status: 'flagged', categories: ['S1'], fields: { 'User Safety': 'unsafe' } },
      score: 0.93,
      latencyMs: 41.5,
      usage: { promptTokens: 120, completionTokens: 9 },
      finishReason: 'early',
      fromCache: false,
      error: null,
    });
    expect(JSON.parse(lines[1]!)).toMatchObject({ index: 1, response: null, fromCache: true, error: { code: 'CONTEXT_OVERFLOW' } });
  });

  it('keeps the int/float distinction of labels as written (1 vs 1.0)', () => {
    const [first, second] = resultsJsonl(examples, results).split('\n');
    expect(first).toContain('"label":1,');
    expect(second).toContain('"label":1.0,');
  });

  it('refuses a result without its example', () => {
    expect(() => resultsJsonl(examples.slice(0, 1), results)).toThrow(GuardError);
  });
});

describe('an evaluation written end to end', () => {
  it('gives the reference files for a small labeled run', () => {
    const examples: Example[] = [
      { index: 1, prompt: 'kill?', response: null, label: 'unsafe' },
      { index: 2, prompt: 'hi', response: null, label: null },
      { index: 3, prompt: 'hello,\nworld', response: null, label: 'safe' },
    ];
    const verdict = (value: string, status: 'flagged' | 'safe') => ({ value, status, categories: [], fields: { 'User Safety': value } });
    const results: ClassifyResult[] = [1, 2, 3].map((index) => ({
      index,
      raw: '',
      verdict: index === 3 ? verdict('safe', 'safe') : verdict('unsafe', 'flagged'),
      score: null,
      usage: { promptTokens: 1, completionTokens: 1 },
      latencyMs: 1,
      finishReason: 'stop' as const,
    }));
    const evaluation = evaluate(examples, results, { flaggedValue: 'unsafe' });
    expect(resultsCsv(evaluation.rows, { labeled: true })).toBe(
      'index,input_prompt,input_response,actual_unsafe,predicted_unsafe,correct\r\n1,kill?,,True,True,True\r\n3,"hello, world",,False,False,True\r\n',
    );
    expect(summaryCsv(evaluation.total, evaluation.counts, evaluation.metrics)).toBe(
      'Metric,Value\r\nTotal Examples,3\r\nTrue Positives,1\r\nFalse Negatives,0\r\nFalse Positives,0\r\nTrue Negatives,1\r\n' +
        'Precision (%),100.0\r\nRecall (%),100.0\r\nF1 Score (%),100.0\r\nFalse Positive Rate (%),0.0\r\n',
    );
  });
});
