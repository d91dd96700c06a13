/**
 * The files a run writes: the results CSV and summary CSV byte-identical to RoGuard's script, their paths
 * (with the reference's path quirks), and a JSONL export with everything we know about each example.
 */
import { csvLine, neutraliseFormula } from './csv';
import { GuardError } from './errors';
import type { Evaluation, ResultRow } from './evaluation';
import type { Example } from './example';
import type { Counts, ReferenceMetrics } from './metrics';
import { pyFloatRepr, pyFormatNumber } from './python';
import type { ClassifyResult } from './result';
import type { DataValue } from './value';

const LABELED_HEADER = ['index', 'input_prompt', 'input_response', 'actual_unsafe', 'predicted_unsafe', 'correct'];
const UNLABELED_HEADER = ['index', 'input_prompt', 'input_response', 'llm_prediction'];

/** The reference flattens prompt and response before writing: `\n` becomes a space, `\r` is dropped. */
function flatten(text: string | null): string {
  return (text ?? '').replaceAll('\n', ' ').replaceAll('\r', '');
}

function pyBool(value: boolean | null): string {
  return value === null ? '' : value ? 'True' : 'False';
}

/**
 * The results CSV. With `neutraliseFormulas` (for spreadsheet exports; default false, the reference never
 * alters a cell) text cells starting with a formula character get a leading `'`. A labeled row whose
 * verdict could not be read writes empty `predicted_unsafe`/`correct` cells (the reference has no such rows).
 * @throws GuardError BAD_INPUT when a row's kind does not match `labeled`.
 */
export function resultsCsv(rows: readonly ResultRow[], options: { labeled: boolean; neutraliseFormulas?: boolean }): string {
  const text = options.neutraliseFormulas ? neutraliseFormula : (cell: string) => cell;
  let out = csvLine(options.labeled ? LABELED_HEADER : UNLABELED_HEADER);
  for (const row of rows) {
    if ((row.kind === 'labeled') !== options.labeled) {
      throw new GuardError('BAD_INPUT', `Row ${row.index} is ${row.kind} but the file is ${options.labeled ? 'labeled' : 'unlabeled'}.`);
    }
    const cells = [String(row.index), text(flatten(row.prompt)), text(flatten(row.response))];
    if (row.kind === 'labeled') cells.push(pyBool(row.actual), pyBool(row.predicted), pyBool(row.correct));
    else cells.push(text(row.prediction));
    out += csvLine(cells);
  }
  return out;
}

/** The summary CSV: `Metric,Value` and the nine rows in the reference's order, numbers as Python prints them. */
export function summaryCsv(total: number, counts: Counts, metrics: ReferenceMetrics): string {
  const int = (value: number) => pyFormatNumber(value, 'int');
  const float = (value: number) => pyFormatNumber(value, 'float');
  const rows: [string, string][] = [
    ['Total Examples', int(total)],
    ['True Positives', int(counts.tp)],
    ['False Negatives', int(counts.fn)],
    ['False Positives', int(counts.fp)],
    ['True Negatives', int(counts.tn)],
    ['Precision (%)', float(metrics.precision)],
    ['Recall (%)', float(metrics.recall)],
    ['F1 Score (%)', float(metrics.f1)],
    ['False Positive Rate (%)', float(metrics.fpr)],
  ];
  return csvLine(['Metric', 'Value']) + rows.map((row) => csvLine(row)).join('');
}

/** The summary of an evaluation (convenience over `summaryCsv`). */
export function evaluationSummaryCsv(evaluation: Evaluation): string {
  return summaryCsv(evaluation.total, evaluation.counts, evaluation.metrics);
}

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The results path as the reference picks it: `output_file` with `.csv` appended unless it already ends so
 * (an empty string becomes `.csv`), or `output_YYYYmmdd_HHMMSS.csv` in local time when there is none.
 */
export function resultsPathFor(outputFile: string | undefined, now: Date): string {
  if (outputFile === undefined) {
    const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
    return `output_${date}_${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}.csv`;
  }
  return outputFile.endsWith('.csv') ? outputFile : `${outputFile}.csv`;
}

/** The summary path: EVERY `.csv` in the whole results path becomes `_summary.csv` (Python `str.replace`). */
export function summaryPathFor(resultsPath: string): string {
  return resultsPath.replaceAll('.csv', '_summary.csv');
}

/** JSON text of a loaded value that keeps Python's int/float distinction (`1` vs `1.0`); NaN/inf become null. */
function valueJson(value: DataValue | undefined): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isFinite(value) ? pyFloatRepr(value) : 'null';
  if (Array.isArray(value)) return `[${value.map(valueJson).join(',')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}:${valueJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * One JSON object per line for every result, joined to its example by index: the inputs, the label, the
 * raw output, the parsed verdict, score, latency, token usage, finish reason, cache hit and error.
 * @throws GuardError BAD_INPUT when a result's example is not given.
 */
export function resultsJsonl(examples: readonly Example[], results: readonly ClassifyResult[]): string {
  const byIndex = new Map(examples.map((example) => [example.index, example]));
  return results
    .map((result) => {
      const example = byIndex.get(result.index);
      if (!example) throw new GuardError('BAD_INPUT', `Result ${result.index} has no example.`, { index: result.index });
      const rest = JSON.stringify({
        raw: result.raw,
        verdict: result.verdict,
        score: result.score,
        latencyMs: result.latencyMs,
        usage: result.usage,
        finishReason: result.finishReason,
        fromCache: result.fromCache ?? false,
        error: result.error ?? null,
      });
      const head = `{"index":${result.index},"prompt":${JSON.stringify(example.prompt)},"response":${JSON.stringify(example.response)},"label":${valueJson(example.label)},`;
      return `${head}${rest.slice(1)}\n`;
    })
    .join('');
}
