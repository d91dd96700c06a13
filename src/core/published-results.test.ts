import { describe, expect, it } from 'vitest';
import { PUBLISHED_MODELS, publishedBenchmarkOf, publishedF1, publishedF1Column } from './published-results';

describe('publishedBenchmarkOf', () => {
  it.each([
    ['toxic_chat', 'toxic_chat'],
    ['beavertails', 'beavertails'],
    ['beaverTails', 'beavertails'],
    ['configs/beaverTails.json', 'beavertails'],
    ['safeRLHF', 'safeRLHF'],
    ['configs\\safeRLHF.json', 'safeRLHF'],
    ['openai_mod', 'openai_mod'],
    ['wildguard_prompt.json', 'wildguard_prompt'],
    ['wildguard_response', 'wildguard_response'],
    ['harmbench', 'harmbench'],
    ['xstest', 'xstest'],
    ['aegis', 'aegis'],
  ])('%s → %s', (input, expected) => {
    expect(publishedBenchmarkOf(input)).toBe(expected);
  });

  it.each(['aegis2', 'aegis2_prompt', 'aegis2_response', 'RoGuardEval', 'simpleST', 'my-upload.csv', ''])(
    '%s has no published figure',
    (input) => {
      expect(publishedBenchmarkOf(input)).toBeNull();
    },
  );
});

describe('publishedF1', () => {
  it('reads RoGuard 1.0 by default, one value per published column', () => {
    expect(publishedF1('toxic_chat')).toBe(75.8);
    expect(publishedF1('openai_mod')).toBe(70.5);
    expect(publishedF1('aegis')).toBe(91.1);
    expect(publishedF1('xstest')).toBe(90.2);
    expect(publishedF1('wildguard_prompt')).toBe(88.7);
    expect(publishedF1('beavertails')).toBe(87.5);
    expect(publishedF1('safeRLHF')).toBe(69.7);
    expect(publishedF1('wildguard_response')).toBe(80.0);
    expect(publishedF1('harmbench')).toBe(80.7);
  });

  it('reads other models and dashes', () => {
    expect(publishedF1('toxic_chat', 'LlamaGuard2-8B')).toBe(42.7);
    expect(publishedF1('harmbench', 'BingoGuard-llama3.1-8B')).toBe(86.4);
    expect(publishedF1('toxic_chat', 'MD-Judge-7B')).toBeNull();
    expect(publishedF1('beavertails', 'MD-Judge-7B')).toBe(86.7);
    expect(publishedF1('aegis', 'No such model')).toBeNull();
    expect(publishedF1('simpleST')).toBeNull();
  });

  it('lists a column without dashes', () => {
    const column = publishedF1Column('aegis');
    expect(column).toHaveLength(PUBLISHED_MODELS.length - 1);
    expect(column.find((entry) => entry.model === 'MD-Judge-7B')).toBeUndefined();
    expect(column.at(-1)).toEqual({ model: 'RoGuard 1.0', f1: 91.1 });
    expect(publishedF1Column('RoGuardEval')).toEqual([]);
  });
});
