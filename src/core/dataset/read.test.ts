import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDataset } from './read';
import type { DatasetRead } from './types';

const DIR = resolve(__dirname, '../../../tests/fixtures/datasets');
const fixture = (name: string): Promise<DatasetRead> => readDataset({ name, bytes: readFileSync(resolve(DIR, name)) });
const values = (read: DatasetRead) => read.rows.map((r) => r.values);
const rowNumbers = (read: DatasetRead) => read.rows.map((r) => r.row);

describe('CSV', () => {
  it('ends records at \\r\\n, \\n and \\r mixed in one file, keeping line ends inside quoted cells as written', async () => {
    const read = await fixture('mixed-endings.csv');
    expect(read).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', reported: [] });
    expect(read.columns).toEqual(['prompt', 'response', 'label']);
    expect(values(read)).toEqual([
      { prompt: 'crlf row', response: 'cell with\r\ncrlf inside', label: 'unsafe' },
      { prompt: 'lf row', response: 'cell with\nlf inside', label: 'safe' },
      { prompt: 'cr row', response: 'plain', label: 'safe' },
      { prompt: 'quoted "twice"', response: 'x', label: 'unsafe' },
    ]);
    expect(rowNumbers(read)).toEqual([1, 2, 3, 4]);
  });

  it('keeps quoted newlines, commas, tabs and surrounding spaces exactly', async () => {
    const read = await fixture('quoted-newlines.csv');
    expect(values(read)).toEqual([
      { prompt: 'line one\nline two', response: 'a, b' },
      { prompt: '  spaced  ', response: 'tab\there' },
    ]);
    expect(read.reported).toEqual([]);
  });

  it('skips a UTF-8 BOM and says so in the encoding', async () => {
    const read = await fixture('bom.csv');
    expect(read.encoding).toBe('utf-8-bom');
    expect(read.columns).toEqual(['prompt', 'label']);
    expect(values(read)).toEqual([{ prompt: 'hello', label: 'safe' }]);
  });

  it('detects ; tab and | delimiters and says why', async () => {
    const semi = await fixture('semicolon.csv');
    expect(semi.delimiter).toBe(';');
    expect(semi.delimiterNote).toBe('";" splits the header and each of the first 2 rows into 3 cells');
    expect(values(semi)).toEqual([
      { prompt: 'hello, world', response: 'hi', label: 'safe' },
      { prompt: 'bye', response: 'ciao, bella', label: 'unsafe' },
    ]);
    const tabs = await fixture('tabs.tsv');
    expect(tabs.delimiter).toBe('\t');
    expect(values(tabs)).toEqual([{ prompt: 'some, text; here', label: 'safe' }]);
    const pipes = await fixture('pipes.txt');
    expect(pipes).toMatchObject({ format: 'csv', delimiter: '|' });
    expect(pipes.formatNote).toBe('.txt is not a known extension; the content does not start with { or [, so it is read as CSV');
    expect(values(pipes)).toEqual([
      { prompt: 'a, b; c', label: 'safe' },
      { prompt: 'd', label: 'unsafe' },
    ]);
  });

  it('keeps HTML and script payloads as plain text', async () => {
    const read = await fixture('html.csv');
    expect(values(read)).toEqual([
      { prompt: '<script>alert(1)</script>', response: '<img src=x onerror=alert(2)>' },
      { prompt: '&lt;b&gt;', response: '<b>bold</b>' },
    ]);
  });

  it('reports ragged rows and bad quotes by row and line, keeping the good neighbours', async () => {
    const read = await fixture('ragged.csv');
    expect(values(read)).toEqual([
      { prompt: 'good', label: 'safe' },
      { prompt: 'after', label: 'safe' },
    ]);
    expect(rowNumbers(read)).toEqual([1, 5]);
    expect(read.reported).toEqual([
      { row: 2, reason: 'row 2 (line 3) has 3 cells but the header has 2 (a "," inside a cell needs the cell in "quotes")' },
      { row: 3, reason: 'row 3 (line 4) has 1 cell but the header has 2 (a "," inside a cell needs the cell in "quotes")' },
      {
        row: 4,
        reason: 'row 4 (line 5) is malformed: text follows the closing quote of column 1 (a stray quote: quotes inside a quoted cell must be doubled)',
      },
      {
        row: 6,
        reason:
          'row 6 (line 7) is malformed: a quoted cell opened on line 7 is never closed, so everything after it to the end of the file went into that cell',
      },
    ]);
  });

  it('gives one file-level message for an empty file, a header without rows, and text that is not UTF-8', async () => {
    expect((await fixture('empty.csv')).reported).toEqual([{ row: null, reason: 'The file is empty.' }]);
    const header = await fixture('header-only.csv');
    expect(header.columns).toEqual(['prompt', 'response', 'label']);
    expect(header.reported).toEqual([{ row: null, reason: 'The file has a header line but no data rows.' }]);
    const latin1 = await fixture('latin1.csv');
    expect(latin1.encoding).toBe('unreadable');
    expect(latin1.rows).toEqual([]);
    expect(latin1.reported).toEqual([
      {
        row: null,
        reason:
          'The file is not valid UTF-8: byte 0xE9 at offset 16 (line 2) begins a broken character. It was probably saved as Windows-1252/Latin-1. ' +
          'Re-save it as UTF-8 (for example "CSV UTF-8" in Excel, or encoding="utf-8" in pandas) and try again.',
      },
    ]);
  });

  it('reads UTF-16 LE with a BOM', async () => {
    const read = await fixture('utf16le.csv');
    expect(read.encoding).toBe('utf-16le');
    expect(values(read)).toEqual([{ prompt: 'bonjour à tous', label: 'safe' }]);
  });

  it('keeps a multi-megabyte cell whole', async () => {
    const cell = 'x'.repeat(3_000_000) + '\n"quoted"\r\n' + 'é'.repeat(1000);
    const text = `prompt,label\n"${cell.replaceAll('"', '""')}",safe\nnext,unsafe\n`;
    const read = await readDataset({ name: 'huge.csv', bytes: new TextEncoder().encode(text) });
    expect(read.reported).toEqual([]);
    expect(read.rows).toHaveLength(2);
    expect(read.rows[0]!.values.prompt).toBe(cell);
    expect(read.rows[1]!.values).toEqual({ prompt: 'next', label: 'unsafe' });
  });
});

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

describe('format detection', () => {
  it('lets clear content override the extension, and says why', async () => {
    const jsonl = await fixture('misnamed.json');
    expect(jsonl.format).toBe('jsonl');
    expect(jsonl.formatNote).toBe('named .json but the content is JSON Lines (the first line is a complete JSON object and more lines follow)');
    expect(values(jsonl)).toEqual([{ prompt: 'first' }, { prompt: 'second' }]);
    const json = await fixture('misnamed.csv');
    expect(json.format).toBe('json');
    expect(json.formatNote).toBe('named .csv but the content is a JSON list');
    const parquet = await fixture('parquet-named.csv');
    expect(parquet.format).toBe('parquet');
    expect(parquet.formatNote).toBe('named .csv but it starts with Parquet\'s magic bytes "PAR1"');
    expect(parquet.rows).toHaveLength(4);
  });

  it('follows an explicit format over name and content', async () => {
    const bytes = readFileSync(resolve(DIR, 'misnamed.csv'));
    const read = await readDataset({ name: 'misnamed.csv', bytes }, { format: 'csv' });
    expect(read.format).toBe('csv');
    expect(read.formatNote).toBeUndefined();
    const notParquet = await readDataset({ name: 'x.csv', bytes }, { format: 'parquet' });
    expect(notParquet.reported).toEqual([{ row: null, reason: 'The file is not Parquet: it does not start with the Parquet magic bytes "PAR1".' }]);
    await expect(readDataset({ name: 'x', bytes }, { format: 'xml' as never })).rejects.toMatchObject({ code: 'BAD_INPUT' });
  });
});

/** Data rows each fixture holds (0 where the whole file is refused with one message). */
const ROWS_IN_FILE: Record<string, number> = {
  'bad-lines.jsonl': 11,
  'bigint.jsonl': 6,
  'bom.csv': 1,
  'column-oriented.json': 0,
  'corrupt.parquet': 0,
  'data-key.json': 3,
  'deep.jsonl': 3,
  'duplicate-keys.json': 1,
  'empty.csv': 0,
  'harmbench.json': 4,
  'header-only.csv': 0,
  'html.csv': 2,
  'latin1.csv': 0,
  'misnamed.csv': 1,
  'misnamed.json': 2,
  'mixed-endings.csv': 4,
  'no-prompt.csv': 1,
  'parquet-named.csv': 4,
  'pipes.txt': 2,
  'quoted-newlines.csv': 2,
  // The never-closed quote on line 7 takes line 8 into its cell, so the reader sees 6 records, and says so.
  'ragged.csv': 6,
  'rows.parquet': 4,
  'scalar.json': 0,
  'semicolon.csv': 2,
  'tabs.tsv': 1,
  'truncated.json': 0,
  'utf16be.jsonl': 1,
  'utf16le.csv': 1,
};

describe('every row accounted for', () => {
  it('covers every fixture file', () => {
    expect(readdirSync(DIR).filter((n) => !n.endsWith('.ts')).sort()).toEqual(Object.keys(ROWS_IN_FILE).sort());
  });
  it.each(Object.entries(ROWS_IN_FILE))('%s: kept + reported rows = %i, each row once, a file-level message only when nothing is kept', async (name, total) => {
    const read = await fixture(name);
    const numbers = [...read.rows.map((r) => r.row), ...read.reported.flatMap((r) => (r.row === null ? [] : [r.row]))];
    expect(numbers.length).toBe(total);
    expect(new Set(numbers).size).toBe(total);
    const fileLevel = read.reported.filter((r) => r.row === null);
    expect(fileLevel.length).toBe(total === 0 ? 1 : 0);
    expect(rowNumbers(read)).toEqual([...rowNumbers(read)].sort((a, b) => a - b));
  });
});
