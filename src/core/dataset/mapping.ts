/** Which columns hold the prompt, the response and the label of a user's own file, and the examples they give. */
import { GuardError } from '../errors';
import type { Example } from '../example';
import type { DataValue } from '../value';
import type { DatasetRead, ReportedRow } from './types';
import { describeValue, quoteName } from './describe';
import { editDistance } from '../edit-distance';

export interface ColumnMapping {
  prompt: string;
  response?: string;
  label?: string;
}

/** Common names, most specific first; matched exactly, then ignoring case and surrounding spaces. */
export const COLUMN_NAMES = {
  prompt: ['prompt', 'user_input', 'user_prompt', 'text', 'question', 'instruction', 'input', 'query', 'test_case', 'goal', 'behavior', 'message', 'content'],
  response: ['response', 'model_output', 'answer', 'completion', 'output', 'generation', 'model_response', 'assistant', 'reply'],
  label: [
    'label',
    'labels',
    'is_safe',
    'toxicity',
    'violation',
    'prompt_label',
    'response_label',
    'prompt_harm_label',
    'response_harm_label',
    'harmful',
    'is_harmful',
    'unsafe',
    'is_unsafe',
    'flagged',
    'safety_label',
  ],
} as const;

const loose = (name: string): string => name.trim().toLowerCase();

function findColumn(columns: readonly string[], candidates: readonly string[], taken: Set<string>): string | undefined {
  const free = columns.filter((c) => !taken.has(c));
  for (const candidate of candidates) if (free.includes(candidate)) return candidate;
  for (const candidate of candidates) {
    const match = free.find((c) => loose(c) === candidate);
    if (match !== undefined) return match;
  }
  return undefined;
}

/**
 * Picks columns by their usual names, filling in only what `given` leaves out (given names go through
 * `resolveColumn`). A column is used for one role at most.
 * @throws GuardError BAD_INPUT when a given name matches no column, or no prompt column can be found.
 */
export function detectMapping(columns: readonly string[], given: Partial<ColumnMapping> = {}): ColumnMapping {
  const taken = new Set<string>();
  const pick = (role: keyof ColumnMapping): string | undefined => {
    const name = given[role] !== undefined ? resolveColumn(columns, given[role]!, role) : findColumn(columns, COLUMN_NAMES[role], taken);
    if (name !== undefined) taken.add(name);
    return name;
  };
  const prompt = given.prompt !== undefined ? pick('prompt') : undefined;
  const response = given.response !== undefined ? pick('response') : undefined;
  const label = given.label !== undefined ? pick('label') : undefined;
  const mapping = { prompt: prompt ?? pick('prompt'), response: response ?? pick('response'), label: label ?? pick('label') };
  if (mapping.prompt === undefined) {
    throw new GuardError(
      'BAD_INPUT',
      `No prompt column found among ${listColumns(columns)}. Name the column that holds the prompts (--prompt COLUMN, or the column picker).`,
    );
  }
  return {
    prompt: mapping.prompt,
    ...(mapping.response !== undefined ? { response: mapping.response } : {}),
    ...(mapping.label !== undefined ? { label: mapping.label } : {}),
  };
}

/**
 * The column a person named: an exact match, else the one column equal to it ignoring case and surrounding spaces.
 * @throws GuardError BAD_INPUT naming the closest columns when there is no match, or several loose ones.
 */
export function resolveColumn(columns: readonly string[], given: string, role?: string): string {
  if (columns.includes(given)) return given;
  const what = role ? `${role} column` : 'column';
  const matches = columns.filter((c) => loose(c) === loose(given));
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1) {
    throw new GuardError('BAD_INPUT', `The ${what} ${quoteName(given)} matches several columns (${matches.map(quoteName).join(', ')}); give its exact name.`);
  }
  const close = closeNames(columns, given);
  const hint = close.length > 0 ? ` Did you mean ${close.map(quoteName).join(' or ')}?` : '';
  throw new GuardError('BAD_INPUT', `There is no ${what} ${quoteName(given)}.${hint} The file has ${listColumns(columns)}.`);
}

function closeNames(columns: readonly string[], given: string): string[] {
  const target = loose(given);
  return columns
    .map((c) => ({ c, d: editDistance(loose(c), target) }))
    .filter(({ c, d }) => d <= Math.max(2, Math.floor(target.length / 3)) || loose(c).includes(target) || target.includes(loose(c)))
    .sort((a, b) => a.d - b.d)
    .slice(0, 3)
    .map(({ c }) => c);
}

function listColumns(columns: readonly string[]): string {
  if (columns.length === 0) return 'no columns';
  const shown = columns.slice(0, 20).map(quoteName).join(', ');
  return `the columns ${shown}${columns.length > 20 ? `, … (${columns.length} in all)` : ''}`;
}

/**
 * Examples from a read file: a row whose prompt is missing, null or not text is reported (never sent as
 * "None"), as is a response that is neither text nor null. Labels keep their type. Indexes are 1-based, in kept order.
 */
export function applyMapping(read: DatasetRead, mapping: ColumnMapping): { examples: Example[]; reported: ReportedRow[] } {
  const examples: Example[] = [];
  const reported: ReportedRow[] = [];
  for (const { row, values } of read.rows) {
    const prompt = own(values, mapping.prompt);
    if (typeof prompt !== 'string') {
      reported.push({ row, reason: `${where(read, row)}: the prompt column ${quoteName(mapping.prompt)} holds ${describeValue(prompt)}, not text` });
      continue;
    }
    let response: string | null = null;
    if (mapping.response !== undefined) {
      const value = own(values, mapping.response);
      if (value !== undefined && value !== null && typeof value !== 'string') {
        reported.push({ row, reason: `${where(read, row)}: the response column ${quoteName(mapping.response)} holds ${describeValue(value)}, not text` });
        continue;
      }
      response = value ?? null;
    }
    const example: Example = { index: examples.length + 1, prompt, response };
    if (mapping.label !== undefined) example.label = own(values, mapping.label) ?? null;
    examples.push(example);
  }
  return { examples, reported };
}

function own(values: Record<string, DataValue>, key: string): DataValue | undefined {
  return Object.hasOwn(values, key) ? values[key] : undefined;
}

/** "row 4" or, for JSON Lines, "line 4". */
export function where(read: DatasetRead, row: number): string {
  return `${read.format === 'jsonl' ? 'line' : 'row'} ${row}`;
}
