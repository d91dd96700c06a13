/** `prepareBenchmark`: a read file in the hub's columns → exactly the examples the reference harness prepares. */
import { GuardError, isGuardError } from '../../errors';
import type { Example, PreparedDataset } from '../../example';
import type { DatasetRead, ReportedRow } from '../types';
import { plural, quoteName } from '../describe';
import { resolveColumn, where } from '../mapping';
import { loaders, type LoadedExample } from './loaders';
import { BenchmarkRow, RowProblem } from './row';
import { benchmarkNames, benchmarkSources, isBenchmarkName } from './specs';

export { benchmarkNames, benchmarkSources, isBenchmarkName } from './specs';
export type { BenchmarkName, BenchmarkSource } from './specs';

export interface PreparedBenchmark {
  dataset: PreparedDataset;
  /** The read's own reports, then each row the loader could not use, with the reason. */
  reported: ReportedRow[];
  /** Rows the reference itself leaves out (aegis: not a user message; safeRLHF: both responses equally safe). */
  notes: string[];
}

/**
 * Prepares a benchmark from rows with the columns the hub serves (the split already chosen).
 * `labelField` is the config's `eval_label_field`; absent or empty means a labeling-only run (no labels).
 * @throws GuardError BAD_CONFIG for an unknown benchmark name or a label field the loader does not make.
 * @throws GuardError BAD_INPUT when the file lacks a column the loader reads.
 */
export function prepareBenchmark(name: string, read: DatasetRead, options: { labelField?: string } = {}): PreparedBenchmark {
  if (!isBenchmarkName(name)) {
    throw new GuardError('BAD_CONFIG', `Unknown benchmark ${quoteName(name)}: the known names are ${benchmarkNames.join(', ')}.`, { name });
  }
  const source = benchmarkSources[name];
  const labelField = options.labelField || undefined;
  if (labelField !== undefined && !source.labelFields.includes(labelField)) {
    throw new GuardError(
      'BAD_CONFIG',
      `The ${name} loader makes the label field ${source.labelFields.map(quoteName).join(' and ')}, not ${quoteName(labelField)}: ` +
        `every example would be skipped. Set eval_label_field to ${quoteName(source.defaultLabelField)}.`,
      { name, labelField },
    );
  }
  const resolved = new Map<string, string>();
  const resolve = (key: string): string => {
    let column = resolved.get(key);
    if (column === undefined) {
      column = needColumn(read, name, key);
      resolved.set(key, column);
    }
    return column;
  };

  const loader = loaders[name];
  const loaded: (LoadedExample & { order: number })[] = [];
  const reported: ReportedRow[] = [...read.reported];
  let filtered = 0;
  for (const { row, values } of read.rows) {
    try {
      const examples = loader(new BenchmarkRow(values, resolve), labelField);
      if (examples.length === 0) filtered++;
      for (const example of examples) loaded.push({ ...example, order: loaded.length });
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error;
      reported.push({ row, reason: `${where(read, row)}: ${error.message}` });
    }
  }
  loaded.sort((a, b) => (a.group ?? 0) - (b.group ?? 0) || a.order - b.order);
  const examples = loaded.map(({ prompt, response, label }, i): Example => ({
    index: i + 1,
    prompt,
    response,
    ...(labelField !== undefined ? { label } : {}),
  }));
  const notes = filtered > 0 ? [`${plural(filtered, 'row')} left out by the ${name} loader, as the reference does (${FILTERS[name] ?? 'filtered'})`] : [];
  return { dataset: { name, examples, nullResponseText: source.nullResponseText }, reported, notes };
}

const FILTERS: Partial<Record<string, string>> = {
  aegis: 'text_type is not "user_message"',
  safeRLHF: 'both responses are equally safe',
};

function needColumn(read: DatasetRead, name: string, key: string): string {
  try {
    return resolveColumn(read.columns, key);
  } catch (error) {
    if (!isGuardError(error)) throw error;
    const source = benchmarkSources[name as keyof typeof benchmarkSources];
    throw new GuardError(
      'BAD_INPUT',
      `${read.file}: the ${name} benchmark needs the column ${quoteName(key)}. ${error.message} ${source.download}`,
      { file: read.file, column: key },
    );
  }
}
