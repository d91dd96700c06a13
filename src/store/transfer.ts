/**
 * A run out of the browser and back: the full JSONL (a header line with the run's settings, then one
 * line per result) plus the reference's results/summary CSV pair; and a run imported from such a JSONL.
 */
import { parseJson } from '../core/dataset/json-parse';
import { splitLines } from '../core/dataset/lines';
import { evaluate } from '../core/evaluation';
import { GuardError } from '../core/errors';
import type { Example } from '../core/example';
import { resultsCsv, resultsJsonl, summaryCsv, summaryPathFor } from '../core/result-files';
import type { GuardDb } from './db';
import { getDataset, storeDataset } from './datasets';
import { tally, toClassifyResult } from './evaluate-run';
import { normaliseDataset, normaliseRun } from './normalise';
import { approximateBytes, withQuotaCheck } from './quota';
import type { DatasetRecord, ReportedRow, ResultRecord, RunRecord } from './records';
import { plainNumbers, resultLine } from './result-line';
import { resultsOf } from './results';
import { getRun } from './runs';

/** Key of the JSONL's first line, which holds the run and dataset settings rather than a result. */
export const RUN_HEADER_KEY = 'roguardRun';
const HEADER_VERSION = 1;

export interface ExportedFile {
  name: string;
  /** MIME type for a download. */
  type: string;
  text: string;
}

function json(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? Number(v) : v));
}

/** A file name made of safe characters only. */
function fileStem(name: string): string {
  return name.replace(/[^\p{L}\p{N}._-]+/gu, '_').replace(/^[._]+/, '') || 'run';
}

/**
 * The run's files: `<name>-run<id>.jsonl`, the results CSV and, for a labeled run, the summary CSV.
 * Only examples with a result are written (all of them once the run is done). `neutraliseFormulas`
 * prefixes `'` to CSV cells a spreadsheet would run as formulas; off, the CSVs are the reference's bytes.
 * @throws GuardError BAD_INPUT when the run or its dataset does not exist.
 */
export async function exportRun(db: GuardDb, runId: number, options: { neutraliseFormulas?: boolean } = {}): Promise<ExportedFile[]> {
  const run = await getRun(db, runId);
  if (!run) throw new GuardError('BAD_INPUT', `Run ${runId} does not exist, so it cannot be exported.`, { runId });
  const dataset = await getDataset(db, run.datasetId);
  if (!dataset) throw new GuardError('BAD_INPUT', `The dataset of run ${runId} was deleted, so its prompts cannot be exported.`, { runId });
  const records = new Map((await resultsOf(db, runId)).map((record) => [record.index, record]));
  const examples = dataset.examples.filter((example) => records.has(example.index));
  const results = examples.map((example) => toClassifyResult(records.get(example.index)!));

  const { id: _id, datasetId: _datasetId, ...runFields } = run;
  const { id: _dsId, examples: _examples, ...datasetFields } = dataset;
  const header = json({ [RUN_HEADER_KEY]: HEADER_VERSION, run: runFields, dataset: datasetFields });
  const stem = fileStem(`${run.config.name}-run${run.id}`);
  const labelSpec = run.config.labelFlaggedValue === null ? null : { flaggedValue: run.config.labelFlaggedValue };
  const evaluation = evaluate(examples, results, labelSpec);
  const files: ExportedFile[] = [
    { name: `${stem}.jsonl`, type: 'application/x-ndjson', text: `${header}\n${resultsJsonl(examples, results)}` },
    {
      name: `${stem}.csv`,
      type: 'text/csv',
      text: resultsCsv(evaluation.rows, { labeled: labelSpec !== null, neutraliseFormulas: options.neutraliseFormulas ?? false }),
    },
  ];
  if (labelSpec) {
    files.push({ name: summaryPathFor(`${stem}.csv`), type: 'text/csv', text: summaryCsv(evaluation.total, evaluation.counts, evaluation.metrics) });
  }
  return files;
}

export interface ImportedRun {
  run: RunRecord;
  dataset: DatasetRecord;
  /** Lines that were not imported, and why (1-based line numbers). */
  reported: ReportedRow[];
}

/** Marks each example whose prompt and response repeat an earlier one's, as the run did. */
function markDuplicates(examples: readonly Example[], results: Omit<ResultRecord, 'runId'>[]): void {
  const first = new Map<string, number>();
  examples.forEach((example, i) => {
    const key = JSON.stringify([example.prompt, example.response]);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, example.index);
    else results[i]!.duplicateOf = earlier;
  });
}

/**
 * Stores a run (and a dataset of its examples) from an exported JSONL, in one transaction. Lines that
 * cannot be read are reported and skipped; the rest is kept. A file without the header line (such as
 * `roguard eval`'s JSONL) imports as a finished labeling-only run named after the file. A run exported
 * unfinished comes back `cancelled`: the file holds only its finished examples, so it cannot be resumed.
 * Imported results are not added to the result cache.
 * @throws GuardError BAD_INPUT when no line holds a result; STORAGE_QUOTA when there is no room.
 */
export async function importRunJsonl(db: GuardDb, text: string, fileName: string): Promise<ImportedRun> {
  const reported: ReportedRow[] = [];
  const examples: Example[] = [];
  const results: Omit<ResultRecord, 'runId'>[] = [];
  let header: Record<string, unknown> | null = null;
  for (const { line, text: lineText } of splitLines(text.replace(/^\uFEFF/, ''))) {
    if (lineText.trim() === '') continue;
    const parsed = parseJson(lineText, 64);
    if (!parsed.ok) {
      reported.push({ row: line, reason: `line ${line} of ${fileName} is not JSON: ${parsed.message} (column ${parsed.offset + 1})` });
      continue;
    }
    const value = parsed.value;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && RUN_HEADER_KEY in value) {
      if (header || examples.length > 0) reported.push({ row: line, reason: `line ${line} of ${fileName} is a second run header; only the first line may be one` });
      else header = plainNumbers(value) as Record<string, unknown>;
      continue;
    }
    const read = resultLine(value, line, fileName);
    if (!read.ok) {
      reported.push({ row: line, reason: read.reason });
    } else if (examples.some((example) => example.index === read.example.index)) {
      reported.push({ row: line, reason: `line ${line} of ${fileName} repeats example index ${read.example.index}` });
    } else {
      examples.push(read.example);
      results.push(read.result);
    }
  }
  if (examples.length === 0) {
    throw new GuardError('BAD_INPUT', `${fileName} holds no result line to import${reported[0] ? ` (${reported[0].reason})` : ''}.`, { file: fileName });
  }
  examples.sort((a, b) => a.index - b.index);
  results.sort((a, b) => a.index - b.index);

  const now = Date.now();
  const headerRun = header ? normaliseRun(header.run) : null;
  const headerDataset = header ? normaliseDataset(header.dataset) : null;
  const config = headerRun?.config ?? normaliseRun({ config: { name: fileName.replace(/\.[^.]*$/, '') } }).config;
  const datasetRecord = {
    ...(headerDataset ?? normaliseDataset({ name: config.name, fileName })),
    examples,
    createdAt: now,
  };
  const { id: _unsetId, ...newDataset } = datasetRecord;
  const stored = new Map(results.map((result) => [result.index, { ...result, runId: 0 }]));
  const metrics = tally(examples, stored, config.labelFlaggedValue).metrics;
  markDuplicates(examples, results);
  const base = headerRun ?? normaliseRun({ config, createdAt: now });
  const { id: _unsetRunId, ...runFields } = base;
  const complete = !headerRun || headerRun.status === 'done';
  const runRecord = {
    ...runFields,
    status: complete ? ('done' as const) : ('cancelled' as const),
    done: examples.length,
    total: complete ? examples.length : Math.max(base.total, examples.length),
    cacheHits: results.filter((result) => result.fromCache).length,
    duplicates: results.filter((result) => result.duplicateOf !== null).length,
    errors: results.filter((result) => result.error).length,
    metrics,
    updatedAt: now,
  };

  const ids = await withQuotaCheck(
    () =>
      db.transaction('rw', db.datasets, db.datasetSummaries, db.runs, db.results, async () => {
        const datasetId = await storeDataset(db, newDataset);
        const runId = await db.runs.add({ ...runRecord, datasetId, datasetName: newDataset.name });
        await db.results.bulkAdd(results.map((result) => ({ ...result, runId })));
        return { datasetId, runId };
      }),
    () => approximateBytes(newDataset) + approximateBytes(results),
    `the imported run from ${fileName}`,
  );
  const run = await getRun(db, ids.runId);
  const dataset = await getDataset(db, ids.datasetId);
  return { run: run!, dataset: dataset!, reported };
}
