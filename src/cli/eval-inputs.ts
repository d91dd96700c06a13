/** Reading what an eval run needs from disk: the config, its template, and its dataset through the benchmark loader. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, isAbsolute, resolve } from 'node:path';
import { parseConfig, type GuardConfig } from '../core/config';
import { readDataset } from '../core/dataset/read';
import { prepareBenchmark } from '../core/dataset/benchmarks/index';
import type { DatasetFormat, ReportedRow } from '../core/dataset/types';
import { GuardError } from '../core/errors';
import type { PreparedDataset } from '../core/example';
import { prepareTemplate } from '../core/template';

const DATA_EXTENSION = /\.(csv|tsv|jsonl|ndjson|json|parquet|txt)$/i;
const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

function readText(path: string, what: string, fix: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    const reason = code === 'ENOENT' ? 'not found' : code === 'EISDIR' ? 'is a folder, not a file' : code === 'EACCES' ? 'not readable (permission denied)' : String(error);
    throw new GuardError(code === 'ENOENT' || code === 'EISDIR' ? 'BAD_CONFIG' : 'BAD_INPUT', `${what} ${path}: ${reason}.${fix}`, { file: path });
  }
}

/**
 * @throws GuardError BAD_CONFIG (unreadable file, invalid JSON, missing or wrong field).
 */
export function loadConfig(path: string, cwd: string): { config: GuardConfig; warnings: string[] } {
  const text = readText(resolve(cwd, path), 'Config file', '');
  return parseConfig(text, path);
}

/**
 * The template: the config's `eval_prompt` relative to the working directory (as the reference does), or
 * with `promptsDir`, that folder plus the file's base name. Returned prepared (stripped and validated).
 * @throws GuardError BAD_CONFIG (file missing), BAD_TEMPLATE (with line and column).
 */
export function loadTemplate(config: GuardConfig, configPath: string, cwd: string, promptsDir?: string): { path: string; template: string } {
  const path = promptsDir ? resolve(cwd, promptsDir, basename(config.eval_prompt)) : resolve(cwd, config.eval_prompt);
  const fix = promptsDir
    ? ''
    : ` ${configPath} names it as "${config.eval_prompt}", relative to the folder you run from; run from the project folder or pass --prompts-dir <folder>.`;
  const text = readText(path, 'Template file', fix);
  try {
    return { path, template: prepareTemplate(text) };
  } catch (error) {
    if (error instanceof GuardError) throw new GuardError(error.code, `${path}: ${error.message}`, { ...error.details, file: path });
    throw error;
  }
}

export interface LoadedDataset {
  file: string;
  dataset: PreparedDataset;
  /** Rows that were left out, with why (bad JSON line, null prompt, …). */
  reported: ReportedRow[];
  notes: string[];
}

function hubAdvice(config: GuardConfig, configPath: string): string {
  const id = config.eval_dataset;
  const args = [`'${id}'`, ...(config.eval_config_name ? [`'${config.eval_config_name}'`] : []), `split='${config.eval_split ?? 'test'}'`];
  if (config.eval_revision) args.push(`revision='${config.eval_revision}'`);
  const what = [config.eval_config_name && `config "${config.eval_config_name}"`, `split "${config.eval_split ?? 'test'}"`, config.eval_revision && `revision "${config.eval_revision}"`]
    .filter(Boolean)
    .join(', ');
  return (
    `${configPath}: eval_dataset "${id}" is a Hugging Face dataset, which roguard eval does not download. ` +
    `Download its ${what} (https://huggingface.co/datasets/${id}), for example with ` +
    `python -c "from datasets import load_dataset; load_dataset(${args.join(', ')}).to_parquet('${basename(id)}.parquet')", ` +
    `then pass the file: --dataset ${basename(id)}.parquet`
  );
}

/**
 * Reads the dataset file (`--dataset`, else a local `eval_dataset`) and prepares it with the config's loader.
 * A label field the loader does not make is an error (the reference would silently skip every example).
 * @throws GuardError BAD_CONFIG (a hub id without --dataset, unknown loader, label field the loader does not
 *   make) or BAD_INPUT (file missing or unreadable, a column missing, no example left).
 */
export async function loadDataset(config: GuardConfig, configPath: string, cwd: string, datasetPath?: string, format?: DatasetFormat): Promise<LoadedDataset> {
  const given = datasetPath ?? config.eval_dataset;
  const path = isAbsolute(given) ? given : resolve(cwd, given);
  if (!datasetPath && !existsSync(path) && HUB_ID.test(given) && !DATA_EXTENSION.test(given)) {
    throw new GuardError('BAD_CONFIG', hubAdvice(config, configPath), { file: configPath, field: 'eval_dataset' });
  }
  if (!existsSync(path) || !statSync(path).isFile()) {
    const source = datasetPath ? '--dataset' : `${configPath}'s eval_dataset`;
    throw new GuardError('BAD_INPUT', `Dataset file ${given} (from ${source}) was not found${existsSync(path) ? ' (it is a folder)' : ''}; give a CSV, JSONL, JSON or Parquet file.`, { file: given });
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (error) {
    throw new GuardError('BAD_INPUT', `Dataset file ${given} cannot be read: ${(error as Error).message}.`, { file: given });
  }
  const read = await readDataset({ name: basename(path), bytes }, format ? { format } : {});
  const fileProblem = read.reported.find((report) => report.row === null);
  if (read.rows.length === 0 && fileProblem) {
    throw new GuardError('BAD_INPUT', `Dataset file ${given} cannot be read: ${fileProblem.reason}`, { file: given });
  }
  const labelField = config.eval_label_field;
  const prepared = prepareBenchmark(config.name, read, labelField ? { labelField } : {});
  const dataset = prepared.dataset;
  if (dataset.examples.length === 0) {
    const why = prepared.reported[0] ? ` First problem: ${prepared.reported[0].reason}` : '';
    throw new GuardError('BAD_INPUT', `Dataset file ${given} gave no example for the "${config.name}" loader (${read.rows.length} rows read, ${prepared.reported.length} reported).${why}`, { file: given });
  }
  return { file: given, dataset, reported: prepared.reported, notes: [...read.notes, ...prepared.notes] };
}
