import { describe, expect, it } from 'vitest';
import { jsonDumps, pyFloatRepr, pyFormatNumber, pyRepr, pyRound, pyStr, pyStrip } from './python';

describe('pyFloatRepr (Python repr of a float)', () => {
  // Python switches to exponent notation when the decimal point falls outside (-4, 16] digits.
  it.each([
    [1, '1.0'],
    [100, '100.0'],
    [66.667, '66.667'],
    [0.1 + 0.2, '0.30000000000000004'],
    [12345.678, '12345.678'],
    [1e15, '1000000000000000.0'],
    [1e16, '1e+16'],
    [1e22, '1e+22'],
    [123456789012345680000, '1.2345678901234568e+20'],
    [0.0001, '0.0001'],
    [1e-5, '1e-05'],
    [1.5e-7, '1.5e-07'],
    [1e-4 / 3, '3.3333333333333335e-05'],
    [5e-324, '5e-324'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [0, '0.0'],
    [-0, '-0.0'],
    [-2.5, '-2.5'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
  ])('%s → %s', (value, text) => {
    expect(pyFloatRepr(value)).toBe(text);
  });
});

describe('pyRound (round half to even on the exact binary value)', () => {
  it.each([
    // 100/1600 = 0.0625 exactly: a true tie, 2 is even → 0.062 (the recall case tp=1, fn=1599).
    [100 / 1600, 3, 0.062],
    [0.0625, 3, 0.062],
    // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875 → below the tie → 2.67.
    [2.675, 2, 2.67],
    [-2.675, 2, -2.67],
    // 0.0005 is stored slightly above 0.0005 → 0.001; 1.0005 slightly below → 1.0.
    [0.0005, 3, 0.001],
    [0.0015, 3, 0.002],
    [1.0005, 3, 1.0],
    // 200/3 = 66.6666… → 66.667; 87.5 and 100.0 are exact.
    [200 / 3, 3, 66.667],
    [87.5, 3, 87.5],
    [100, 3, 100],
    [2.5, 0, 2],
    [3.5, 0, 4],
    // Negative ndigits round to tens: 1234.5 → 1230, 15 → 20 (tie to even 2), 25 → 20.
    [1234.5, -1, 1230],
    [15, -1, 20],
    [25, -1, 20],
  ])('round(%s, %s) = %s', (value, digits, expected) => {
    expect(pyRound(value, digits)).toBe(expected);
  });

  it('keeps the sign of a value rounded to zero, and passes non-finite values through', () => {
    expect(Object.is(pyRound(-0.0004, 3), -0)).toBe(true);
    expect(pyRound(Infinity, 3)).toBe(Infinity);
    expect(pyRound(NaN, 3)).toBeNaN();
  });
});

describe('pyStrip (str.strip whitespace set)', () => {
  it('strips every Python whitespace character', () => {
    const all = '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000';
    expect(pyStrip(`${all}x y${all}`)).toBe('x y');
  });

  it('keeps U+FEFF, U+200B and U+180E, which Python does not count as whitespace', () => {
    expect(pyStrip(' \x1c\x85\u3000\ufeff\u200bx\u180e ')).toBe('\ufeff\u200bx\u180e');
  });
});

describe('jsonDumps (json.dumps with ensure_ascii)', () => {
  it('escapes quotes, backslashes, control characters, DEL and every non-ASCII character', () => {
    // Python: json.dumps({"User Safety": 'é😀\x01\x7f"\\\n\r\t\b\f/<'})
    expect(jsonDumps({ 'User Safety': 'é😀\x01\x7f"\\\n\r\t\b\f/<' })).toBe(
      '{"User Safety": "\\u00e9\\ud83d\\ude00\\u0001\\u007f\\"\\\\\\n\\r\\t\\b\\f/<"}',
    );
  });

  it('writes other values with Python separators', () => {
    expect(jsonDumps([1n, 1.0, true, null, 'a'])).toBe('[1, 1.0, true, null, "a"]');
    expect(jsonDumps({ a: NaN, b: -Infinity })).toBe('{"a": NaN, "b": -Infinity}');
  });
});

describe('pyStr / pyRepr (Python text of loaded values)', () => {
  it.each<[Parameters<typeof pyStr>[0], string]>([
    [true, 'True'],
    [false, 'False'],
    [null, 'None'],
    [1n, '1'],
    [1.0, '1.0'],
    [1e16, '1e+16'],
    ['unsafe', 'unsafe'],
    // Python: str([1, 'a', 1.0, True, None, "it's", 'q"\'', '\x85\u200b\n'])
    [[1n, 'a', 1.0, true, null, "it's", 'q"\'', '\x85\u200b\n'], `[1, 'a', 1.0, True, None, "it's", 'q"\\'', '\\x85\\u200b\\n']`],
    [{ a: true, b: [2n] }, "{'a': True, 'b': [2]}"],
  ])('case %# → %s', (value, text) => {
    expect(pyStr(value)).toBe(text);
  });

  it('repr quotes strings and escapes characters beyond the BMP that are not printable', () => {
    expect(pyRepr('x')).toBe("'x'");
    expect(pyRepr('\u{e0001}')).toBe("'\\U000e0001'");
    expect(pyRepr('😀')).toBe("'😀'");
  });
});

describe('pyFormatNumber (csv module number text)', () => {
  it.each<[number | bigint, 'int' | 'float' | undefined, string]>([
    [12n, undefined, '12'],
    [12, 'int', '12'],
    [87.5, undefined, '87.5'],
    [0, undefined, '0.0'],
    [66.667, 'float', '66.667'],
    [100, 'float', '100.0'],
  ])('%s as %s → %s', (value, kind, text) => {
    expect(pyFormatNumber(value, kind)).toBe(text);
  });

  it('refuses a fraction as an int', () => {
    expect(() => pyFormatNumber(1.5, 'int')).toThrow(RangeError);
  });
});
