/** What the page gives the run controller and what it hears back. Types only. */
import type { EngineKind, GenerationSettings } from '../../core/engine';
import type { GuardErrorData } from '../../core/errors';
import type { Example } from '../../core/example';
import type { ClassifyOptions, ClassifyResult, ExtractionMode, Policy } from '../../core/result';
import type { RunSummary } from '../../worker/api';
import type { RunCounts, RunStatus } from '../../store/records';
import type { IsRunLocked, LockRun } from './lock';

/**
 * The part of the worker API a run needs. `Remote<GuardApi>` fits it (the callback is wrapped with
 * comlink's `proxy` by the controller), and so does the test double.
 */
export interface RunApi {
  checkMany(examples: Example[], options: ClassifyOptions, onResult: (result: ClassifyResult) => void): Promise<RunSummary>;
  abort(): Promise<void>;
}

export interface RunSettings {
  /** Benchmark config or a name the user gave. */
  name: string;
  /** The policy; its template is prepared (stripped) by the controller before use. */
  policy: Policy;
  extraction: ExtractionMode;
  settings: GenerationSettings;
  /** Default true. */
  earlyStop?: boolean;
  /** Compute P(flagged). Default true. */
  score?: boolean;
  /** The label value that means unsafe; null for a labeling-only run. */
  labelFlaggedValue: string | null;
  /** Default: the dataset's own text in `reference` mode (parity note 4), `""` in `robust` mode. */
  nullResponseText?: 'None' | '';
  model: { id: string; weightsRevision: string; engine?: EngineKind | null };
  /** The config file's JSON, kept with the run for the record. */
  snapshot?: Record<string, unknown> | null;
}

export interface RunProgress {
  runId: number;
  status: RunStatus;
  /** `preparing` while prompts are filled and the cache is looked up. */
  phase: 'preparing' | 'running' | 'stopped';
  done: number;
  total: number;
  cacheHits: number;
  duplicates: number;
  errors: number;
  /** Examples per second through the model in this session; null until the first one. */
  examplesPerSecond: number | null;
  /** Seconds until the examples still to run have run, at that rate; null when unknown. */
  etaSeconds: number | null;
  counts: RunCounts;
  unparsed: number;
  /** Live reference metrics (percent); null for a labeling-only run. */
  metrics: { precision: number; recall: number; f1: number; fpr: number } | null;
  error: GuardErrorData | null;
}

export interface RunControllerOptions {
  /** Results per write transaction that trigger a flush. Default 25. */
  batchSize?: number;
  /** Longest a finished result waits before it is written, ms. Default 500. */
  flushMs?: number;
  /** Least time between two progress events, ms. Default 250. */
  progressMs?: number;
  /** Examples per `checkMany` call. Default 32. */
  chunkSize?: number;
  /** Milliseconds clock; injectable for tests. */
  now?: () => number;
  /** Holds a run's lock while this controller drives it. Default: Web Locks (`browserLocks`). */
  lockRun?: LockRun;
  /** Whether a run's lock is held. Default: Web Locks' `query`. */
  isRunLocked?: IsRunLocked;
}
