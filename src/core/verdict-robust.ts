/**
 * Robust verdict reading (the app's default): finds the first JSON-ish object however the model dressed it
 * (code fences, prose around it, single or no quotes, trailing commas, key case/spacing), reads every key,
 * maps the categories back to ids, and answers `unparsed` rather than guessing safe.
 */
import type { Policy, Verdict, VerdictStatus } from './result';
import { pyStrip } from './python';

export interface ScannedPair {
  /** The key as written, trimmed. */
  key: string;
  /** The value as written (a list's items joined with `, `). */
  value: string;
  /** A list value's items. */
  items?: string[];
  /** Offset in the text where the value's first character is. */
  valueStart: number;
  /** True once the value is terminated (closing quote, bracket, comma, brace or newline). */
  complete: boolean;
}

export interface ScannedObject {
  pairs: ScannedPair[];
  /** True when the object's closing brace was seen. */
  closed: boolean;
}

const QUOTES: Record<string, string> = { '"': '"', "'": "'", '`': '`', '\u201c': '\u201d', '\u2018': '\u2019' };

function skip(text: string, i: number, chars: RegExp): number {
  while (i < text.length && chars.test(text[i]!)) i++;
  return i;
}

/** A quoted string starting at the opening quote; `end` is past the closing quote, or the text's end when unterminated. */
function readQuoted(text: string, start: number): { value: string; end: number; complete: boolean } {
  const close = QUOTES[text[start]!]!;
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== close) {
    if (text[i] === '\\' && close === '"' && i + 1 < text.length) i++;
    value += text[i];
    i++;
  }
  return { value, end: i < text.length ? i + 1 : i, complete: i < text.length };
}

function readList(text: string, start: number): { items: string[]; end: number; complete: boolean } {
  const items: string[] = [];
  let i = start + 1;
  for (;;) {
    i = skip(text, i, /[\s,]/);
    if (i >= text.length) return { items, end: i, complete: false };
    if (text[i] === ']') return { items, end: i + 1, complete: true };
    if (text[i]! in QUOTES) {
      const quoted = readQuoted(text, i);
      if (!quoted.complete) return { items, end: quoted.end, complete: false };
      items.push(quoted.value.trim());
      i = quoted.end;
    } else {
      const end = skip(text, i, /[^,\]\n]/);
      items.push(text.slice(i, end).trim());
      i = end;
    }
  }
}

type ReadValue = Omit<ScannedPair, 'key'> & { end: number };

function readValue(text: string, i: number): ReadValue {
  const char = text[i]!;
  if (char in QUOTES) {
    const quoted = readQuoted(text, i);
    return { value: quoted.value, valueStart: i + 1, complete: quoted.complete, end: quoted.end };
  }
  if (char === '[') {
    const list = readList(text, i);
    return { value: list.items.join(', '), items: list.items, valueStart: i, complete: list.complete, end: list.end };
  }
  if (char === '{') {
    let depth = 0;
    let end = i;
    for (; end < text.length; end++) {
      if (text[end] === '{') depth++;
      else if (text[end] === '}' && --depth === 0) break;
    }
    const complete = end < text.length;
    const stop = complete ? end + 1 : end;
    return { value: text.slice(i, stop), valueStart: i, complete, end: stop };
  }
  const end = skip(text, i, /[^,}\n]/);
  return { value: text.slice(i, end).trim(), valueStart: i, complete: end < text.length, end };
}

/** The first `{ … }` in the text, read leniently; null when the text has no `{`. */
export function scanFirstObject(text: string): ScannedObject | null {
  const start = text.indexOf('{');
  if (start < 0) return null;
  const pairs: ScannedPair[] = [];
  let i = start + 1;
  for (;;) {
    i = skip(text, i, /[\s,]/);
    if (i >= text.length) return { pairs, closed: false };
    if (text[i] === '}') return { pairs, closed: true };
    let key: string;
    if (text[i]! in QUOTES) {
      const quoted = readQuoted(text, i);
      if (!quoted.complete) return { pairs, closed: false };
      key = quoted.value.trim();
      i = skip(text, quoted.end, /[ \t*]/);
    } else {
      const end = skip(text, i, /[^:=,}\n]/);
      key = text.slice(i, end).trim();
      i = end;
    }
    if (i >= text.length) return { pairs, closed: false };
    if (text[i] !== ':' && text[i] !== '=') continue;
    i = skip(text, i + 1, /\s/);
    if (i >= text.length) return { pairs, closed: false };
    const { end, ...pair } = readValue(text, i);
    pairs.push({ ...pair, key });
    i = end;
  }
}

/** `Key: value` lines anywhere in the text (prose or Markdown answers without an object). */
export function scanKeyValueLines(text: string): ScannedPair[] {
  const line = /^[ \t>*#-]*["'`*]*([^:="'`*\n{}]+?)["'`*]*[ \t]*[:=][ \t]*(.*?)[ \t\r]*$/dgm;
  return [...text.matchAll(line)].map((match) => ({
    key: match[1]!.trim(),
    value: match[2]!,
    valueStart: match.indices![2]![0],
    complete: match.index! + match[0].length < text.length,
  }));
}

/** A key compared loosely: case, `_`/`-`/spaces and Markdown emphasis do not matter. */
export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[*`]/g, '').replace(/[\s_-]+/g, ' ').trim();
}

/** A value as a word to compare: trimmed, unquoted, lowercased, trailing punctuation and emphasis dropped. */
export function normaliseValue(value: string): string {
  return pyStrip(value)
    .replace(/^["'`*\u201c\u2018]+|["'`*\u201d\u2019]+$/g, '')
    .replace(/[.,;:!]+$/, '')
    .toLowerCase()
    .trim();
}

const BOOLEAN_PAIRS: [string, string][] = [['true', 'false'], ['yes', 'no']];
const FLAGGED_WORDS = ['unsafe', 'harmful', 'toxic', 'flagged', 'violating', 'inappropriate'];
const SAFE_WORDS = ['safe', 'unharmful', 'harmless', 'non-toxic', 'nontoxic', 'not toxic', 'benign', 'unflagged', 'not flagged', 'non-violating', 'appropriate'];

/** Values that mean "flagged" and "not flagged" for a policy's flagged value. */
export function knownValues(flaggedValue: string): { flagged: string[]; safe: string[] } {
  const flagged = normaliseValue(flaggedValue);
  const pair = BOOLEAN_PAIRS.find((pairWords) => pairWords.includes(flagged));
  if (pair) return { flagged: [flagged], safe: pair.filter((word) => word !== flagged) };
  const opposites = [`non-${flagged}`, `non ${flagged}`, `non${flagged}`, `not ${flagged}`, `un${flagged}`];
  if (flagged.startsWith('un')) opposites.push(flagged.slice(2));
  if (flagged.startsWith('non-')) opposites.push(flagged.slice(4));
  if (FLAGGED_WORDS.includes(flagged)) return { flagged: [...new Set([flagged, ...FLAGGED_WORDS])], safe: [...new Set([...opposites, ...SAFE_WORDS])] };
  if (SAFE_WORDS.includes(flagged)) return { flagged: [...new Set([flagged, ...SAFE_WORDS])], safe: [...new Set([...opposites, ...FLAGGED_WORDS])] };
  return { flagged: [flagged], safe: opposites };
}

/** `flagged`/`safe` for a known value, `unparsed` for anything else (empty, `null`, prose, another word). */
export function valueStatus(value: string, flaggedValue: string): VerdictStatus {
  const known = knownValues(flaggedValue);
  const whole = normaliseValue(value);
  // "unsafe (violence)" or "Unsafe - asks for a weapon": the leading word decides when it is a known value.
  const leading = /^[\p{L}\p{N}_-]+/u.exec(whole)?.[0] ?? '';
  for (const word of [whole, leading]) {
    if (known.flagged.includes(word)) return 'flagged';
    if (known.safe.includes(word)) return 'safe';
  }
  return 'unparsed';
}

/** Category ids from a categories value: `S1, S9`, `S1,S9`, a list, or names mapped back through the policy. */
export function parseCategories(value: string, items: string[] | undefined, policy: Policy): string[] {
  const text = items ? items.join(', ') : value;
  const ids = [...text.matchAll(/(?<![A-Za-z0-9])S(\d{1,3})(?![0-9])/gi)].map((match) => `S${Number(match[1])}`);
  if (ids.length > 0) return [...new Set(ids)];
  const byName = new Map(Object.entries(policy.categories ?? {}).map(([id, name]) => [normaliseValue(name), id]));
  const names = items ?? value.split(/[,;\n]/);
  return [...new Set(names.map((name) => byName.get(normaliseValue(name))).filter((id): id is string => id !== undefined))];
}

function isCategoriesKey(key: string): boolean {
  return normaliseKey(key).includes('categor');
}

function fieldsOf(pairs: ScannedPair[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of pairs) if (pair.key && !(pair.key in fields)) fields[pair.key] = pair.value;
  return fields;
}

/** Where the verdict field's value was found, by the same reading `extractRobustVerdict` does. */
export function findVerdictPair(raw: string, policy: Policy): { pair: ScannedPair | undefined; pairs: ScannedPair[]; object: ScannedObject | null } {
  const wanted = normaliseKey(policy.outputField);
  const object = scanFirstObject(raw);
  const objectPair = object?.pairs.find((pair) => normaliseKey(pair.key) === wanted);
  if (object && objectPair) return { pair: objectPair, pairs: object.pairs, object };
  const lines = scanKeyValueLines(raw);
  const linePair = lines.find((pair) => normaliseKey(pair.key) === wanted);
  return { pair: linePair, pairs: object && object.pairs.length > 0 ? object.pairs : lines, object };
}

/**
 * The verdict read leniently. `status` is `unparsed` when the verdict field is absent and the output does not
 * start with a known value, or when its value is not a known one.
 */
export function extractRobustVerdict(raw: string, policy: Policy): Verdict {
  const { pair, pairs } = findVerdictPair(raw, policy);
  const categoriesPair = pairs.find((candidate) => isCategoriesKey(candidate.key));
  const categories = categoriesPair ? parseCategories(categoriesPair.value, categoriesPair.items, policy) : [];
  const fields = fieldsOf(pairs);
  if (pair) {
    const value = normaliseValue(pair.value) === '' ? '' : pyStrip(pair.value).replace(/[.,;:!]+$/, '');
    return { value, status: valueStatus(pair.value, policy.flaggedValue), categories, fields };
  }
  // A bare answer such as "Unsafe" or "unsafe\nS1": accepted only when it is a known value.
  const firstWord = /^[\s`"'*]*([\p{L}\p{N}_-]+)/u.exec(raw.replace(/^\s*```[a-z]*\s*/i, ''))?.[1] ?? '';
  const status = valueStatus(firstWord, policy.flaggedValue);
  return status === 'unparsed' ? { value: '', status, categories, fields } : { value: firstWord, status, categories, fields };
}
