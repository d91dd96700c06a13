import { describe, expect, it } from 'vitest';
import { GuardError } from './errors';
import type { Policy } from './result';
import { extractVerdict, referencePattern, translatePythonPattern } from './verdict';

const policy = (outputField: string, flaggedValue = 'unsafe'): Policy => ({ template: '{prompt}', outputField, flaggedValue });

describe('reference extraction (bit-exact with the script)', () => {
  // Each expected value was worked out from the spec's rule and checked against CPython 3.11's `re` and `json`:
  // first match of `"FIELD"\s*:\s*"?(\w+)"?,?`, else the same pattern over json.dumps({FIELD: raw}).
  it.each([
    ['{"User Safety": "unsafe"}', 'User Safety', 'unsafe'],
    ['{"User Safety":"Unsafe"}', 'User Safety', 'Unsafe'],
    ['{"User Safety": unsafe}', 'User Safety', 'unsafe'],
    ['{"User Safety":\t\n "unsafe"}', 'User Safety', 'unsafe'],
    // U+001C and U+0085 are whitespace to Python's \s (not to JavaScript's).
    ['"User Safety" :\x1c "unsafe"', 'User Safety', 'unsafe'],
    ['"User Safety":\x85"unsafe"', 'User Safety', 'unsafe'],
    // U+FEFF is not whitespace to Python: pass 1 fails; pass 2 sees `"{\"User…` → nothing.
    ['"User Safety":\ufeff"unsafe"', 'User Safety', ''],
    // Python's \w is Unicode: ü, Arabic-Indic digits and 𝐮 (U+1D42E) are word characters.
    ['"User Safety": "ünsafe"', 'User Safety', 'ünsafe'],
    ['{"User Safety": "١٢٣"}', 'User Safety', '١٢٣'],
    ['{"User Safety": "𝐮nsafe"}', 'User Safety', '𝐮nsafe'],
    // A combining mark (Mn) and U+2028 end the word run.
    ['{"User Safety": "unsafe\u0301"}', 'User Safety', 'unsafe'],
    ['{"User Safety": "un\u2028safe"}', 'User Safety', 'un'],
    // The fallback: json.dumps escapes é as \u00e9, so only the leading ASCII word run survives.
    ['unsafeé', 'User Safety', 'unsafe'],
    ['éunsafe', 'User Safety', ''],
    ['unsafe"', 'User Safety', 'unsafe'],
    ['Unsafe\nS1', 'User Safety', 'Unsafe'],
    ['The answer is unsafe', 'User Safety', 'The'],
    ['  unsafe', 'User Safety', ''],
    ['', 'User Safety', ''],
    // Key is case-sensitive and must be double-quoted.
    ["{'User Safety': 'unsafe'}", 'User Safety', ''],
    ['{"user safety": "unsafe"}', 'User Safety', ''],
    // The first match wins.
    ['{"User Safety": "safe"} {"User Safety": "unsafe"}', 'User Safety', 'safe'],
    ['{"is_safe": false}', 'is_safe', 'false'],
  ])('%j with field %j → %j', (raw, field, value) => {
    const verdict = extractVerdict(raw, policy(field), 'reference');
    expect(verdict.value).toBe(value);
    expect(verdict.categories).toEqual([]);
    expect(verdict.fields).toEqual({ [field]: value });
  });

  it.each([
    // The field is a regex inserted unescaped. `.` matches any character but \n.
    ['{"User Safety": "unsafe"}', 'User.Safety', 'unsafe'],
    ['{"User\nSafety": "unsafe"}', 'User.Safety', ''],
    // A group in the field becomes group 1, which is what the script returns.
    ['{"User Safety": "unsafe"}', '(User) Safety', 'User'],
    ['{"xx": "unsafe"}', 'x{2}', 'unsafe'],
    ['{"b": "unsafe"}', 'a{,2}b', 'unsafe'],
    ['{"aab": "unsafe"}', 'a{,2}b', 'unsafe'],
    ['{"a{}": "unsafe"}', 'a{}', 'unsafe'],
    ['{"User Safety": "unsafe"}', 'User Safety$', ''],
    ['{"User Safety": "unsafe"}', '[User] Safety', ''],
    ['{"U Safety": "unsafe"}', '[A-Z] Safety', 'unsafe'],
    ['{"]": "unsafe"}', '[]]', 'unsafe'],
    ['{"User Safety": "unsafe"}', 'Us\\u0065r Safety', 'unsafe'],
    ['{"User-Safety": "unsafe"}', 'User\\-Safety', 'unsafe'],
    // Patterns Python rejects (re.error): the script catches it and extracts "" every time.
    ['{"User (Safety": "unsafe"}', 'User (Safety', ''],
    ['{"User Safety": "unsafe"}', 'User Safety)', ''],
    ['{"a": "unsafe"}', 'a**', ''],
    ['{"User Safety": "unsafe"}', '\\q', ''],
    ['{"User Safety": "unsafe"}', 'a{3,2}', ''],
    ['{"[a": "unsafe"}', '[a', ''],
  ])('%j with regex field %j → %j', (raw, field, value) => {
    expect(extractVerdict(raw, policy(field), 'reference').value).toBe(value);
  });

  it('flags iff the lowercased value equals the lowercased flagged value, and is never unparsed', () => {
    expect(extractVerdict('{"User Safety": "Unsafe"}', policy('User Safety', 'UNSAFE'), 'reference').status).toBe('flagged');
    expect(extractVerdict('{"User Safety": "ünsafe"}', policy('User Safety'), 'reference').status).toBe('safe');
    expect(extractVerdict('garbage', policy('User Safety'), 'reference').status).toBe('safe');
    expect(extractVerdict('', policy('User Safety'), 'reference').status).toBe('safe');
    expect(extractVerdict('{"is_safe": false}', policy('is_safe', 'false'), 'reference').status).toBe('flagged');
    expect(extractVerdict('{"is_safe": "True"}', policy('is_safe', 'false'), 'reference').status).toBe('safe');
  });

  it('refuses regex syntax it does not emulate instead of reading differently', () => {
    for (const field of ['(?P<n>a)', '(?=a)', 'a\\1', '\\bUser', 'a*+', '[\\W]']) {
      expect(() => referencePattern(field), field).toThrow(GuardError);
      try {
        referencePattern(field);
      } catch (error) {
        expect((error as GuardError).code).toBe('BAD_CONFIG');
      }
    }
  });

  it('translates Python regex pieces to their JavaScript equivalents', () => {
    expect(translatePythonPattern('a.b')).toBe('a[^\\n]b');
    expect(translatePythonPattern('x$')).toBe('x(?=\\n?$)');
    expect(translatePythonPattern('a{,3}?')).toBe('a{0,3}?');
    expect(translatePythonPattern('(?:ab)|c')).toBe('(?:ab)|c');
    expect(new RegExp(translatePythonPattern('\\s'), 'u').test('\x1c')).toBe(true);
    expect(new RegExp(translatePythonPattern('\\s'), 'u').test('\ufeff')).toBe(false);
    expect(new RegExp(`^${translatePythonPattern('\\w+')}$`, 'u').test('ünsafe_1')).toBe(true);
    expect(new RegExp(translatePythonPattern('\\w'), 'u').test('\u0301')).toBe(false);
  });
});
