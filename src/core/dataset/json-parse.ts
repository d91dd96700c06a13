/**
 * A JSON parser with Python's `json.loads` semantics, written iteratively so no input can overflow the stack.
 * Why not JSON.parse or lossless-json: both recurse (deep nesting crashes them), reorder integer-like keys,
 * and lose the difference between `1` (Python int → bigint) and `1.0` (Python float → number).
 * Also as Python: duplicate keys keep the first position and the last value; NaN/Infinity/-Infinity are floats.
 */
import type { DataValue } from '../value';

/** Stands in for a subtree nested deeper than the limit; rows holding it are reported, never used. */
export const TOO_DEEP: { readonly tooDeep: true } = Object.freeze({ tooDeep: true as const });

export interface JsonParsed {
  ok: true;
  value: DataValue;
  /** Key order of every object as written in the file (JS objects put integer-like keys first). */
  keyOrder: WeakMap<object, string[]>;
  /** True when some subtree went past `maxDepth` and was replaced by TOO_DEEP. */
  tooDeep: boolean;
}

export interface JsonFailed {
  ok: false;
  /** What is wrong, e.g. "expected ',' or '}' after an object member, found "x"" (where: see `offset`). */
  message: string;
  offset: number;
  /** True when the text ended before the value did. */
  truncated: boolean;
}

type Frame =
  | { kind: 'array'; value: DataValue[]; at: number }
  | { kind: 'object'; value: Record<string, DataValue>; keys: string[]; key: string; at: number };

const NUMBER = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class Failure {
  constructor(
    readonly offset: number,
    readonly what: string,
    readonly truncated = false,
  ) {}
}

export function parseJson(text: string, maxDepth = Number.POSITIVE_INFINITY): JsonParsed | JsonFailed {
  try {
    return new Parser(text, maxDepth).parse();
  } catch (error) {
    if (!(error instanceof Failure)) throw error;
    return { ok: false, message: error.what, offset: error.offset, truncated: error.truncated };
  }
}

/** 1-based line and column of a character offset, counting `\r\n`, `\n` and `\r` as one line break each. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

class Parser {
  private pos = 0;
  private readonly stack: Frame[] = [];
  private readonly keyOrder = new WeakMap<object, string[]>();
  private tooDeep = false;

  constructor(
    private readonly text: string,
    private readonly maxDepth: number,
  ) {}

  parse(): JsonParsed {
    let value = this.openValue();
    for (;;) {
      if (value === undefined) {
        value = this.openValue();
        continue;
      }
      const top = this.stack.at(-1);
      if (!top) break;
      value = this.addToContainer(top, value);
    }
    this.skipSpace();
    if (this.pos < this.text.length) throw new Failure(this.pos, 'extra text after the JSON value');
    return { ok: true, value, keyOrder: this.keyOrder, tooDeep: this.tooDeep };
  }

  /** Reads a scalar (returned) or opens a container (returns undefined, or the container when it is empty). */
  private openValue(): DataValue | undefined {
    this.skipSpace();
    const at = this.pos;
    const c = this.text[at];
    if (c === '{' || c === '[') {
      if (this.stack.length + 1 > this.maxDepth) {
        this.skipContainer();
        this.tooDeep = true;
        return TOO_DEEP as unknown as DataValue;
      }
      this.pos++;
      this.skipSpace();
      if (c === '[') {
        if (this.text[this.pos] === ']') return this.pos++, [];
        this.stack.push({ kind: 'array', value: [], at });
        return undefined;
      }
      const object: Record<string, DataValue> = {};
      if (this.text[this.pos] === '}') {
        this.pos++;
        this.keyOrder.set(object, []);
        return object;
      }
      this.stack.push({ kind: 'object', value: object, keys: [], key: this.readKey(), at });
      return undefined;
    }
    if (c === '"') return this.readString();
    return this.readScalar();
  }

  /** Stores a finished value in the open container; returns the container when it closes, else undefined. */
  private addToContainer(top: Frame, value: DataValue): DataValue | undefined {
    if (top.kind === 'array') top.value.push(value);
    else setKey(top, value);
    this.skipSpace();
    const c = this.text[this.pos];
    const close = top.kind === 'array' ? ']' : '}';
    if (c === ',') {
      this.pos++;
      if (top.kind === 'object') {
        this.skipSpace();
        top.key = this.readKey();
      }
      return undefined;
    }
    if (c === close) {
      this.pos++;
      this.stack.pop();
      if (top.kind === 'object') this.keyOrder.set(top.value, top.keys);
      return top.value;
    }
    const where = top.kind === 'array' ? 'an array item' : 'an object member';
    throw this.fail(`expected ',' or '${close}' after ${where}`);
  }

  private readKey(): string {
    if (this.text[this.pos] !== '"') throw this.fail('expected a "quoted" key');
    const key = this.readString();
    this.skipSpace();
    if (this.text[this.pos] !== ':') throw this.fail(`expected ':' after the key ${JSON.stringify(key)}`);
    this.pos++;
    return key;
  }

  private readString(): string {
    const text = this.text;
    const start = this.pos;
    let i = start + 1;
    let segment = i;
    const parts: string[] = [];
    for (;;) {
      if (i >= text.length) throw new Failure(start, 'the text ends inside a string that starts here (truncated?)', true);
      const c = text.charCodeAt(i);
      if (c === 34) break;
      if (c < 0x20) throw new Failure(i, `a raw control character (U+${c.toString(16).padStart(4, '0').toUpperCase()}) inside a string must be escaped`);
      if (c !== 92) {
        i++;
        continue;
      }
      parts.push(text.slice(segment, i));
      const e = text[i + 1];
      if (e === undefined) throw new Failure(start, 'the text ends inside a string that starts here (truncated?)', true);
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new Failure(i, 'invalid \\u escape: it needs four hex digits');
        parts.push(String.fromCharCode(parseInt(hex, 16)));
        i += 6;
      } else {
        const decoded = ESCAPES[e];
        if (decoded === undefined) throw new Failure(i, `invalid escape \\${e}`);
        parts.push(decoded);
        i += 2;
      }
      segment = i;
    }
    parts.push(text.slice(segment, i));
    this.pos = i + 1;
    return parts.length === 1 ? parts[0]! : parts.join('');
  }

  private readScalar(): DataValue {
    const text = this.text;
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(text);
    if (!match) throw this.fail('expected a value');
    this.pos += match[0].length;
    return match[1] === undefined && match[2] === undefined ? BigInt(match[0]) : Number(match[0]);
  }

  private skipContainer(): void {
    const text = this.text;
    const start = this.pos;
    let depth = 0;
    for (let i = start; i < text.length; i++) {
      const c = text[i];
      if (c === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
      } else if (c === '[' || c === '{') depth++;
      else if (c === ']' || c === '}') {
        if (--depth === 0) {
          this.pos = i + 1;
          return;
        }
      }
    }
    throw new Failure(start, 'the text ends inside this nested value (truncated?)', true);
  }

  private skipSpace(): void {
    const text = this.text;
    let i = this.pos;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else break;
    }
    this.pos = i;
  }

  private fail(what: string): Failure {
    if (this.pos >= this.text.length) {
      const open = this.stack.at(-1);
      const opened = open ? `: the ${open.kind} opened at ${describe(this.text, open.at)} is never closed` : '';
      return new Failure(this.pos, `the text ends too early${opened} (truncated?)`, true);
    }
    const found = JSON.stringify(String.fromCodePoint(this.text.codePointAt(this.pos)!));
    return new Failure(this.pos, `${what}, found ${found}`);
  }
}

const LITERALS: [string, DataValue][] = [
  ['true', true],
  ['false', false],
  ['null', null],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['-Infinity', Number.NEGATIVE_INFINITY],
];

function setKey(frame: Extract<Frame, { kind: 'object' }>, value: DataValue): void {
  const { value: object, key } = frame;
  if (!Object.hasOwn(object, key)) frame.keys.push(key);
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  else object[key] = value;
}

function describe(text: string, offset: number): string {
  const { line, column } = lineAndColumn(text, offset);
  return /[\r\n]/.test(text) ? `line ${line}, column ${column}` : `column ${column}`;
}
