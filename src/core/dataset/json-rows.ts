/** Turning parsed JSON values into dataset rows, shared by the JSON and JSON Lines readers. */
import type { DataRow, DataValue } from '../value';
import { describeValue } from './describe';
import { TOO_DEEP } from './json-parse';

/** Rows nested deeper than this are reported: no benchmark needs it, and Python's json gives up near 1000. */
export const MAX_ROW_DEPTH = 512;

export type RowResult = { ok: true; values: DataRow; keys: string[] } | { ok: false; reason: string };

export function jsonRow(value: DataValue, keyOrder: WeakMap<object, string[]>): RowResult {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: `holds ${describeValue(value)}, not an object of column → value` };
  }
  if (deeperThan(value, MAX_ROW_DEPTH)) {
    return { ok: false, reason: `is nested deeper than ${MAX_ROW_DEPTH} levels` };
  }
  return { ok: true, values: value, keys: keyOrder.get(value) ?? Object.keys(value) };
}

/** Iterative, so a pathological row cannot overflow the stack while being measured. */
function deeperThan(root: DataValue, limit: number): boolean {
  const stack: [DataValue, number][] = [[root, 1]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if ((value as unknown) === TOO_DEEP || depth > limit) return true;
    if (value !== null && typeof value === 'object') {
      for (const child of Array.isArray(value) ? value : Object.values(value)) {
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }
  return false;
}

/** Column names in first-seen order across rows. */
export class ColumnOrder {
  private readonly seen = new Set<string>();
  readonly names: string[] = [];

  add(keys: readonly string[]): void {
    for (const key of keys) {
      if (!this.seen.has(key)) {
        this.seen.add(key);
        this.names.push(key);
      }
    }
  }
}
