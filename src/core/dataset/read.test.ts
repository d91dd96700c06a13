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
