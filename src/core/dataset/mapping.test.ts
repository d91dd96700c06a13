import { describe, expect, it } from 'vitest';
import { applyMapping, detectMapping, resolveColumn } from './mapping';
import type { DatasetRead } from './types';

const read = (format: DatasetRead['format'], columns: string[], rows: DatasetRead['rows']): DatasetRead => ({
  file: 'f',
  format,
  encoding: 'utf-8',
  columns,
  rows,
  reported: [],
  notes: [],
});

describe('detectMapping', () => {
  it('finds the usual names of the benchmark files', () => {
    expect(detectMapping(['conv_id', 'user_input', 'model_output', 'human_annotation', 'toxicity', 'jailbreaking'])).toEqual({
      prompt: 'user_input',
      response: 'model_output',
      label: 'toxicity',
    });
    expect(detectMapping(['prompt', 'response', 'prompt_harm_label', 'response_harm_label'])).toEqual({
      prompt: 'prompt',
      response: 'response',
      label: 'prompt_harm_label',
    });
    expect(detectMapping(['behavior_id', 'test_case', 'generation', 'human_0'])).toEqual({ prompt: 'test_case', response: 'generation' });
  });

  it('prefers an exact match, then ignores case and surrounding spaces', () => {
    expect(detectMapping([' Prompt ', 'prompt'])).toEqual({ prompt: 'prompt' });
    expect(detectMapping([' Question ', 'ANSWER', 'Label'])).toEqual({ prompt: ' Question ', response: 'ANSWER', label: 'Label' });
  });

  it('uses a column for one role only and lets given names win', () => {
    expect(detectMapping(['text', 'input', 'output'])).toEqual({ prompt: 'text', response: 'output' });
    expect(detectMapping(['text', 'input', 'output'], { prompt: 'INPUT', response: 'text' })).toEqual({ prompt: 'input', response: 'text' });
  });

  it('says which columns exist when there is no prompt column', () => {
    expect(() => detectMapping(['foo', 'bar'])).toThrow(
      'No prompt column found among the columns "foo", "bar". Name the column that holds the prompts (--prompt COLUMN, or the column picker).',
    );
  });
});

describe('resolveColumn', () => {
  it('matches exactly, else ignoring case and surrounding spaces', () => {
    expect(resolveColumn(['Prompt', 'prompt'], 'Prompt')).toBe('Prompt');
    expect(resolveColumn([' User Input '], 'user input')).toBe(' User Input ');
  });

  it('names the close candidates, or the columns there are', () => {
    expect(() => resolveColumn(['prompt', 'response', 'label'], 'promt', 'prompt')).toThrow(
      'There is no prompt column "promt". Did you mean "prompt"? The file has the columns "prompt", "response", "label".',
    );
    expect(() => resolveColumn(['a', 'b'], 'zzzzzz')).toThrow('There is no column "zzzzzz". The file has the columns "a", "b".');
    expect(() => resolveColumn(['Label', 'LABEL'], 'label')).toThrow('The column "label" matches several columns ("Label", "LABEL"); give its exact name.');
  });
});

describe('applyMapping', () => {
  it('keeps text prompts, null responses and typed labels; reports the rest by row or line', () => {
    const file = read('jsonl', ['prompt', 'response', 'label'], [
      { row: 1, values: { prompt: 'a', response: null, label: 1n } },
      { row: 2, values: { prompt: null, response: 'x', label: 'safe' } },
      { row: 4, values: { prompt: 7n } },
      { row: 5, values: { prompt: 'b', response: 3.5, label: true } },
      { row: 6, values: { response: 'no prompt' } },
      { row: 7, values: { prompt: '', label: 1.0 } },
    ]);
    expect(applyMapping(file, { prompt: 'prompt', response: 'response', label: 'label' })).toEqual({
      examples: [
        { index: 1, prompt: 'a', response: null, label: 1n },
        { index: 2, prompt: '', response: null, label: 1 },
      ],
      reported: [
        { row: 2, reason: 'line 2: the prompt column "prompt" holds null, not text' },
        { row: 4, reason: 'line 4: the prompt column "prompt" holds an integer (7), not text' },
        { row: 5, reason: 'line 5: the response column "response" holds a number (3.5), not text' },
        { row: 6, reason: 'line 6: the prompt column "prompt" holds nothing (the key is missing), not text' },
      ],
    });
  });

  it('leaves out label and response when the mapping has none', () => {
    const file = read('csv', ['q', 'a'], [{ row: 1, values: { q: 'x', a: 'y' } }]);
    expect(applyMapping(file, { prompt: 'q' })).toEqual({ examples: [{ index: 1, prompt: 'x', response: null }], reported: [] });
  });
});
