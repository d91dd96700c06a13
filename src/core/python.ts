/**
 * Python behaviours the reference harness depends on, reproduced exactly: `str()` of loaded values,
 * float `repr`, `round(x, n)`, `str.strip()`, `json.dumps` and the number text of the csv module.
 * See docs/parity.md for where each one matters.
 */
import type { DataValue } from './value';

/** Characters Python's `str.isspace()` (and so `str.strip()` and regex `\s`) treats as whitespace. */
export const PY_WHITESPACE =
  '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

const WHITESPACE = new Set(PY_WHITESPACE);

/** Python `str.strip()` with no arguments (U+FEFF is not whitespace to Python). */
export function pyStrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && WHITESPACE.has(text[start]!)) start++;
  while (end > start && WHITESPACE.has(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** Decimal digits and the decimal point position of a finite, non-negative double (shortest round-trip digits). */
function shortestDigits(x: number): { digits: string; point: number } {
  // String(x) gives the shortest digits that round-trip, the same digits Python's repr chooses.
  const text = String(x);
  const [mantissa, exponent] = text.split('e') as [string, string | undefined];
  const dot = mantissa.indexOf('.');
  let digits = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  let point = (dot < 0 ? mantissa.length : dot) + (exponent === undefined ? 0 : Number(exponent));
  while (digits.length > 1 && digits[0] === '0') {
    digits = digits.slice(1);
    point--;
  }
  digits = digits.replace(/0+$/, '') || '0';
  return { digits, point };
}

/** Python `repr(float)`: `1.0`, `0.0001`, `1e-05`, `1e+16`, `inf`, `nan`, `-0.0`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const abs = Math.abs(x);
  if (abs === 0) return `${sign}0.0`;
  const { digits, point } = shortestDigits(abs);
  // CPython switches to exponent notation when the decimal point lies outside (-4, 16].
  if (point <= -4 || point > 16) {
    const exp = point - 1;
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const expText = String(Math.abs(exp)).padStart(2, '0');
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${expText}`;
  }
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}.0`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** The exact value of a finite double as `mantissa * 2^exponent` with integer parts. */
function exactBinary(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const biased = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (biased === 0) return { mantissa, exponent: -1074 };
  mantissa |= 1n << 52n;
  return { mantissa, exponent: biased - 1075 };
}

/**
 * Python `round(x, ndigits)` for a float: rounds the EXACT binary value half-to-even, so
 * `round(2.675, 2)` is 2.67 (2.675 is stored as 2.67499999…) and `round(0.0625, 3)` is 0.062.
 */
export function pyRound(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0 || !Number.isInteger(ndigits)) return x;
  const { mantissa, exponent } = exactBinary(x);
  let numerator = mantissa;
  let denominator = 1n;
  if (exponent >= 0) numerator <<= BigInt(exponent);
  else denominator <<= BigInt(-exponent);
  if (ndigits >= 0) numerator *= 10n ** BigInt(ndigits);
  else denominator *= 10n ** BigInt(-ndigits);
  let quotient = numerator / denominator;
  const twiceRemainder = (numerator % denominator) * 2n;
  if (twiceRemainder > denominator || (twiceRemainder === denominator && quotient % 2n === 1n)) quotient++;
  const sign = x < 0 ? '-' : '';
  // Parsing the decimal text rounds correctly to the nearest double, as CPython's strtod does.
  return Number(`${sign}${quotient}e${-ndigits}`);
}

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python `repr(str)`: quotes and escapes as CPython chooses them (printability by this runtime's Unicode tables). */
export function pyStrRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') out += `\\${char}`;
    else if (char === '\t') out += '\\t';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x7f || char === ' ' || !NOT_PRINTABLE.test(char)) out += char;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, '0')}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += `\\U${code.toString(16).padStart(8, '0')}`;
  }
  return out + quote;
}

/** Python `repr()` of a loaded value (how a value prints inside a list or dict). */
export function pyRepr(value: DataValue): string {
  if (typeof value === 'string') return pyStrRepr(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${pyStrRepr(key)}: ${pyRepr(item)}`).join(', ')}}`;
  }
  return pyStr(value);
}

/** Python `str()` of a loaded value: `True`, `None`, `1` (bigint), `1.0` (number), `['a', 1]`. */
export function pyStr(value: DataValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null) return 'None';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return pyFloatRepr(value);
  return pyRepr(value);
}

/** Python `json.dumps(text)` with `ensure_ascii=True`: every character outside space..`~` escaped. */
function jsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const code = text.charCodeAt(i);
    if (char === '"') out += '\\"';
    else if (char === '\\') out += '\\\\';
    else if (char === '\n') out += '\\n';
    else if (char === '\r') out += '\\r';
    else if (char === '\t') out += '\\t';
    else if (char === '\b') out += '\\b';
    else if (char === '\f') out += '\\f';
    // UTF-16 code units, so characters beyond the BMP come out as a surrogate pair, as in Python.
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += char;
  }
  return out + '"';
}

/** Python `json.dumps(value)` with its defaults (ensure_ascii, `", "` and `": "` separators, NaN allowed). */
export function jsonDumps(value: DataValue): string {
  if (typeof value === 'string') return jsonString(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return 'NaN';
    if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
    return pyFloatRepr(value);
  }
  if (Array.isArray(value)) return `[${value.map(jsonDumps).join(', ')}]`;
  return `{${Object.entries(value).map(([key, item]) => `${jsonString(key)}: ${jsonDumps(item)}`).join(', ')}}`;
}

/**
 * A number as Python's csv module writes it: a Python int plainly (`12`), a float by `repr` (`87.5`, `0.0`).
 * A JS number is a float unless `kind` says `int`.
 * @throws RangeError when `kind` is `int` and the number is not an integer.
 */
export function pyFormatNumber(value: number | bigint, kind: 'int' | 'float' = typeof value === 'bigint' ? 'int' : 'float'): string {
  if (kind === 'int') {
    if (typeof value === 'number' && !Number.isInteger(value)) throw new RangeError(`${value} is not an integer`);
    return BigInt(value).toString();
  }
  return pyFloatRepr(Number(value));
}
