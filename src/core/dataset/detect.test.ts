import { describe, expect, it } from 'vitest';
import { chooseTextFormat, formatFromName } from './detect';

describe('formatFromName', () => {
  it('knows the usual extensions, case-insensitively', () => {
    expect(['a.CSV', 'a.tsv', 'a.jsonl', 'a.ndjson', 'a.json', 'a.parquet', 'a.txt', 'noext'].map(formatFromName)).toEqual([
      'csv',
      'csv',
      'jsonl',
      'jsonl',
      'json',
      'parquet',
      undefined,
      undefined,
    ]);
  });
});

describe('chooseTextFormat', () => {
  it('keeps the extension when the content agrees', () => {
    expect(chooseTextFormat('a.jsonl', '{"prompt": "x"}\n{"prompt": "y"}\n')).toEqual({ format: 'jsonl' });
    expect(chooseTextFormat('a.json', '[\n {"prompt": "x"}\n]')).toEqual({ format: 'json' });
    expect(chooseTextFormat('a.json', '{"a": [{"prompt": "x"}]}')).toEqual({ format: 'json' });
    expect(chooseTextFormat('a.jsonl', '{"prompt": "x"}')).toEqual({ format: 'jsonl' });
  });

  it('keeps JSON Lines whose first line is bad, so its good lines are still read', () => {
    expect(chooseTextFormat('a.jsonl', '{bad\n{"prompt": "y"}\n')).toEqual({ format: 'jsonl' });
  });

  it('reads a pretty-printed JSON object named .jsonl as JSON, and says why', () => {
    expect(chooseTextFormat('a.jsonl', '{\n  "data": [{"prompt": "x"}]\n}\n')).toEqual({
      format: 'json',
      note: 'named .jsonl but the content is one JSON document',
    });
  });

  it('decides from content alone when the extension is unknown', () => {
    expect(chooseTextFormat('data', '{"prompt": "x"}')).toEqual({
      format: 'jsonl',
      note: 'no extension; the content is one JSON object on one line, read as one JSON Lines row',
    });
    expect(chooseTextFormat('data.txt', '{"k": [{"prompt": "x"}], "j": []}')).toEqual({
      format: 'json',
      note: '.txt is not a known extension; the content is one JSON document',
    });
    expect(chooseTextFormat('data', 'prompt\nx\n').format).toBe('csv');
  });

  it('reads a .parquet file without the magic bytes by its content, and says so', () => {
    expect(chooseTextFormat('a.parquet', 'prompt,label\nx,safe\n')).toEqual({
      format: 'csv',
      note: 'named .parquet but it has no Parquet magic bytes; the content does not start with { or [, so it is read as CSV',
    });
  });
});
