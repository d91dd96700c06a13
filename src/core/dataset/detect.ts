/**
 * Which format a file is. The extension decides unless the content clearly says otherwise
 * (Parquet magic bytes, a JSON document named .jsonl, JSON Lines named .json, plain text named .json);
 * the choice and its reason are returned so a person can see why.
 */
import type { DatasetFormat } from './types';
import { parseJson } from './json-parse';
import { isJsonBlank, splitLines } from './lines';

const EXTENSIONS: Record<string, DatasetFormat> = {
  csv: 'csv',
  tsv: 'csv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json',
  parquet: 'parquet',
  pq: 'parquet',
};

export interface FormatChoice {
  format: DatasetFormat;
  /** Set when the content overrode the extension, or there was no known extension to go by. */
  note?: string;
}

export function formatFromName(name: string): DatasetFormat | undefined {
  const match = /\.([A-Za-z0-9]+)$/.exec(name);
  return match ? EXTENSIONS[match[1]!.toLowerCase()] : undefined;
}

export function isParquet(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x41 && bytes[2] === 0x52 && bytes[3] === 0x31;
}

/** Decides between the text formats once the bytes are decoded (Parquet is settled on the bytes first). */
export function chooseTextFormat(name: string, text: string): FormatChoice {
  const byName = formatFromName(name);
  const byContent = textFormatOf(text, byName);
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1];
  if (!byName) {
    return { format: byContent.format, note: `${ext ? `.${ext} is not a known extension` : 'no extension'}; ${byContent.why}` };
  }
  if (byName === byContent.format || byName === 'parquet') {
    return byName === 'parquet'
      ? { format: byContent.format, note: `named .${ext} but it has no Parquet magic bytes; ${byContent.why}` }
      : { format: byName };
  }
  return { format: byContent.format, note: `named .${ext} but ${byContent.why}` };
}

function textFormatOf(text: string, byName: DatasetFormat | undefined): { format: DatasetFormat; why: string } {
  const start = text.search(/[^ \t\r\n]/);
  if (start < 0) return { format: byName === 'parquet' || !byName ? 'csv' : byName, why: 'the file is blank' };
  const first = text[start];
  if (first === '[') return { format: 'json', why: 'the content is a JSON list' };
  if (first !== '{') {
    if ((byName === 'json' || byName === 'jsonl') && parseJson(text, 64).ok) return { format: byName, why: 'the content is one JSON value' };
    return { format: 'csv', why: 'the content does not start with { or [, so it is read as CSV' };
  }

  const lines = splitLines(text).filter((l) => !isJsonBlank(l.text));
  const firstLineParses = lines.length > 0 && parseJson(lines[0]!.text, 64).ok;
  if (lines.length > 1 && firstLineParses) {
    return { format: 'jsonl', why: 'the content is JSON Lines (the first line is a complete JSON object and more lines follow)' };
  }
  if (lines.length === 1) {
    if (byName === 'jsonl') return { format: 'jsonl', why: 'the content is one JSON object on one line' };
    if (byName === undefined && firstLineParses && !holdsRowLists(text)) {
      return { format: 'jsonl', why: 'the content is one JSON object on one line, read as one JSON Lines row' };
    }
  } else if (byName === 'jsonl' && !parseJson(text).ok) {
    return { format: 'jsonl', why: 'the content is not one JSON document, so it is read line by line' };
  }
  return { format: 'json', why: 'the content is one JSON document' };
}

/** An object whose values are all lists: a JSON document of rows, not a single JSON Lines row. */
function holdsRowLists(text: string): boolean {
  const parsed = parseJson(text, 64);
  if (!parsed.ok || parsed.value === null || typeof parsed.value !== 'object' || Array.isArray(parsed.value)) return false;
  const values = Object.values(parsed.value);
  return values.length > 0 && values.every(Array.isArray);
}
