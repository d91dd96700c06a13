import { describe, expect, it } from 'vitest';
import { parseJson, TOO_DEEP, type JsonParsed } from './json-parse';

const ok = (text: string, maxDepth?: number): JsonParsed => {
  const parsed = parseJson(text, maxDepth);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed;
};
const fail = (text: string) => {
  const parsed = parseJson(text);
  if (parsed.ok) throw new Error('expected a failure');
  return parsed;
};

describe('parseJson (Python json.loads semantics)', () => {
  it('makes integers bigint and anything with a fraction or exponent a number', () => {
    expect(ok('[1, -0, 1.0, 1e0, 1E+2, -2.5e-3, 12345678901234567890123456789]').value).toEqual([
      1n,
      0n,
      1,
      1,
      100,
      -0.0025,
      12345678901234567890123456789n,
    ]);
    expect(ok('1e400').value).toBe(Number.POSITIVE_INFINITY);
  });

  it('reads NaN, Infinity and -Infinity as Python does', () => {
    expect(ok('[NaN, Infinity, -Infinity]').value).toEqual([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it('records key order as written, integer-like keys included', () => {
    const parsed = ok('{"b": 1, "10": 2, "2": 3, "a": {"9": 0, "1": 0}}');
    const root = parsed.value as Record<string, Record<string, unknown>>;
    expect(parsed.keyOrder.get(root)).toEqual(['b', '10', '2', 'a']);
    expect(parsed.keyOrder.get(root.a!)).toEqual(['9', '1']);
  });

  it('keeps the first position and the last value of a repeated key', () => {
    const parsed = ok('{"x": 1, "y": 2, "x": 3}');
    expect(parsed.value).toEqual({ x: 3n, y: 2n });
    expect(parsed.keyOrder.get(parsed.value as object)).toEqual(['x', 'y']);
  });

  it('treats "__proto__" as an ordinary key', () => {
    const parsed = ok('{"__proto__": {"polluted": true}}');
    const value = parsed.value as Record<string, unknown>;
    expect(Object.keys(value)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('decodes escapes, surrogate pairs and lone surrogates, and keeps U+2028 as a character', () => {
    expect(ok('"a\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\\ud800 \u2028"').value).toBe('a"b\\c/d\b\f\n\r\té😀\ud800 \u2028');
  });

  it('refuses raw control characters in strings, bad escapes, trailing text and leading zeros', () => {
    expect(fail('"a\tb"').message).toBe('a raw control character (U+0009) inside a string must be escaped');
    expect(fail('"\\x41"').message).toBe('invalid escape \\x');
    expect(fail('{"a": 1} x').message).toBe('extra text after the JSON value');
    expect(fail('01').message).toBe('extra text after the JSON value');
    expect(fail('[1,]').message).toBe('expected a value, found "]"');
    expect(fail("{'a': 1}").message).toBe('expected a "quoted" key, found "\'"');
  });

  it('says where the text ends too early', () => {
    const truncated = fail('[\n  {"a": [1, 2');
    expect(truncated.truncated).toBe(true);
    expect(truncated.message).toBe("the text ends too early: the array opened at line 2, column 9 is never closed (truncated?)");
    expect(fail('{"a": "unterminated').truncated).toBe(true);
    expect(fail('').message).toBe('the text ends too early (truncated?)');
  });

  it('replaces subtrees past the depth limit and parses 10^6 levels without recursion', () => {
    const limited = ok('[[[[1]]], 2]', 2);
    expect(limited.tooDeep).toBe(true);
    expect(limited.value).toEqual([[TOO_DEEP], 2n]);
    const n = 1_000_000;
    const deep = ok(`${'['.repeat(n)}${']'.repeat(n)}`);
    expect(deep.tooDeep).toBe(false);
    let depth = 0;
    for (let v = deep.value; Array.isArray(v); v = v[0]!) depth++;
    expect(depth).toBe(n);
  });
});
