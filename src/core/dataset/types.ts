import type { DataRow } from '../value';

export type DatasetFormat = 'csv' | 'jsonl' | 'json' | 'parquet';

/** `binary` is Parquet (its strings are UTF-8 by definition); `unreadable` means the text could not be decoded. */
export type DatasetEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'binary' | 'unreadable';

/**
 * A row that did not become data, or (with `row: null`) a problem with the whole file.
 * `row` is the 1-based data row: for CSV the record after the header, for JSONL the line, for JSON the
 * position in the row list, for Parquet the row.
 */
export interface ReportedRow {
  row: number | null;
  reason: string;
}

export interface DatasetRow {
  row: number;
  values: DataRow;
}

/** What every reader returns. Kept rows plus row-level reports account for every row in the file. */
export interface DatasetRead {
  file: string;
  format: DatasetFormat;
  encoding: DatasetEncoding;
  /** CSV only: the field delimiter used. */
  delimiter?: string;
  /** CSV only: why that delimiter was chosen. */
  delimiterNote?: string;
  /** Why this format was chosen when it is not what the file extension says (or there is no extension). */
  formatNote?: string;
  /** Column names in file order (CSV header; first-seen key order for JSON/JSONL; schema order for Parquet). */
  columns: string[];
  rows: DatasetRow[];
  reported: ReportedRow[];
  /** Facts worth knowing that lose nothing (a BOM, renamed duplicate headers, the JSON shape read). */
  notes: string[];
}

export interface ReadOptions {
  /** Read as this format, whatever the name or content says. */
  format?: DatasetFormat;
}

/** The file as bytes: readers never touch a file system, so the same code runs in Node, a worker and the page. */
export interface DatasetFile {
  name: string;
  bytes: Uint8Array;
}
