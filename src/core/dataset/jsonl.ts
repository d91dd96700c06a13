/** JSON Lines: one object per line; a bad or blank line is reported with its line number and the rest are kept. */
import type { DatasetRow, ReportedRow } from './types';
import { parseJson } from './json-parse';
import { ColumnOrder, jsonRow, MAX_ROW_DEPTH } from './json-rows';
import { isJsonBlank, splitLines } from './lines';

export interface TableRead {
  columns: string[];
  rows: DatasetRow[];
  reported: ReportedRow[];
  notes: string[];
}

export function readJsonl(text: string): TableRead {
  const rows: DatasetRow[] = [];
  const reported: ReportedRow[] = [];
  const columns = new ColumnOrder();
  for (const { line, text: lineText } of splitLines(text)) {
    if (isJsonBlank(lineText)) {
      reported.push({ row: line, reason: `line ${line} is blank` });
      continue;
    }
    const parsed = parseJson(lineText, MAX_ROW_DEPTH + 1);
    if (!parsed.ok) {
      reported.push({ row: line, reason: `line ${line} is not valid JSON (column ${parsed.offset + 1}: ${parsed.message})` });
      continue;
    }
    const row = jsonRow(parsed.value, parsed.keyOrder);
    if (!row.ok) {
      reported.push({ row: line, reason: `line ${line} ${row.reason}` });
      continue;
    }
    columns.add(row.keys);
    rows.push({ row: line, values: row.values });
  }
  if (rows.length === 0 && reported.length === 0) reported.push({ row: null, reason: 'The file is empty: it has no lines.' });
  return { columns: columns.names, rows, reported, notes: [] };
}
