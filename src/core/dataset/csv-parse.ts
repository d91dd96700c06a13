/**
 * CSV records with Python `csv` module rules (a quote opens a quoted cell only at the start of a cell,
 * `""` inside is one quote, `\n`, `\r\n` and a lone `\r` all end a record outside quotes, even mixed in one file).
 * Why not papaparse: it takes one line-end style per file (mixed endings merge rows or leave `\r` in cells),
 * and after a malformed quote it reads the rest of the file into one cell; here a bad record is flagged and
 * the next one starts where Python's reader would start it.
 */

export interface CsvRecord {
  fields: string[];
  /** 1-based physical line on which the record starts. */
  line: number;
  /** An empty line: no characters before its line break. */
  blank: boolean;
  /** Why the record's text cannot be trusted (malformed or unclosed quotes). */
  problem?: string;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;

export function* csvRecords(text: string, delimiter: string): Generator<CsvRecord> {
  const n = text.length;
  const delim = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;

  const lineBreakAt = (at: number): number => {
    const c = text.charCodeAt(at);
    if (c === CR) return text.charCodeAt(at + 1) === LF ? 2 : 1;
    return c === LF ? 1 : 0;
  };

  while (i < n) {
    const startLine = line;
    const blankBreak = lineBreakAt(i);
    if (blankBreak > 0) {
      i += blankBreak;
      line++;
      yield { fields: [''], line: startLine, blank: true };
      continue;
    }
    const fields: string[] = [];
    let problem: string | undefined;
    for (;;) {
      let field: string;
      if (text.charCodeAt(i) === QUOTE) {
        const openLine = line;
        const parts: string[] = [];
        let segment = ++i;
        let closed = false;
        while (i < n) {
          const c = text.charCodeAt(i);
          if (c === QUOTE) {
            if (text.charCodeAt(i + 1) === QUOTE) {
              parts.push(text.slice(segment, i + 1));
              i += 2;
              segment = i;
              continue;
            }
            parts.push(text.slice(segment, i));
            i++;
            closed = true;
            break;
          }
          const br = lineBreakAt(i);
          if (br > 0) {
            line++;
            i += br;
          } else i++;
        }
        if (!closed) {
          parts.push(text.slice(segment, n));
          problem = `a quoted cell opened on line ${openLine} is never closed, so everything after it to the end of the file went into that cell`;
        }
        field = parts.join('');
        const after = i;
        while (i < n && text.charCodeAt(i) !== delim && lineBreakAt(i) === 0) i++;
        if (i > after) {
          problem ??= `text follows the closing quote of column ${fields.length + 1} (a stray quote: quotes inside a quoted cell must be doubled)`;
          field += text.slice(after, i);
        }
      } else {
        const start = i;
        while (i < n && text.charCodeAt(i) !== delim && lineBreakAt(i) === 0) i++;
        field = text.slice(start, i);
      }
      fields.push(field);
      if (i < n && text.charCodeAt(i) === delim) {
        i++;
        continue;
      }
      const br = lineBreakAt(i);
      if (br > 0) {
        i += br;
        line++;
      }
      break;
    }
    yield problem === undefined ? { fields, line: startLine, blank: false } : { fields, line: startLine, blank: false, problem };
  }
}
