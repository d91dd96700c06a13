/** Python's `==` and truthiness over loaded values, as the reference loaders apply them. */
import type { DataValue } from '../../value';

type Numeric = bigint | number | boolean;

const isNumeric = (v: DataValue): v is Numeric => typeof v === 'bigint' || typeof v === 'number' || typeof v === 'boolean';

/** Python `a == b`: `True == 1 == 1.0`, `'1' != 1`, `nan != nan`, lists and dicts compared item by item. */
export function pyEquals(a: DataValue, b: DataValue): boolean {
  if (isNumeric(a) && isNumeric(b)) return numericEquals(a, b);
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => pyEquals(item, b[i]!));
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && pyEquals(a[key]!, b[key]!));
}

function numericEquals(a: Numeric, b: Numeric): boolean {
  const x = typeof a === 'boolean' ? BigInt(a) : a;
  const y = typeof b === 'boolean' ? BigInt(b) : b;
  if (typeof x === 'bigint' && typeof y === 'bigint') return x === y;
  if (typeof x === 'number' && typeof y === 'number') return x === y;
  const [int, float] = (typeof x === 'bigint' ? [x, y] : [y, x]) as [bigint, number];
  return Number.isInteger(float) && BigInt(float) === int;
}

/** Python `bool(value)`: None, False, 0, 0.0, '' and empty containers are false. */
export function pyTruthy(value: DataValue): boolean {
  if (value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value !== 0n;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return Object.keys(value).length > 0;
}
