/** CSV/TSV: every cell is text as written (no type inference, no trimming); each record is a row or a report. */
import type { DataRow } from '../value';
import type { DatasetRow, ReportedRow } from './types';
import type { TableRead } from './jsonl';
import { csvRecords, type CsvRecord } from './csv-parse';
import { plural, quoteName } from './describe';

export interface CsvRead extends TableRead {
  delimiter: string;
  delimiterNote: string;
}

const CANDIDATES = [',', ';', '\t', '|'];
const SAMPLE_CHARS = 256 * 1024;
const SAMPLE_ROWS = 20;

export function readCsv(text: string, fileName: string): CsvRead {
  const preferTab = /\.tsv$/i.test(fileName);
  const { delimiter, note } = chooseDelimiter(text, preferTab);
  const result: CsvRead = { delimiter, delimiterNote: note, columns: [], rows: [], reported: [], notes: [] };
  if (/^[\r\n]*$/.test(text)) {
    result.reported.push({ row: null, reason: text === '' ? 'The file is empty.' : 'The file is empty: it holds only blank lines.' });
    return result;
  }
  let header: CsvRecord | undefined;
  let leadingBlanks = 0;
  let row = 0;
  for (const record of csvRecords(text, delimiter)) {
    if (!header) {
      if (record.blank) leadingBlanks++;
      else header = record;
      if (header?.problem) {
        result.reported.push({ row: null, reason: `The header (line ${header.line}) is malformed: ${header.problem}. Fix the header line and try again.` });
        return result;
      }
      if (header) result.columns = headerNames(header.fields, result.notes);
      continue;
    }
    row++;
    const problem = recordProblem(record, result.columns.length, delimiter);
    if (problem) result.reported.push({ row, reason: `row ${row} (line ${record.line}) ${problem}` });
    else result.rows.push({ row, values: toRow(result.columns, record.fields) });
  }
  if (leadingBlanks > 0) result.notes.push(`${plural(leadingBlanks, 'blank line')} before the header skipped`);
  if (row === 0) result.reported.push({ row: null, reason: 'The file has a header line but no data rows.' });
  return result;
}

function recordProblem(record: CsvRecord, columns: number, delimiter: string): string | undefined {
  if (record.blank) return 'is blank';
  if (record.problem) return `is malformed: ${record.problem}`;
  if (record.fields.length !== columns) {
    return (
      `has ${plural(record.fields.length, 'cell')} but the header has ${columns} ` +
      `(a ${describeDelimiter(delimiter)} inside a cell needs the cell in "quotes")`
    );
  }
  return undefined;
}

function toRow(columns: string[], fields: string[]): DataRow {
  const values: DataRow = {};
  columns.forEach((column, i) => {
    if (column === '__proto__') Object.defineProperty(values, column, { value: fields[i], enumerable: true, writable: true, configurable: true });
    else values[column] = fields[i]!;
  });
  return values;
}

/** Header cells as written; an empty one becomes `Unnamed: <i>` and a repeated one `<name>.<k>`, as pandas names them. */
function headerNames(fields: string[], notes: string[]): string[] {
  const used = new Set<string>();
  return fields.map((field, i) => {
    let name = field === '' ? `Unnamed: ${i}` : field;
    if (used.has(name)) {
      let k = 1;
      while (used.has(`${name}.${k}`)) k++;
      name = `${name}.${k}`;
    }
    if (name !== field) notes.push(`header cell ${i + 1} (${quoteName(field)}) is named ${quoteName(name)}`);
    used.add(name);
    return name;
  });
}

/** The candidate that splits the header and the first rows into the same number (>1) of cells; ties go to `,`. */
export function chooseDelimiter(text: string, preferTab = false): { delimiter: string; note: string } {
  const sample = text.length > SAMPLE_CHARS ? text.slice(0, SAMPLE_CHARS) : text;
  const cut = sample.length < text.length;
  const order = preferTab ? ['\t', ...CANDIDATES.filter((d) => d !== '\t')] : CANDIDATES;
  const scored = order.map((delimiter) => {
    const records = [...firstRecords(sample, delimiter)];
    if (cut && records.length > 1) records.pop();
    const [header, ...rows] = records;
    const width = header?.fields.length ?? 0;
    const agreeing = rows.filter((r) => r.fields.length === width).length;
    return { delimiter, width, rows: rows.length, agreeing };
  });
  const splitting = scored.filter((s) => s.width > 1);
  if (splitting.length === 0) return { delimiter: ',', note: 'no , ; tab or | splits the header, so the file has one column' };
  const best = splitting.reduce((a, b) => (b.agreeing / Math.max(b.rows, 1) > a.agreeing / Math.max(a.rows, 1) ? b : a));
  const name = describeDelimiter(best.delimiter);
  const ext = preferTab && best.delimiter === '\t' ? ' (.tsv file)' : '';
  if (best.rows === 0) return { delimiter: best.delimiter, note: `${name} splits the header into ${best.width} columns${ext}` };
  const agreement =
    best.agreeing === best.rows
      ? `and each of the first ${plural(best.rows, 'row')}`
      : `and ${best.agreeing} of the first ${plural(best.rows, 'row')}`;
  return { delimiter: best.delimiter, note: `${name} splits the header ${agreement} into ${best.width} cells${ext}` };
}

function* firstRecords(sample: string, delimiter: string): Generator<CsvRecord> {
  let count = 0;
  for (const record of csvRecords(sample, delimiter)) {
    if (record.blank) continue;
    yield record;
    if (++count > SAMPLE_ROWS) return;
  }
}

function describeDelimiter(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : `"${delimiter}"`;
}
