import { describe, expect, it } from 'vitest';
import { chooseDelimiter, readCsv } from './csv';
import { csvRecords } from './csv-parse';

describe('csvRecords', () => {
  it('follows Python csv rules: quotes open only at a cell start, "" is one quote, a trailing delimiter adds an empty cell', () => {
    const records = [...csvRecords('a "b" c,"x""y",\n"",z"', ',')];
    expect(records).toEqual([
      { fields: ['a "b" c', 'x"y', ''], line: 1, blank: false },
      { fields: ['', 'z"'], line: 2, blank: false },
    ]);
  });

  it('counts physical lines across quoted line breaks of every style', () => {
    const records = [...csvRecords('"a\r\nb\rc\nd",1\r\n\nnext,2', ',')];
    expect(records.map((r) => [r.line, r.blank])).toEqual([
      [1, false],
      [5, true],
      [6, false],
    ]);
    expect(records[0]!.fields).toEqual(['a\r\nb\rc\nd', '1']);
  });
});

describe('readCsv', () => {
  it('names empty and repeated headers as pandas does, and notes it', () => {
    const read = readCsv('prompt,,prompt,prompt.1,prompt\n1,2,3,4,5\n', 'x.csv');
    expect(read.columns).toEqual(['prompt', 'Unnamed: 1', 'prompt.1', 'prompt.1.1', 'prompt.2']);
    expect(read.rows[0]!.values).toEqual({ prompt: '1', 'Unnamed: 1': '2', 'prompt.1': '3', 'prompt.1.1': '4', 'prompt.2': '5' });
    expect(read.notes).toEqual([
      'header cell 2 ("") is named "Unnamed: 1"',
      'header cell 3 ("prompt") is named "prompt.1"',
      'header cell 4 ("prompt.1") is named "prompt.1.1"',
      'header cell 5 ("prompt") is named "prompt.2"',
    ]);
  });

  it('skips blank lines before the header and reports blank lines after it', () => {
    const read = readCsv('\r\n\nprompt\nx\n\ny\n', 'x.csv');
    expect(read.rows.map((r) => [r.row, r.values.prompt])).toEqual([
      [1, 'x'],
      [3, 'y'],
    ]);
    expect(read.reported).toEqual([{ row: 2, reason: 'row 2 (line 5) is blank' }]);
    expect(read.notes).toEqual(['2 blank lines before the header skipped']);
  });

  it('refuses a malformed header with one message', () => {
    expect(readCsv('"prompt,label\nx,y\n', 'x.csv').reported).toEqual([
      {
        row: null,
        reason:
          'The header (line 1) is malformed: a quoted cell opened on line 1 is never closed, so everything after it to the end of the file went into that cell. Fix the header line and try again.',
      },
    ]);
  });

  it('keeps a cell that is only spaces, and an empty prompt, as written', () => {
    const read = readCsv('prompt,label\n   ,safe\n,unsafe\n', 'x.csv');
    expect(read.rows.map((r) => r.values)).toEqual([
      { prompt: '   ', label: 'safe' },
      { prompt: '', label: 'unsafe' },
    ]);
  });
});

describe('chooseDelimiter', () => {
  it('prefers the delimiter that splits the header and rows alike, whatever the cells contain', () => {
    expect(chooseDelimiter('a;b\n"x,y";z\n"p,q";r\n').delimiter).toBe(';');
    expect(chooseDelimiter('a,b\nx;y;z,1\n').delimiter).toBe(',');
    expect(chooseDelimiter('prompt\nhello\n')).toEqual({ delimiter: ',', note: 'no , ; tab or | splits the header, so the file has one column' });
    expect(chooseDelimiter('a|b\n').note).toBe('"|" splits the header into 2 columns');
  });

  it('picks the best agreement when rows disagree, and says how many agree', () => {
    const choice = chooseDelimiter('a,b\n1,2\n3,4,5\n');
    expect(choice).toEqual({ delimiter: ',', note: '"," splits the header and 1 of the first 2 rows into 2 cells' });
  });

  it('prefers tab for a .tsv file when both fit', () => {
    expect(chooseDelimiter('a\tb,c\n1\t2,3\n', true).delimiter).toBe('\t');
    expect(chooseDelimiter('a\tb,c\n1\t2,3\n', false).delimiter).toBe(',');
  });
});
