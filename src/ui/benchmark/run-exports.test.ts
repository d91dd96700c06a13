import { describe, expect, it } from 'vitest';
import type { Example } from '../../core/example';
import type { ResultRecord, RunConfig } from '../../store/records';
import { runFiles } from './run-exports';
import { runConfigOf } from '../../../tests/support/records';

// The export depends only on the labels, verdicts and output file name, not on generation settings.
const config = (patch: Partial<RunConfig> = {}): RunConfig => runConfigOf({ name: 'sample', ...patch });

const record = (index: number, flagged: boolean): ResultRecord => ({
  runId: 1,
  index,
  raw: `{"User Safety": "${flagged ? 'unsafe' : 'safe'}"}`,
  verdict: { value: flagged ? 'unsafe' : 'safe', status: flagged ? 'flagged' : 'safe', categories: [], fields: {} },
  score: null,
  latencyMs: 5,
  usage: { promptTokens: 10, completionTokens: 8 },
  finishReason: 'stop',
  error: null,
  fromCache: false,
  duplicateOf: null,
  cacheKey: `k${index}`,
});

const examples: Example[] = [
  { index: 1, prompt: '=HYPERLINK("x")', response: 'line one\nline two', label: 'unsafe' },
  { index: 2, prompt: 'hello, world', response: null, label: 'safe' },
  { index: 3, prompt: 'not run yet', response: null, label: 'safe' },
];

describe('runFiles', () => {
  it('writes the reference format exactly when asked, formula cells untouched', () => {
    const files = runFiles(examples, [record(2, true), record(1, true)], config(), 'sample-run-4', true);
    expect(files.finished).toBe(2);
    expect(files.results.name).toBe('sample-run-4.csv');
    expect(files.results.text).toBe(
      'index,input_prompt,input_response,actual_unsafe,predicted_unsafe,correct\r\n' +
        '1,"=HYPERLINK(""x"")",line one line two,True,True,True\r\n' +
        '2,"hello, world",,False,True,False\r\n',
    );
    expect(files.summary?.name).toBe('sample-run-4_summary.csv');
    // tp 1, fp 1: precision 50.0, recall 100.0, F1 = 2·50·100/150 = 66.667, FPR 100.0
    expect(files.summary?.text).toBe(
      'Metric,Value\r\nTotal Examples,2\r\nTrue Positives,1\r\nFalse Negatives,0\r\nFalse Positives,1\r\nTrue Negatives,0\r\n' +
        'Precision (%),50.0\r\nRecall (%),100.0\r\nF1 Score (%),66.667\r\nFalse Positive Rate (%),100.0\r\n',
    );
  });

  it('neutralises formula cells by default and names files after the config output', () => {
    const files = runFiles(examples, [record(1, false)], config({ snapshot: { output_file: 'outputs/aegis.csv' } }), 'x', false);
    expect(files.results.text.split('\r\n')[1]).toBe(`1,"'=HYPERLINK(""x"")",line one line two,True,False,False`);
    expect(files.results.name).toBe('aegis.csv');
    expect(files.summary?.name).toBe('aegis_summary.csv');
    expect(files.jsonl.name).toBe('aegis.jsonl');
  });

  it('writes the labeling-only format and no summary without labels', () => {
    const files = runFiles(examples, [record(1, true)], config({ labelFlaggedValue: null }), 'x', true);
    expect(files.results.text).toBe('index,input_prompt,input_response,llm_prediction\r\n1,"=HYPERLINK(""x"")",line one line two,unsafe\r\n');
    expect(files.summary).toBeNull();
    const line = JSON.parse(files.jsonl.text.trim()) as { index: number; label: string; verdict: { status: string } };
    expect(line).toMatchObject({ index: 1, label: 'unsafe', verdict: { status: 'flagged' } });
  });
});
