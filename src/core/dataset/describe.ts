/** Words for values and places in the messages a person reads ("row 4: column "prompt" holds a number (42), not text"). */
import type { DataValue } from '../value';

const PREVIEW = 40;

/** "a number (42)", "null", "a list", "an object", "true" … */
export function describeValue(value: DataValue | undefined): string {
  if (value === undefined) return 'nothing (the key is missing)';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return `a boolean (${value})`;
  if (typeof value === 'bigint') return `an integer (${preview(value.toString())})`;
  if (typeof value === 'number') return `a number (${preview(String(value))})`;
  if (typeof value === 'string') return `text (${preview(JSON.stringify(value))})`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return 'an object';
}

function preview(text: string): string {
  return text.length > PREVIEW ? `${text.slice(0, PREVIEW)}…` : text;
}

/** A column or key name as it appears in messages: quoted and escaped, so spaces and control characters show. */
export function quoteName(name: string): string {
  return JSON.stringify(name);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count} ${count === 1 ? one : many}`;
}
