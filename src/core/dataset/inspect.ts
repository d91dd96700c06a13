/**
 * The account of one file before a run: what was read, the mapping used, how many rows become examples and
 * why each other row does not. The CLI's `roguard inspect` and the page's upload preview both show this.
 */
import { stringify } from 'lossless-json';
import { isGuardError } from '../errors';
import type { Example } from '../example';
import { pyFloatRepr } from '../python';
import type { DataValue } from '../value';
import type { DatasetRead, ReportedRow } from './types';
import { applyMapping, detectMapping, type ColumnMapping } from './mapping';

/** The read's own facts (file, format, encoding, CSV delimiter, notes, columns), then the accounting. */
export interface Inspection extends Pick<DatasetRead, 'file' | 'format' | 'encoding' | 'delimiter' | 'delimiterNote' | 'formatNote' | 'notes' | 'columns'> {
  /** `null` when no mapping could be made (no prompt column, a named column missing, nothing read). */
  mapping: ColumnMapping | null;
  /** Rows the file holds: kept examples plus row-level reports. */
  rows: number;
  kept: number;
  /** File-level problems (`row: null`) first, then rows in file order. */
  reported: ReportedRow[];
  examples: Example[];
  /** False when a file-level problem means nothing in the file can be used. */
  readable: boolean;
}

/** Maps and accounts for a read file; column names in `given` win over auto-detection. */
export function inspectRead(read: DatasetRead, given: Partial<ColumnMapping> = {}): Inspection {
  const base = {
    file: read.file,
    format: read.format,
    encoding: read.encoding,
    ...(read.delimiter !== undefined ? { delimiter: read.delimiter, delimiterNote: read.delimiterNote } : {}),
    ...(read.formatNote !== undefined ? { formatNote: read.formatNote } : {}),
    notes: read.notes,
    columns: read.columns,
  };
  const rowReports = read.reported.filter((r) => r.row !== null).length;
  const rows = read.rows.length + rowReports;
  if (read.reported.some((r) => r.row === null)) {
    return { ...base, mapping: null, rows, kept: 0, reported: sortReports(read.reported), examples: [], readable: false };
  }
  let mapping: ColumnMapping;
  try {
    mapping = detectMapping(read.columns, given);
  } catch (error) {
    if (!isGuardError(error)) throw error;
    const reported = sortReports([{ row: null, reason: error.message }, ...read.reported]);
    return { ...base, mapping: null, rows, kept: 0, reported, examples: [], readable: false };
  }
  const { examples, reported } = applyMapping(read, mapping);
  return {
    ...base,
    mapping,
    rows,
    kept: examples.length,
    reported: sortReports([...read.reported, ...reported]),
    examples,
    readable: true,
  };
}

function sortReports(reported: ReportedRow[]): ReportedRow[] {
  return [...reported].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}

/** The `--json` object of issue 9 (and the page's download): examples only when asked for. */
export function inspectionRecord(inspection: Inspection, withExamples: boolean): Record<string, unknown> {
  const { mapping } = inspection;
  return {
    file: inspection.file,
    format: inspection.format,
    encoding: inspection.encoding,
    ...(inspection.delimiter !== undefined ? { delimiter: inspection.delimiter, delimiterNote: inspection.delimiterNote } : {}),
    ...(inspection.formatNote !== undefined ? { formatNote: inspection.formatNote } : {}),
    notes: inspection.notes,
    columns: inspection.columns,
    mapping: mapping ? { prompt: mapping.prompt, response: mapping.response ?? null, label: mapping.label ?? null } : null,
    rows: inspection.rows,
    kept: inspection.kept,
    reported: inspection.reported,
    ...(withExamples
      ? {
          examples: inspection.examples.map((e) => ({
            index: e.index,
            prompt: e.prompt,
            response: e.response,
            ...(mapping?.label !== undefined ? { label: markFloats(e.label ?? null) } : {}),
          })),
        }
      : {}),
  };
}

/** A Python float, printed as Python prints it (`1.0`, not `1`) so int and float labels stay apart. */
class FloatText {
  constructor(readonly value: number) {}
}

function markFloats(value: DataValue): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? new FloatText(value) : null;
  if (Array.isArray(value)) return value.map(markFloats);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, markFloats(v)]));
  return value;
}

/**
 * JSON text safe for any terminal: bigints as plain digits, Python floats as Python writes them,
 * DEL and C1 control characters escaped (JSON.stringify leaves them raw).
 */
export function toJsonText(value: unknown, indent = 2): string {
  const text = stringify(value, null, indent, [{ test: (v) => v instanceof FloatText, stringify: (v) => pyFloatRepr((v as FloatText).value) }]) ?? 'null';
  return escapeControls(text);
}

/** Escapes C0 (except tab and newline), DEL and C1 controls, which a terminal may act on. */
export function escapeControls(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
