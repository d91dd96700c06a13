/**
 * A dataset on its way in: the file as read, how its columns map (or which benchmark loader prepares
 * it), and the examples, reported rows and label setting that come out. Pure, so it is tested with the
 * real readers.
 */
import type { GuardConfig } from '../../core/config';
import { isGuardError } from '../../core/errors';
import type { Example } from '../../core/example';
import { prepareBenchmark } from '../../core/dataset/benchmarks';
import { applyMapping, detectMapping, type ColumnMapping } from '../../core/dataset/mapping';
import type { DatasetRead, ReportedRow } from '../../core/dataset/types';
import type { NewDataset } from '../../store/records';

export type DraftSource = { kind: 'file' } | { kind: 'sample' } | { kind: 'benchmark'; configId: string; config: GuardConfig };

export interface DatasetDraft {
  source: DraftSource;
  read: DatasetRead;
  /** What auto-detection chose (empty when it found no prompt column). */
  detected: Partial<ColumnMapping>;
  /** The mapping in use; null until a prompt column is chosen. Unused for benchmark loaders. */
  mapping: ColumnMapping | null;
  /** The label value that means unsafe. */
  flaggedValue: string;
}

export interface PreparedDraft {
  name: string;
  examples: Example[];
  /** Every row not kept: the reader's, then the mapping's or loader's. */
  reported: ReportedRow[];
  nullResponseText: 'None' | '';
  /** null when there is no label (a labeling-only run). */
  labelFlaggedValue: string | null;
  /** Why no examples could be prepared at all (no prompt column, a loader error). */
  problem: string | null;
}

/** A new draft from a read file, with the mapping auto-detected (or the benchmark's label setting). */
export function draftFromRead(read: DatasetRead, source: DraftSource, preferredFlagged = 'unsafe'): DatasetDraft {
  if (source.kind === 'benchmark') {
    return { source, read, detected: {}, mapping: null, flaggedValue: source.config.eval_flagged_value ?? '' };
  }
  let detected: Partial<ColumnMapping> = {};
  try {
    detected = detectMapping(read.columns);
  } catch {
    detected = {};
  }
  const mapping = detected.prompt === undefined ? null : (detected as ColumnMapping);
  return { source, read, detected, mapping, flaggedValue: preferredFlagged };
}

const baseName = (file: string) => file.replace(/^.*[\\/]/, '');

/** The examples the run will use, with every row that is not one of them and why. */
export function prepareDraft(draft: DatasetDraft): PreparedDraft {
  const { read, source } = draft;
  const name = source.kind === 'benchmark' ? `${source.config.name} · ${baseName(read.file)}` : baseName(read.file);
  if (source.kind === 'benchmark') {
    const labelField = source.config.eval_label_field;
    try {
      const { dataset, reported } = prepareBenchmark(source.config.name, read, labelField === undefined ? {} : { labelField });
      return {
        name,
        examples: dataset.examples,
        reported, // prepareBenchmark already lists the read's own reports first
        nullResponseText: dataset.nullResponseText,
        labelFlaggedValue: labelField === undefined ? null : (source.config.eval_flagged_value ?? ''),
        problem: null,
      };
    } catch (error) {
      const message = isGuardError(error) || error instanceof Error ? error.message : String(error);
      return { name, examples: [], reported: [...read.reported], nullResponseText: '', labelFlaggedValue: null, problem: message };
    }
  }
  if (!draft.mapping) {
    const problem =
      read.columns.length === 0 ? 'The file has no columns to map.' : 'No prompt column was recognised: choose the column that holds the prompts.';
    return { name, examples: [], reported: [...read.reported], nullResponseText: '', labelFlaggedValue: null, problem };
  }
  const { examples, reported } = applyMapping(read, draft.mapping);
  return {
    name,
    examples,
    reported: [...read.reported, ...reported],
    nullResponseText: '',
    labelFlaggedValue: draft.mapping.label === undefined ? null : draft.flaggedValue,
    problem: examples.length === 0 && read.rows.length > 0 ? 'No row has text in the prompt column.' : null,
  };
}

/** The `roguard inspect --json` object for this draft (issue 9's shape), for the page's download. */
export function inspectObject(draft: DatasetDraft, prepared: PreparedDraft) {
  const { read } = draft;
  return {
    file: read.file,
    format: read.format,
    encoding: read.encoding,
    columns: read.columns,
    mapping: draft.source.kind === 'benchmark' ? { loader: draft.source.config.name } : draft.mapping,
    kept: prepared.examples.length,
    reported: prepared.reported.map(({ row, reason }) => ({ row, reason })),
  };
}

/** The record the store keeps for this draft. */
export function datasetRecordOf(draft: DatasetDraft, prepared: PreparedDraft): NewDataset {
  return {
    name: prepared.name,
    fileName: draft.source.kind === 'sample' ? '' : draft.read.file,
    rowCount: draft.read.rows.length + draft.read.reported.filter((r) => r.row !== null).length,
    columns: draft.read.columns,
    mapping: draft.source.kind === 'benchmark' ? null : draft.mapping,
    benchmark: draft.source.kind === 'benchmark' ? draft.source.config.name : null,
    examples: prepared.examples,
    nullResponseText: prepared.nullResponseText,
    report: prepared.reported,
  };
}
