import { describe, expect, it } from 'vitest';
import { UsageError, integerFlag, parseFlags } from './args';
import { parseEvalOptions } from './eval-options';

const SPECS = { config: { kind: 'value' }, limit: { kind: 'value' }, reference: { kind: 'switch' } } as const;

describe('parseFlags', () => {
  it('reads --name value, --name=value and switches', () => {
    expect(parseFlags(['--config', 'a.json', '--limit=3', '--reference'], SPECS)).toEqual({ config: 'a.json', limit: '3', reference: true });
  });

  it('rejects what a person may mistype, saying what is wrong', () => {
    const message = (args: string[]) => {
      try {
        parseFlags(args, SPECS);
      } catch (error) {
        expect(error).toBeInstanceOf(UsageError);
        return (error as Error).message;
      }
      throw new Error('expected a UsageError');
    };
    expect(message(['configs/a.json'])).toBe('unexpected argument "configs/a.json"; every option is a --flag (see --help).');
    expect(message(['--conf', 'a'])).toBe('unknown option --conf (did you mean --config?).');
    expect(message(['--colour'])).toBe('unknown option --colour.');
    expect(message(['--config'])).toBe('--config needs a value.');
    expect(message(['--config', '--reference'])).toBe('--config needs a value.');
    expect(message(['--config='])).toBe('--config needs a non-empty value.');
    expect(message(['--reference=yes'])).toBe('--reference takes no value.');
    expect(message(['--limit', '1', '--limit', '2'])).toBe('--limit is given twice.');
  });

  it('checks whole numbers', () => {
    expect(integerFlag({ limit: '12' }, 'limit', 1)).toBe(12);
    expect(integerFlag({}, 'limit', 1)).toBeUndefined();
    expect(() => integerFlag({ limit: '1.5' }, 'limit', 1)).toThrow('--limit must be a whole number of at least 1, got "1.5".');
    expect(() => integerFlag({ limit: '0' }, 'limit', 1)).toThrow(UsageError);
  });
});

describe('parseEvalOptions', () => {
  it('defaults to the openai engine, greedy robust runs and the environment for URL and key', () => {
    expect(parseEvalOptions(['--config', 'c.json'], { OPENAI_BASE_URL: 'http://gpu:8000', OPENAI_API_KEY: 'sk' })).toEqual({
      config: 'c.json',
      engine: 'openai',
      baseUrl: 'http://gpu:8000',
      model: '',
      apiKey: 'sk',
      reference: false,
      earlyStop: true,
    });
  });

  it('reads every flag', () => {
    const args = ['--config', 'c.json', '--dataset', 'd.parquet', '--format', 'parquet', '--engine', 'openai', '--base-url', 'http://h:1', '--model', 'rg',
      '--api-key', 'k', '--out', 'o', '--limit', '5', '--prompts-dir', 'p', '--reference', '--no-early-stop', '--seed', '0', '--timeout', '30'];
    expect(parseEvalOptions(args, {})).toEqual({
      config: 'c.json', dataset: 'd.parquet', format: 'parquet', engine: 'openai', baseUrl: 'http://h:1', model: 'rg', apiKey: 'k',
      out: 'o', limit: 5, promptsDir: 'p', reference: true, earlyStop: false, seed: 0, timeoutMs: 30_000,
    });
  });

  it('requires --config and known engine and format names', () => {
    expect(() => parseEvalOptions([], {})).toThrow('--config <file> is required.');
    expect(() => parseEvalOptions(['--config', 'c', '--engine', 'gpu'], {})).toThrow('--engine must be openai or browser, got "gpu".');
    expect(() => parseEvalOptions(['--config', 'c', '--format', 'xlsx'], {})).toThrow('--format must be csv, jsonl, json or parquet, got "xlsx".');
  });
});
