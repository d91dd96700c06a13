/** The shapes kept in IndexedDB, as new code reads them (after `normalise.ts`). Types only. */
import type { EngineKind, FinishReason, GenerationSettings, Usage } from '../core/engine';
import type { GuardErrorData } from '../core/errors';
import type { Example } from '../core/example';
import type { ColumnMapping } from '../core/dataset/mapping';
import type { ReportedRow } from '../core/dataset/types';
import type { ExtractionMode, Policy, Verdict } from '../core/result';

export type { ColumnMapping, ReportedRow };

export interface DatasetRecord {
  id: number;
  name: string;
  /** The file the user gave (`aegis2-test.parquet`), or `""` for a built-in sample. */
  fileName: string;
  /** Rows in the file: kept plus reported. */
  rowCount: number;
  columns: string[];
  mapping: ColumnMapping | null;
  /** Benchmark loader name when the file was prepared by one (`toxic_chat`), else null. */
  benchmark: string | null;
  examples: Example[];
  nullResponseText: 'None' | '';
  report: ReportedRow[];
  createdAt: number;
}

/** What a list of datasets shows, stored beside each dataset so listing never reads the examples. */
export type DatasetSummary = Omit<DatasetRecord, 'examples' | 'report'> & { exampleCount: number; reportedCount: number };

export type NewDataset = Omit<DatasetRecord, 'id' | 'createdAt'> & { createdAt?: number };

export type RunStatus = 'running' | 'paused' | 'done' | 'failed' | 'cancelled';

/** Everything a run needs to be started again from the database alone (after a reload). */
export interface RunConfig {
  /** Benchmark config or user-given name (`xstest`, `my-upload`). */
  name: string;
  policy: Policy;
  extraction: ExtractionMode;
  settings: GenerationSettings;
  earlyStop: boolean;
  score: boolean;
  nullResponseText: 'None' | '';
  /** The label value that means unsafe (`eval_flagged_value`); null for a labeling-only run. */
  labelFlaggedValue: string | null;
  /** The config file's JSON as loaded, when the run came from one (for the record, never re-read). */
  snapshot: Record<string, unknown> | null;
}

export interface RunModel {
  id: string;
  weightsRevision: string;
  engine: EngineKind | null;
}

export interface RunCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

export interface RunMetrics {
  counts: RunCounts;
  precision: number;
  recall: number;
  f1: number;
  fpr: number;
  /** Every prepared example, skipped ones included (the summary's `Total Examples`). */
  total: number;
  /** Examples skipped for a missing or `null` label. */
  skipped: number;
  unparsed: number;
}

export interface RunTimings {
  startedAt: number | null;
  finishedAt: number | null;
  /** Time spent running (paused time excluded), milliseconds. */
  activeMs: number;
  /** Sum of per-example model latency, milliseconds. */
  modelMs: number;
}

export interface RunRecord {
  id: number;
  datasetId: number;
  datasetName: string;
  config: RunConfig;
  /** The filled-in policy's template text, kept at the top level for listing and comparing runs. */
  templateText: string;
  model: RunModel;
  status: RunStatus;
  done: number;
  total: number;
  /** Examples served from the result cache without running the model. */
  cacheHits: number;
  /** Examples whose prompt repeats an earlier one in the same run: run once, result shared. */
  duplicates: number;
  /** Examples whose result carries an error. */
  errors: number;
  metrics: RunMetrics | null;
  timings: RunTimings;
  /** Why the run stopped, when it stopped on an error (paused on quota or a lost device, or failed). */
  error: GuardErrorData | null;
  createdAt: number;
  updatedAt: number;
}

export type NewRun = Pick<RunRecord, 'datasetId' | 'datasetName' | 'config' | 'model' | 'total'>;

export interface ResultRecord {
  runId: number;
  /** The example's 1-based index. */
  index: number;
  raw: string;
  verdict: Verdict;
  score: number | null;
  latencyMs: number;
  usage: Usage;
  finishReason: FinishReason;
  error: GuardErrorData | null;
  fromCache: boolean;
  /** The index of the earlier example with the same prompt whose output this one shares. */
  duplicateOf: number | null;
  cacheKey: string;
}

export interface CacheRecord {
  key: string;
  raw: string;
  /** P(flagged) as computed for the policy named by `scoreFor`; it cannot be recomputed without logprobs. */
  score: number | null;
  /** `policySignature` of the policy the score was computed for. */
  scoreFor: string | null;
  usage: Usage;
  finishReason: FinishReason;
  /**
   * For an output cut short by early stop (`finishReason` `early`): the signature of the stop
   * condition, which depends on how the verdict is read. Such an output only serves that reading.
   */
  stopFor: string | null;
  latencyMs: number;
  createdAt: number;
}
