/**
 * Reading the verdict out of the model's output. `reference` reproduces RoGuard's script bit for bit:
 * the first match of `"FIELD"\s*:\s*"?(\w+)"?,?` as a Python regex (FIELD inserted unescaped), else the same
 * pattern over `json.dumps({FIELD: raw})`. `robust` (verdict-robust.ts) is tolerant and may say `unparsed`.
 */
import { GuardError } from './errors';
import { jsonDumps, PY_WHITESPACE } from './python';
import type { ExtractionMode, Policy, Verdict } from './result';
import { extractRobustVerdict } from './verdict-robust';

/**
 * Python's `\w` for str patterns is `str.isalnum()` plus `_`: letters (L*), and numerics (Nd, Nl, No).
 * Marks (Mn, Mc) are not word characters in Python, and not here. Exact for every character assigned in
 * Python 3.11's Unicode 14; later additions follow this runtime's newer tables.
 */
const WORD = '\\p{L}\\p{N}_';
const SPACE = Array.from(PY_WHITESPACE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`).join('');

const CLASS_ESCAPES: Record<string, string> = { w: WORD, s: SPACE, d: '\\p{Nd}' };
const CHAR_ESCAPES: Record<string, string> = { a: '\x07', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** A Python pattern we cannot run: `invalid` where Python's `re` raises too, `unsupported` where we do not emulate it. */
class PatternProblem {
  constructor(readonly kind: 'invalid' | 'unsupported', readonly what: string) {}
}

function literal(char: string): string {
  return /^[\p{L}\p{N} ]$/u.test(char) ? char : `\\u{${char.codePointAt(0)!.toString(16)}}`;
}

interface Piece {
  js: string;
  length: number;
  /** The code point when the piece is a single character (it can then end a class range). */
  code?: number;
}

function character(code: number, length: number): Piece {
  return { js: literal(String.fromCodePoint(code)), length, code };
}

/** The escape whose letter is at `pattern[i]` (just after the backslash). */
function translateEscape(pattern: string, i: number, inClass: boolean): Piece {
  const char = pattern[i];
  if (char === undefined) throw new PatternProblem('invalid', 'a trailing backslash');
  const lower = char.toLowerCase();
  if (lower in CLASS_ESCAPES) {
    const body = CLASS_ESCAPES[lower]!;
    if (char === lower) return { js: inClass ? body : `[${body}]`, length: 1 };
    if (inClass) throw new PatternProblem('unsupported', `\\${char} inside a character class`);
    return { js: `[^${body}]`, length: 1 };
  }
  if (char in CHAR_ESCAPES) return character(CHAR_ESCAPES[char]!.charCodeAt(0), 1);
  const hex = { x: 2, u: 4, U: 8 }[char as 'x' | 'u' | 'U'];
  if (hex !== undefined) {
    const digits = pattern.slice(i + 1, i + 1 + hex);
    const code = parseInt(digits, 16);
    if (!/^[0-9a-fA-F]+$/.test(digits) || digits.length !== hex || code > 0x10ffff) {
      throw new PatternProblem('invalid', `a bad \\${char} escape`);
    }
    return character(code, 1 + hex);
  }
  if (/[0-9]/.test(char) || 'bBAZN'.includes(char)) throw new PatternProblem('unsupported', `the escape \\${char}`);
  if (/[A-Za-z]/.test(char)) throw new PatternProblem('invalid', `the bad escape \\${char}`);
  const code = pattern.codePointAt(i)!;
  return character(code, code > 0xffff ? 2 : 1);
}

function classAtom(pattern: string, i: number): Piece {
  if (pattern[i] === '\\') {
    const escape = translateEscape(pattern, i + 1, true);
    return { ...escape, length: escape.length + 1 };
  }
  const code = pattern.codePointAt(i)!;
  return character(code, code > 0xffff ? 2 : 1);
}

/** A `[...]` set starting at `pattern[start]` (the `[`); Python takes a `]` right after `[` or `[^` literally. */
function translateClass(pattern: string, start: number): Piece {
  let i = start + 1;
  let js = '[';
  if (pattern[i] === '^') {
    js += '^';
    i++;
  }
  let first = true;
  while (i < pattern.length && (pattern[i] !== ']' || first)) {
    first = false;
    const low = classAtom(pattern, i);
    i += low.length;
    if (pattern[i] === '-' && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      const high = classAtom(pattern, i + 1);
      if (low.code === undefined || high.code === undefined || high.code < low.code) {
        throw new PatternProblem('invalid', 'a bad character range');
      }
      js += `${low.js}-${high.js}`;
      i += 1 + high.length;
    } else {
      js += low.js;
    }
  }
  if (i >= pattern.length) throw new PatternProblem('invalid', 'an unterminated character set');
  return { js: js + ']', length: i + 1 - start };
}

/** A quantifier at `pattern[i]` as Python reads it (`{` not followed by a valid repeat count is a literal). */
function quantifierAt(pattern: string, i: number): Piece | null {
  const char = pattern[i];
  if (char === '*' || char === '+' || char === '?') return { js: char, length: 1 };
  if (char !== '{') return null;
  const match = /^\{(\d*)(?:(,)(\d*))?\}/.exec(pattern.slice(i));
  if (!match || match[0] === '{}') return null;
  const [text, min = '', comma, max = ''] = match;
  if (comma && min !== '' && max !== '' && BigInt(max) < BigInt(min)) {
    throw new PatternProblem('invalid', 'min repeat greater than max repeat');
  }
  return { js: comma ? `{${min || '0'},${max}}` : `{${min}}`, length: text.length };
}

/** Python regex text → JavaScript `u`-mode source with the same matches and group numbers (a common subset). */
export function translatePythonPattern(pattern: string): string {
  let js = '';
  let depth = 0;
  let canRepeat = false;
  let i = 0;
  while (i < pattern.length) {
    const char = pattern[i]!;
    const quantifier = quantifierAt(pattern, i);
    if (quantifier) {
      if (!canRepeat) throw new PatternProblem('invalid', 'nothing to repeat');
      i += quantifier.length;
      if (pattern[i] === '+') throw new PatternProblem('unsupported', 'a possessive quantifier');
      const lazy = pattern[i] === '?';
      if (lazy) i++;
      if (quantifierAt(pattern, i)) throw new PatternProblem('invalid', 'multiple repeat');
      js += quantifier.js + (lazy ? '?' : '');
      canRepeat = false;
      continue;
    }
    canRepeat = true;
    let piece: Piece;
    if (char === '\\') {
      const escape = translateEscape(pattern, i + 1, false);
      piece = { js: escape.js, length: escape.length + 1 };
    } else if (char === '[') {
      piece = translateClass(pattern, i);
    } else if (char === '(') {
      if (pattern[i + 1] === '?' && pattern[i + 2] !== ':') {
        throw new PatternProblem('unsupported', `the group syntax ${pattern.slice(i, i + 4)}`);
      }
      piece = pattern[i + 1] === '?' ? { js: '(?:', length: 3 } : { js: '(', length: 1 };
      depth++;
      canRepeat = false;
    } else if (char === ')') {
      if (depth === 0) throw new PatternProblem('invalid', 'an unbalanced parenthesis');
      depth--;
      piece = { js: ')', length: 1 };
    } else if (char === '|' || char === '^' || char === '$') {
      // Python's `$` also matches before a final newline; JS's only at the very end. Anchors cannot repeat.
      piece = { js: char === '$' ? '(?=\\n?$)' : char, length: 1 };
      canRepeat = false;
    } else if (char === '.') {
      piece = { js: '[^\\n]', length: 1 };
    } else {
      const code = pattern.codePointAt(i)!;
      piece = character(code, code > 0xffff ? 2 : 1);
    }
    js += piece.js;
    i += piece.length;
  }
  if (depth !== 0) throw new PatternProblem('invalid', 'a missing )');
  return js;
}

const patterns = new Map<string, RegExp | null>();

/**
 * The reference pattern for a verdict field, compiled; `null` when Python would reject the pattern
 * (the reference then extracts `""` for every output).
 * @throws GuardError BAD_CONFIG when the field uses Python regex syntax this emulation does not cover.
 */
export function referencePattern(field: string): RegExp | null {
  if (patterns.has(field)) return patterns.get(field)!;
  let compiled: RegExp | null;
  try {
    compiled = new RegExp(translatePythonPattern(`"${field}"\\s*:\\s*"?(\\w+)"?,?`), 'du');
  } catch (error) {
    if (!(error instanceof PatternProblem)) {
      throw new GuardError('BAD_CONFIG', `The verdict field ${JSON.stringify(field)} could not be turned into a pattern: ${String(error)}`);
    }
    if (error.kind === 'unsupported') {
      throw new GuardError(
        'BAD_CONFIG',
        `The verdict field ${JSON.stringify(field)} uses ${error.what}, regex syntax that reference extraction does not emulate. Use robust extraction or a plain field name.`,
        { field },
      );
    }
    compiled = null;
  }
  patterns.set(field, compiled);
  return compiled;
}

/** The reference's two passes; the value and where it starts in `raw` (null when it came from the fallback or nowhere). */
export function referenceMatch(raw: string, field: string): { value: string; start: number | null } {
  const pattern = referencePattern(field);
  if (!pattern) return { value: '', start: null };
  const first = pattern.exec(raw);
  if (first?.[1]) return { value: first[1], start: first.indices![1]![0] };
  // The reference retries on json.dumps({FIELD: raw}) whenever the first pass gave nothing (or an empty group).
  const second = pattern.exec(jsonDumps({ [field]: raw }));
  return { value: second?.[1] ?? '', start: null };
}

/** The verdict exactly as RoGuard's script reads it: never `unparsed`. */
export function extractReferenceVerdict(raw: string, policy: Policy): Verdict {
  const { value } = referenceMatch(raw, policy.outputField);
  const flagged = value.toLowerCase() === policy.flaggedValue.toLowerCase();
  return { value, status: flagged ? 'flagged' : 'safe', categories: [], fields: { [policy.outputField]: value } };
}

/**
 * Reads the verdict field from a raw model output.
 * @throws GuardError BAD_CONFIG (reference mode) when the field uses regex syntax that is not emulated.
 */
export function extractVerdict(raw: string, policy: Policy, mode: ExtractionMode): Verdict {
  return mode === 'reference' ? extractReferenceVerdict(raw, policy) : extractRobustVerdict(raw, policy);
}
