/** The files a person downloads for a run: the reference's results and summary CSV, and the full JSONL. */
import { evaluate } from '../../core/evaluation';
import type { Example } from '../../core/example';
import { evaluationSummaryCsv, resultsCsv, resultsJsonl, resultsPathFor, summaryPathFor } from '../../core/result-files';
import type { ResultRecord, RunConfig } from '../../store/records';
import { toClassifyResult } from '../run/tally';

export interface RunFiles {
  results: { name: string; text: string };
  /** Only for a labeled run. */
  summary: { name: string; text: string } | null;
  jsonl: { name: string; text: string };
  /** Examples with a result; fewer than the dataset's while the run is unfinished. */
  finished: number;
}

const baseName = (path: string) => path.replace(/^.*[\\/]/, '');

/**
 * Builds the three files from the stored results of the examples that have one, in dataset order.
 * `exact`: the reference's bytes, cells untouched. Otherwise cells a spreadsheet would run as a formula
 * (starting `=`, `+`, `-`, `@`, tab or CR) get a leading `'`.
 */
export function runFiles(examples: readonly Example[], records: readonly ResultRecord[], config: RunConfig, fallbackName: string, exact: boolean): RunFiles {
  const byIndex = new Map(records.map((record) => [record.index, record]));
  const finished = examples.filter((example) => byIndex.has(example.index));
  const results = finished.map((example) => toClassifyResult(byIndex.get(example.index)!));
  const labelSpec = config.labelFlaggedValue === null ? null : { flaggedValue: config.labelFlaggedValue };
  const evaluation = evaluate(finished, results, labelSpec);
  const outputFile = typeof config.snapshot?.output_file === 'string' ? config.snapshot.output_file : fallbackName;
  const resultsName = baseName(resultsPathFor(outputFile, new Date()));
  return {
    results: { name: resultsName, text: resultsCsv(evaluation.rows, { labeled: labelSpec !== null, neutraliseFormulas: !exact }) },
    summary: labelSpec === null ? null : { name: baseName(summaryPathFor(resultsName)), text: evaluationSummaryCsv(evaluation) },
    jsonl: { name: resultsName.replace(/\.csv$/, '.jsonl'), text: resultsJsonl(finished, results) },
    finished: finished.length,
  };
}
