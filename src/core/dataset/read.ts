/** The one entry for reading a dataset file of any supported format; the page, the worker and the CLI all call it. */
import { GuardError } from '../errors';
import type { DatasetFile, DatasetFormat, DatasetRead, ReadOptions } from './types';
import type { TableRead } from './jsonl';
import { decodeText } from './decode';
import { chooseTextFormat, formatFromName, isParquet } from './detect';
import { readCsv } from './csv';
import { readJsonDocument } from './json';
import { readJsonl } from './jsonl';
import { readParquet } from './parquet';

const FORMATS: readonly DatasetFormat[] = ['csv', 'jsonl', 'json', 'parquet'];

/**
 * Reads every row of a file, or says why not. Problems in the content never throw: a bad row is in
 * `reported` with its number and reason, a problem with the whole file is one entry with `row: null`.
 * @throws GuardError BAD_INPUT when `options.format` is not csv, jsonl, json or parquet.
 */
export async function readDataset(file: DatasetFile, options: ReadOptions = {}): Promise<DatasetRead> {
  const forced = options.format;
  if (forced !== undefined && !FORMATS.includes(forced)) {
    throw new GuardError('BAD_INPUT', `Unknown dataset format "${String(forced)}": use one of ${FORMATS.join(', ')}.`, { file: file.name });
  }
  const { name, bytes } = file;
  const byName = formatFromName(name);

  if (forced === 'parquet' || (forced === undefined && isParquet(bytes))) {
    const base = { file: name, format: 'parquet' as const, encoding: 'binary' as const };
    if (!isParquet(bytes)) {
      return { ...base, ...unreadable('The file is not Parquet: it does not start with the Parquet magic bytes "PAR1".') };
    }
    const formatNote = forced || byName === 'parquet' ? undefined : `${byName ? `named .${extension(name)}` : 'no known extension'} but it starts with Parquet's magic bytes "PAR1"`;
    return { ...base, ...(formatNote ? { formatNote } : {}), ...(await readParquet(bytes)) };
  }

  const decoded = decodeText(bytes);
  if (!decoded.ok) {
    return { file: name, format: forced ?? (byName === 'parquet' ? 'csv' : byName ?? 'csv'), encoding: 'unreadable', ...unreadable(decoded.reason) };
  }
  const { text, encoding } = decoded;
  const choice = forced ? { format: forced } : chooseTextFormat(name, text);
  const base = { file: name, format: choice.format, encoding, ...(choice.note ? { formatNote: choice.note } : {}) };
  if (choice.format === 'csv') {
    const { delimiter, delimiterNote, ...table } = readCsv(text, name);
    return { ...base, delimiter, delimiterNote, ...table };
  }
  return { ...base, ...(choice.format === 'jsonl' ? readJsonl(text) : readJsonDocument(text)) };
}

function unreadable(reason: string): TableRead {
  return { columns: [], rows: [], reported: [{ row: null, reason }], notes: [] };
}

function extension(name: string): string {
  return /\.([A-Za-z0-9]+)$/.exec(name)?.[1] ?? '';
}
