/**
 * The benchmark config file in RoGuard's reference format (`configs/*.json`), validated with zod.
 * Field names stay snake_case as in the file so a message can name exactly what the user wrote.
 */
import { z } from 'zod';
import { GuardError } from './errors';
import { editDistance } from './edit-distance';

const required = z.string().min(1);
const optionalText = z.string().nullish();

const configSchema = z.object({
  name: required,
  model_path: required,
  base_model: required,
  max_output_tokens: z.number().int().positive(),
  eval_prompt: required,
  llm_output_field: required,
  llm_flagged_value: required,
  eval_dataset: required,
  eval_label_field: optionalText,
  eval_flagged_value: optionalText,
  output_file: optionalText,
  eval_split: optionalText,
  eval_config_name: optionalText,
  eval_revision: optionalText,
});

type ParsedConfig = z.infer<typeof configSchema>;

/** A validated config. Optional fields are `undefined` when absent, null or empty. */
export interface GuardConfig {
  /** Selects the dataset loader. */
  name: string;
  model_path: string;
  base_model: string;
  max_output_tokens: number;
  /** Template path, relative to the working directory as in the reference. */
  eval_prompt: string;
  llm_output_field: string;
  llm_flagged_value: string;
  /** Hugging Face dataset id or a local file path. */
  eval_dataset: string;
  /** Absent in a labeling-only run. */
  eval_label_field?: string;
  /** Present whenever `eval_label_field` is. */
  eval_flagged_value?: string;
  output_file?: string;
  /** Our extras: which hub split / config / revision to download for `eval_dataset`. */
  eval_split?: string;
  eval_config_name?: string;
  eval_revision?: string;
}

const EXPECTED: Record<keyof ParsedConfig, string> = {
  name: 'a non-empty string (the dataset loader, e.g. "aegis")',
  model_path: 'a non-empty string (e.g. "Roblox/Llama-3.1-8B-Instruct-RoGuard-1.0")',
  base_model: 'a non-empty string (e.g. "meta-llama/Meta-Llama-3.1-8B-Instruct")',
  max_output_tokens: 'a positive whole number (e.g. 100)',
  eval_prompt: 'a non-empty string (the template path, e.g. "prompts/aegis.txt")',
  llm_output_field: 'a non-empty string (the verdict key, e.g. "User Safety")',
  llm_flagged_value: 'a non-empty string (e.g. "unsafe")',
  eval_dataset: 'a non-empty string (a hub dataset id or a local file path)',
  eval_label_field: 'a string (the label key, e.g. "prompt_label")',
  eval_flagged_value: 'a string (e.g. "unsafe", "true" or "1"; write numbers and booleans in quotes)',
  output_file: 'a string (e.g. "outputs/aegis.csv")',
  eval_split: 'a string (e.g. "test")',
  eval_config_name: 'a string (e.g. "toxicchat0124")',
  eval_revision: 'a string (e.g. "v0")',
};

const KNOWN = Object.keys(EXPECTED) as (keyof ParsedConfig)[];

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return value === '' ? 'an empty string' : `the string ${JSON.stringify(value)}`;
  if (typeof value === 'number') return `the number ${value}`;
  return `a ${typeof value}`;
}

function lineColumn(text: string, position: number): { line: number; column: number } {
  const before = text.slice(0, position).split(/\r\n|\r|\n/);
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

function parseJson(text: string, fileName: string): unknown {
  if (text.trim() === '') throw new GuardError('BAD_CONFIG', `${fileName}: the config file is empty; it must hold a JSON object.`, { file: fileName });
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    if (!position) {
      throw new GuardError('BAD_CONFIG', `${fileName}: invalid JSON (${message}).`, { file: fileName });
    }
    const { line, column } = lineColumn(text, Number(position[1]));
    const reason = message.replace(/\s*in JSON at position \d+.*$/, '');
    throw new GuardError('BAD_CONFIG', `${fileName}: invalid JSON at line ${line}, column ${column}: ${reason}.`, {
      file: fileName,
      line,
      column,
    });
  }
}

function unknownFieldWarning(key: string, fileName: string): string {
  const near = KNOWN.find((known) => editDistance(known.toLowerCase(), key.toLowerCase()) <= 2);
  const hint = near ? ` (did you mean "${near}"?)` : '';
  return `${fileName}: unknown field "${key}" is ignored${hint}.`;
}

function present(value: string | null | undefined): string | undefined {
  return value === null || value === undefined || value === '' ? undefined : value;
}

/**
 * Parses and validates a config file's text.
 * `fileName` is only used in messages. Unknown fields are kept out of the result and reported as warnings.
 * @throws GuardError BAD_CONFIG naming the file and the position (invalid JSON) or the field (missing,
 *   wrong type, or `eval_flagged_value` absent while `eval_label_field` is set).
 */
export function parseConfig(text: string, fileName: string): { config: GuardConfig; warnings: string[] } {
  const warnings: string[] = [];
  let body = text;
  if (body.startsWith('\uFEFF')) {
    body = body.slice(1);
    warnings.push(`${fileName}: starts with a byte-order mark, which the reference harness's JSON reader rejects.`);
  }
  const raw = parseJson(body, fileName);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new GuardError('BAD_CONFIG', `${fileName}: a config must be a JSON object, got ${typeName(raw)}.`, { file: fileName });
  }
  for (const key of Object.keys(raw)) {
    if (!(KNOWN as string[]).includes(key)) warnings.push(unknownFieldWarning(key, fileName));
  }
  const result = configSchema.safeParse(raw);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = String(issue.path[0] ?? '') as keyof ParsedConfig;
    const value = (raw as Record<string, unknown>)[field];
    const problem = value === undefined ? `is missing; it must be ${EXPECTED[field]}` : `must be ${EXPECTED[field]}, got ${typeName(value)}`;
    throw new GuardError('BAD_CONFIG', `${fileName}: field "${field}" ${problem}.`, { file: fileName, field });
  }
  const parsed = result.data;
  const config: GuardConfig = {
    name: parsed.name,
    model_path: parsed.model_path,
    base_model: parsed.base_model,
    max_output_tokens: parsed.max_output_tokens,
    eval_prompt: parsed.eval_prompt,
    llm_output_field: parsed.llm_output_field,
    llm_flagged_value: parsed.llm_flagged_value,
    eval_dataset: parsed.eval_dataset,
  };
  const optional = ['eval_label_field', 'eval_flagged_value', 'output_file', 'eval_split', 'eval_config_name', 'eval_revision'] as const;
  for (const key of optional) {
    const value = present(parsed[key]);
    if (value !== undefined) config[key] = value;
  }
  if (config.eval_label_field !== undefined && parsed.eval_flagged_value == null) {
    throw new GuardError(
      'BAD_CONFIG',
      `${fileName}: field "eval_flagged_value" is missing; it is required when "eval_label_field" is set (remove both for a labeling-only run).`,
      { file: fileName, field: 'eval_flagged_value' },
    );
  }
  if (config.eval_label_field !== undefined && config.eval_flagged_value === undefined) config.eval_flagged_value = '';
  if (config.eval_label_field === undefined && config.eval_flagged_value !== undefined) {
    warnings.push(`${fileName}: "eval_flagged_value" is ignored because "eval_label_field" is absent or empty (a labeling-only run).`);
  }
  return { config, warnings };
}

/** How to score labels, or null for a labeling-only run. */
export function labelSpecOf(config: GuardConfig): { field: string; flaggedValue: string } | null {
  if (config.eval_label_field === undefined) return null;
  return { field: config.eval_label_field, flaggedValue: config.eval_flagged_value ?? '' };
}
