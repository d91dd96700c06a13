/**
 * Prompt templates with Python `str.format(prompt=..., response=...)` semantics, as the reference fills them.
 * Supported: `{prompt}`, `{response}`, the no-op forms `{prompt!s}`, `{prompt:}`, `{prompt!s:}`, and `{{`/`}}`.
 * Everything else that Python would accept (`{prompt!r}`, `{prompt:>10}`, `{prompt[0]}`) or reject (`{x}`, `{}`,
 * `{0}`, a lone brace) is a BAD_TEMPLATE error with its line and column, never a silently different prompt.
 */
import { GuardError } from './errors';
import { pyStrip } from './python';

export type PlaceholderName = 'prompt' | 'response';

type TemplatePart = { kind: 'text'; text: string } | { kind: 'field'; name: PlaceholderName };

/** Where offsets of the text being parsed sit in the text a person edits (for line/column in messages). */
interface Origin {
  source: string;
  offset: number;
}

function position(origin: Origin, offset: number): { line: number; column: number } {
  const before = origin.source.slice(0, origin.offset + offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: Array.from(before.slice(lineStart)).length + 1 };
}

function templateError(origin: Origin, offset: number, problem: string): GuardError {
  const { line, column } = position(origin, offset);
  return new GuardError('BAD_TEMPLATE', `Template error at line ${line}, column ${column}: ${problem}`, { line, column });
}

const SUPPORTED_FIELD = /^(prompt|response)(?:!s)?:?$/;

function resolveField(field: string): PlaceholderName | string {
  const match = SUPPORTED_FIELD.exec(field);
  if (match) return match[1] as PlaceholderName;
  const name = /^[^!:.[]*/.exec(field)![0];
  if (name === '' || /^\d+$/.test(name)) {
    return `positional placeholder {${field}} cannot be filled; use {prompt} or {response} (write {{ and }} for literal braces).`;
  }
  if (name === 'prompt' || name === 'response') {
    return `placeholder {${field}} uses a conversion, format spec, attribute or index, which is not supported; use {${name}}.`;
  }
  return `unknown placeholder {${field}}; only {prompt} and {response} can be filled (write {{ and }} for literal braces).`;
}

function parse(template: string, origin: Origin): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < template.length) {
    const char = template[i]!;
    if (char === '}') {
      if (template[i + 1] !== '}') throw templateError(origin, i, "single '}' (write }} for a literal brace).");
      text += '}';
      i += 2;
      continue;
    }
    if (char !== '{') {
      text += char;
      i++;
      continue;
    }
    if (template[i + 1] === '{') {
      text += '{';
      i += 2;
      continue;
    }
    // A replacement field runs to the brace that balances it, as in CPython's format-string parser.
    let depth = 1;
    let end = i + 1;
    for (; end < template.length; end++) {
      if (template[end] === '{') depth++;
      else if (template[end] === '}' && --depth === 0) break;
    }
    if (end >= template.length) throw templateError(origin, i, "'{' is never closed (write {{ for a literal brace).");
    const field = template.slice(i + 1, end);
    const resolved = resolveField(field);
    if (resolved !== 'prompt' && resolved !== 'response') throw templateError(origin, i, resolved);
    if (text) parts.push({ kind: 'text', text });
    text = '';
    parts.push({ kind: 'field', name: resolved });
    i = end + 1;
  }
  if (text) parts.push({ kind: 'text', text });
  return parts;
}

let lastParsed: { template: string; parts: TemplatePart[] } | undefined;

function partsOf(template: string): TemplatePart[] {
  if (lastParsed?.template !== template) lastParsed = { template, parts: parse(template, { source: template, offset: 0 }) };
  return lastParsed.parts;
}

/**
 * A template file's text as the reference uses it: newlines read as Python's text mode does
 * (`\r\n` and a lone `\r` become `\n`), then stripped of leading/trailing Python whitespace. Validated here.
 * @throws GuardError BAD_TEMPLATE with the line and column in the file.
 */
export function prepareTemplate(fileText: string): string {
  const normalised = fileText.replace(/\r\n?/g, '\n');
  const template = pyStrip(normalised);
  const lead = template === '' ? 0 : normalised.indexOf(template);
  parse(template, { source: normalised, offset: lead });
  return template;
}

/**
 * Python `template.format(prompt=..., response=...)`: values are inserted verbatim and never re-read.
 * @throws GuardError BAD_TEMPLATE for an unsupported or unknown placeholder or an unbalanced brace.
 */
export function fillTemplate(template: string, values: { prompt: string; response: string }): string {
  return partsOf(template)
    .map((part) => (part.kind === 'text' ? part.text : values[part.name]))
    .join('');
}

/**
 * The placeholders a template uses, each once, in order of first use.
 * @throws GuardError BAD_TEMPLATE as `fillTemplate` does.
 */
export function templatePlaceholders(template: string): PlaceholderName[] {
  const names: PlaceholderName[] = [];
  for (const part of partsOf(template)) if (part.kind === 'field' && !names.includes(part.name)) names.push(part.name);
  return names;
}

/**
 * The fixed text before the first placeholder, braces unescaped: the same for every example, so an engine
 * may keep its KV cache. The whole template when it has no placeholder.
 * @throws GuardError BAD_TEMPLATE as `fillTemplate` does.
 */
export function templatePrefix(template: string): string {
  const parts = partsOf(template);
  const first = parts[0];
  return first?.kind === 'text' ? first.text : '';
}
