/**
 * Parquet through hyparquet, typed as Python would see the values: INT32/INT64 → bigint (int),
 * FLOAT/DOUBLE/DECIMAL → number (float), strings, booleans, nulls; lists and structs keep their shape.
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from 'hyparquet';
import type { SchemaTree } from 'hyparquet';
import type { DataRow, DataValue } from '../value';
import type { DatasetRow, ReportedRow } from './types';
import type { TableRead } from './jsonl';
import { quoteName } from './describe';

/** A string cell whose bytes are not UTF-8; hyparquet would otherwise replace them silently. */
class InvalidText {
  constructor(readonly bytes: Uint8Array) {}
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

function stringFromBytes(bytes: Uint8Array | undefined): string | InvalidText | undefined {
  if (!bytes) return undefined;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return new InvalidText(bytes);
  }
}

export async function readParquet(bytes: Uint8Array): Promise<TableRead> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let schema: SchemaTree;
  let objects: Record<string, unknown>[];
  try {
    const metadata = parquetMetadata(buffer);
    schema = parquetSchema(metadata);
    objects = await parquetReadObjects({ file: buffer, metadata, utf8: true, parsers: { stringFromBytes } });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      columns: [],
      rows: [],
      reported: [{ row: null, reason: `The Parquet file is damaged or truncated (${detail}). Download or export it again.` }],
      notes: [],
    };
  }
  const columns = schema.children.map((child) => child.element.name);
  const rows: DatasetRow[] = [];
  const reported: ReportedRow[] = [];
  objects.forEach((object, i) => {
    const row = i + 1;
    const values: DataRow = {};
    const bad: string[] = [];
    for (const child of schema.children) {
      const name = child.element.name;
      const value = toDataValue(object[name], child, () => bad.push(name));
      if (name === '__proto__') Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
      else values[name] = value;
    }
    if (bad.length > 0) reported.push({ row, reason: `row ${row}: column ${bad.map(quoteName).join(', ')} holds bytes that are not UTF-8 text` });
    else rows.push({ row, values });
  });
  if (objects.length === 0) reported.push({ row: null, reason: 'The Parquet file has no rows.' });
  return { columns, rows, reported, notes: [] };
}

function toDataValue(value: unknown, node: SchemaTree | undefined, onInvalid: () => void): DataValue {
  if (value === null || value === undefined) return null;
  if (value instanceof InvalidText) {
    onInvalid();
    return null;
  }
  const element = node?.element;
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') return isIntegerColumn(node) ? BigInt(value) : value;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return dateText(value, element?.converted_type === 'DATE' || element?.logical_type?.type === 'DATE');
  if (value instanceof Uint8Array) return Array.from(value, (b) => BigInt(b));
  if (Array.isArray(value)) {
    const item = listItemNode(node);
    return value.map((v) => toDataValue(v, item, onInvalid));
  }
  if (typeof value === 'object') {
    const result: Record<string, DataValue> = {};
    for (const [key, v] of Object.entries(value)) {
      result[key] = toDataValue(v, childNamed(node, key), onInvalid);
    }
    return result;
  }
  return String(value);
}

function isIntegerColumn(node: SchemaTree | undefined): boolean {
  const element = node?.element;
  if (!element || node.children.length > 0) return false;
  if (element.type !== 'INT32' && element.type !== 'INT64') return false;
  return element.converted_type !== 'DECIMAL' && element.logical_type?.type !== 'DECIMAL';
}

/** The schema of a list's items: LIST → repeated group → element (or the legacy two-level form). */
function listItemNode(node: SchemaTree | undefined): SchemaTree | undefined {
  const repeated = node?.children[0];
  if (!repeated) return undefined;
  return repeated.children.length === 1 ? repeated.children[0] : repeated;
}

function childNamed(node: SchemaTree | undefined, name: string): SchemaTree | undefined {
  const direct = node?.children.find((c) => c.element.name === name);
  if (direct) return direct;
  const mapEntries = node?.children[0];
  return mapEntries?.children.find((c) => c.element.name === 'value');
}

/** Python's str() of a date or a naive UTC datetime: `2024-05-01` or `2024-05-01 12:30:00`. */
function dateText(date: Date, dateOnly: boolean): string {
  const iso = date.toISOString();
  if (dateOnly) return iso.slice(0, 10);
  const millis = iso.slice(20, 23);
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}${millis === '000' ? '' : `.${millis}000`}`;
}
