import { describe, expect, it } from 'vitest';
import { csvCell, csvLine, neutraliseFormula } from './csv';

describe('csvCell (Python csv QUOTE_MINIMAL)', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['cr\rin', '"cr\rin"'],
    ['nl\nin', '"nl\nin"'],
    // Python quotes none of these: spaces, tabs, U+2028, U+FEFF, U+0085 or formula starts.
    [' lead', ' lead'],
    ['tab\there', 'tab\there'],
    ['\u2028x', '\u2028x'],
    ['\ufeffy', '\ufeffy'],
    ['\x85z', '\x85z'],
    ['=SUM(A1)', '=SUM(A1)'],
    ['', ''],
  ])('%j → %j', (text, cell) => {
    expect(csvCell(text)).toBe(cell);
  });

  it('joins a row with commas and ends it with CRLF', () => {
    // Python: csv.writer(out).writerow([2, '=SUM(A1)', ' lead', '\u2028x', '', False])
    expect(csvLine(['2', '=SUM(A1)', ' lead', '\u2028x', '', 'False'])).toBe('2,=SUM(A1), lead,\u2028x,,False\r\n');
  });
});

describe('neutraliseFormula (OWASP CSV injection)', () => {
  it.each([
    ['=SUM(A1)', "'=SUM(A1)"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@x', "'@x"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['a=1', 'a=1'],
    ['', ''],
  ])('%j → %j', (text, cell) => {
    expect(neutraliseFormula(text)).toBe(cell);
  });
});
