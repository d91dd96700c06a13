import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from './read';
import type { DatasetRead } from './types';

const DIR = resolve(__dirname, '../../../tests/fixtures/datasets');
const fixture = (name: string): Promise<DatasetRead> => readDataset({ name, bytes: readFileSync(resolve(DIR, name)) });
const values = (read: DatasetRead) => read.rows.map((r) => r.values);

describe('JSON Lines', () => {
  it('reports each bad or blank line by number and keeps the rest', async () => {
    const read = await fixture('bad-lines.jsonl');
    expect(read.format).toBe('jsonl');
    expect(read.columns).toEqual(['prompt', 'response']);
    expect(read.rows).toEqual([
      { row: 1, values: { prompt: 'ok 1', response: null } },
      { row: 5, values: { response: 'no prompt key' } },
      { row: 6, values: { prompt: null } },
      { row: 7, values: { prompt: 42n } },
      { row: 8, values: { prompt: 'numeric response', response: 7n } },
      { row: 10, values: { prompt: 'ok 2', response: 'fine' } },
      { row: 11, values: { prompt: 'ok 3\u2028still one line' } },
    ]);
    expect(read.reported).toEqual([
      { row: 2, reason: 'line 2 is blank' },
      { row: 3, reason: 'line 3 is not valid JSON (column 21: expected \',\' or \'}\' after an object member, found "\\"")' },
      { row: 4, reason: 'line 4 holds a list of 3, not an object of column → value' },
      { row: 9, reason: 'line 9 is blank' },
    ]);
  });

  it('keeps Python int and float apart as written, BigInt-sized integers included', async () => {
    const read = await fixture('bigint.jsonl');
    expect(read.rows.map((r) => r.values.label)).toEqual([12345678901234567890123n, 1n, 1, 1, 0n, Number.NaN]);
    expect(typeof read.rows[2]!.values.label).toBe('number');
  });

  it('reports a row nested 600 levels deep without a stack overflow', async () => {
    const read = await fixture('deep.jsonl');
    expect(values(read)).toEqual([{ prompt: 'fine' }, { prompt: 'also fine' }]);
    expect(read.reported).toEqual([{ row: 2, reason: 'line 2 is nested deeper than 512 levels' }]);
  });

  it('survives a line nested a million levels deep', async () => {
    const text = `{"prompt": ${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}\n{"prompt": "ok"}\n`;
    const read = await readDataset({ name: 'x.jsonl', bytes: new TextEncoder().encode(text) });
    expect(values(read)).toEqual([{ prompt: 'ok' }]);
    expect(read.reported).toEqual([{ row: 1, reason: 'line 1 is nested deeper than 512 levels' }]);
  });

  it('reads UTF-16 BE with a BOM', async () => {
    const read = await fixture('utf16be.jsonl');
    expect(read.encoding).toBe('utf-16be');
    expect(values(read)).toEqual([{ prompt: '日本語のテキスト', label: 1n }]);
  });
});

describe('JSON', () => {
  it('flattens an object of lists in the file key order, numeric-looking keys included', async () => {
    const read = await fixture('harmbench.json');
    expect(read.rows.map((r) => r.values.test_case)).toEqual(['z1', 't10', 't2a', 't2b']);
    expect(read.rows[1]!.values.human_0).toBe(true);
    expect(read.notes).toEqual(["rows read from the lists under 3 keys, one after another in the file's key order"]);
  });

  it('keeps the first position and the last value of a duplicate key, and column order as written', async () => {
    const read = await fixture('duplicate-keys.json');
    expect(read.columns).toEqual(['prompt', '2', '1']);
    expect(read.rows[0]!.values.prompt).toBe('last value');
  });

  it('reads the rows under "data" and reports an item that is not an object', async () => {
    const read = await fixture('data-key.json');
    expect(values(read)).toEqual([{ prompt: 'p1' }, { prompt: 'p2' }]);
    expect(read.reported).toEqual([{ row: 3, reason: 'row 3 (item 3 of "data") holds an integer (3), not an object of column → value' }]);
  });

  it('gives one message for a truncated file and for each wrong shape', async () => {
    expect((await fixture('truncated.json')).reported).toEqual([
      {
        row: null,
        reason:
          'The file is not valid JSON: line 3, column 21: the text ends inside a string that starts here (truncated?). The file looks truncated: export or download it again.',
      },
    ]);
    expect((await fixture('column-oriented.json')).reported).toEqual([
      {
        row: null,
        reason:
          'The file is column-oriented (each key holds a list of plain values); rows are expected. Save it as records (pandas: df.to_json(path, orient="records")) and try again.',
      },
    ]);
    const scalar = await fixture('scalar.json');
    expect(scalar.format).toBe('json');
    expect(scalar.reported).toEqual([
      {
        row: null,
        reason:
          'The file holds text ("just a string"). A JSON file must hold a list of row objects, an object with a "data" or "rows" list, or an object whose values are lists of row objects.',
      },
    ]);
  });
});

describe('Parquet', () => {
  it('types INT32/INT64 as bigint, FLOAT/DOUBLE as number, and keeps strings, booleans and nulls', async () => {
    const read = await fixture('rows.parquet');
    expect(read).toMatchObject({ format: 'parquet', encoding: 'binary' });
    expect(read.columns).toEqual(['prompt', 'response', 'toxicity', 'big', 'score', 'ratio', 'is_safe']);
    expect(read.reported).toEqual([]);
    expect(values(read)).toEqual([
      { prompt: 'How do I bake bread?', response: 'Knead, proof, bake.', toxicity: 0n, big: 1n, score: 1, ratio: 0.5, is_safe: true },
      { prompt: null, response: 'orphan', toxicity: 1n, big: 9007199254740993n, score: 0.25, ratio: 1, is_safe: false },
      { prompt: 'Tell me a joke', response: null, toxicity: 1n, big: -5n, score: null, ratio: 0, is_safe: null },
      { prompt: 'Ünïcödé ✓ 😀', response: 'ok', toxicity: null, big: null, score: 2.5, ratio: null, is_safe: true },
    ]);
  });

  it('gives one message for a damaged file', async () => {
    const read = await fixture('corrupt.parquet');
    expect(read.rows).toEqual([]);
    expect(read.reported).toHaveLength(1);
    expect(read.reported[0]!.row).toBeNull();
    expect(read.reported[0]!.reason).toMatch(/^The Parquet file is damaged or truncated \(.+\)\. Download or export it again\.$/);
  });

  it('never throws on Parquet bytes damaged anywhere', async () => {
    const good = readFileSync(resolve(DIR, 'rows.parquet'));
    for (let at = 4; at < good.length - 4; at += 7) {
      const bad = new Uint8Array(good);
      bad[at] = bad[at]! ^ 0xff;
      const read = await readDataset({ name: 'x.parquet', bytes: bad });
      expect(read.rows.length + read.reported.length).toBeGreaterThan(0);
    }
  });
});
