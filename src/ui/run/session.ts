/**
 * One stretch of a run in this page: from start (or resume) until it is done, paused, cancelled or
 * stopped by an error. Everything it learns is written through the batch writer, so a new session
 * (after a reload or a crash) picks up from the stored results alone.
 */
import { proxy } from 'comlink';
import { GuardError, isGuardError, type GuardErrorData } from '../../core/errors';
import type { Example } from '../../core/example';
import type { ClassifyOptions, ClassifyResult } from '../../core/result';
import { getCacheEntries, servesReading } from '../../store/cache';
import type { GuardDb } from '../../store/db';
import { getRun, updateRun } from '../../store/runs';
import { resultsOf } from '../../store/results';
import { tally } from '../../store/evaluate-run';
import type { DatasetRecord, ResultRecord, RunRecord, RunStatus } from '../../store/records';
import { isUnfinished, itemsFromCache, itemsFromModel } from './items';
import { classifyOptionsFor, planPrompts, type PromptGroup } from './plan';
import { RateMeter, Throttle } from './progress';
import type { RunApi, RunProgress } from './types';
import { BatchWriter, type StoredTotals, type WriteItem } from './writer';

export interface SessionOptions {
  batchSize: number;
  flushMs: number;
  progressMs: number;
  chunkSize: number;
  now: () => number;
  emit: (progress: RunProgress) => void;
}

/** Errors after which the run can go on later (fix the cause, then resume): the run is paused, not failed. */
const RESUMABLE = new Set<GuardErrorData['code']>(['DEVICE_LOST', 'STORAGE_QUOTA', 'NOT_LOADED', 'ENGINE_UNREACHABLE', 'MODEL_LOAD_FAILED', 'ABORTED']);
const LOOKUP_CHUNK = 500;

function asGuardError(error: unknown): GuardError {
  if (isGuardError(error)) return error as GuardError;
  return new GuardError('ENGINE_ERROR', `The run stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`, undefined, { cause: error });
}

export class RunSession {
  private stopReason: 'pause' | 'cancel' | null = null;
  private stopError: GuardError | null = null;
  private readonly results = new Map<number, ResultRecord>();
  private readonly examples: Example[];
  private readonly options: ClassifyOptions;
  private readonly rate: RateMeter;
  private readonly throttle: Throttle;
  private writer: BatchWriter | null = null;
  private phase: RunProgress['phase'] = 'preparing';
  private promptsLeft = 0;
  private readonly startedAt: number;

  constructor(
    private readonly api: RunApi,
    private readonly db: GuardDb,
    private run: RunRecord,
    dataset: DatasetRecord,
    private readonly opts: SessionOptions,
  ) {
    this.examples = dataset.examples;
    this.options = classifyOptionsFor(run.config);
    this.rate = new RateMeter(opts.now);
    this.throttle = new Throttle(() => opts.emit(this.progress()), opts.progressMs, opts.now);
    this.startedAt = opts.now();
  }

  get runId(): number {
    return this.run.id;
  }

  /** Asks the run to stop at once; `execute` resolves when it has. */
  async stop(reason: 'pause' | 'cancel'): Promise<void> {
    this.stopReason ??= reason;
    await this.api.abort();
  }

  /** Runs to the end or to a stop, and returns the run as stored. Errors end up in the run, not thrown. */
  async execute(): Promise<RunRecord> {
    try {
      await this.runAll();
    } catch (error) {
      this.stopError ??= asGuardError(error);
    }
    return this.finish();
  }

  private async runAll(): Promise<void> {
    const stored = await resultsOf(this.db, this.run.id);
    for (const record of stored) this.results.set(record.index, record);
    this.writer = new BatchWriter(this.db, this.run.id, this.totalsOf(stored), {
      batchSize: this.opts.batchSize,
      flushMs: this.opts.flushMs,
      now: this.opts.now,
      runFields: (totals) => this.runFields(totals),
      onError: (error) => {
        this.stopError ??= asGuardError(error);
        void this.api.abort().catch(() => undefined);
      },
    });
    await updateRun(this.db, this.run.id, { status: 'running', error: null }, this.opts.now());
    this.throttle.force();

    const unfinished = this.examples.filter((example) => !this.results.has(example.index));
    const groups = await planPrompts(unfinished, this.run.config, this.run.model);
    const toRun = await this.serveFromCache(groups);
    this.promptsLeft = toRun.length;
    this.phase = 'running';
    this.throttle.force();

    const byIndex = new Map(this.examples.map((example) => [example.index, example]));
    for (let at = 0; at < toRun.length && !this.stopping(); at += this.opts.chunkSize) {
      const chunk = toRun.slice(at, at + this.opts.chunkSize);
      const groupOf = new Map(chunk.map((group) => [group.indices[0]!, group]));
      this.rate.begin();
      const summary = await this.api.checkMany(
        chunk.map((group) => byIndex.get(group.indices[0]!)!),
        this.options,
        proxy((result: ClassifyResult) => this.accept(groupOf, result)),
      );
      // An abort nobody here asked for (another tab's page, the worker giving up) pauses the run.
      if (summary.aborted && !this.stopping()) this.stopReason = 'pause';
    }
  }

  private stopping(): boolean {
    return this.stopReason !== null || this.stopError !== null;
  }

  /** Serves every group whose output is cached; returns the groups the model must run. */
  private async serveFromCache(groups: PromptGroup[]): Promise<PromptGroup[]> {
    const toRun: PromptGroup[] = [];
    for (let at = 0; at < groups.length; at += LOOKUP_CHUNK) {
      const slice = groups.slice(at, at + LOOKUP_CHUNK);
      const entries = await getCacheEntries(this.db, slice.map((group) => group.key));
      const served: WriteItem[] = [];
      for (const group of slice) {
        const entry = entries.get(group.key);
        if (entry && servesReading(entry, this.run.config)) served.push(...itemsFromCache(this.run.id, group, entry, this.run.config));
        else toRun.push(group);
      }
      this.record(served);
    }
    return toRun;
  }

  private accept(groupOf: Map<number, PromptGroup>, result: ClassifyResult): void {
    const group = groupOf.get(result.index);
    if (!group || this.results.has(result.index) || isUnfinished(result)) return;
    groupOf.delete(result.index);
    this.rate.add(group.indices.length);
    this.promptsLeft--;
    this.record(itemsFromModel(this.run.id, group, result, this.run.config, this.opts.now()));
  }

  private record(items: WriteItem[]): void {
    if (items.length === 0) return;
    for (const { result } of items) this.results.set(result.index, result);
    this.writer!.add(items);
    this.throttle.poke();
  }

  private totalsOf(records: readonly ResultRecord[]): StoredTotals {
    const totals: StoredTotals = { done: 0, cacheHits: 0, duplicates: 0, errors: 0, modelMs: 0 };
    for (const r of records) {
      totals.done++;
      if (r.fromCache) totals.cacheHits++;
      if (r.duplicateOf !== null) totals.duplicates++;
      if (r.error) totals.errors++;
      if (!r.fromCache && r.duplicateOf === null) totals.modelMs += r.latencyMs;
    }
    return totals;
  }

  private runFields(totals: StoredTotals): Partial<RunRecord> {
    return {
      done: totals.done,
      cacheHits: totals.cacheHits,
      duplicates: totals.duplicates,
      errors: totals.errors,
      timings: { ...this.run.timings, activeMs: this.run.timings.activeMs + (this.opts.now() - this.startedAt), modelMs: totals.modelMs },
    };
  }

  /** Writes what is left, then the run's final status. */
  private async finish(): Promise<RunRecord> {
    this.throttle.dispose();
    if (this.writer) {
      try {
        await this.writer.flush();
      } catch (error) {
        this.stopError ??= asGuardError(error);
      }
    }
    const totals = this.writer?.totals ?? this.totalsOf([...this.results.values()]);
    const complete = totals.done === this.examples.length && !this.stopError && this.stopReason === null;
    const status: RunStatus = complete
      ? 'done'
      : this.stopReason === 'cancel'
        ? 'cancelled'
        : this.stopError && !RESUMABLE.has(this.stopError.code)
          ? 'failed'
          : 'paused';
    const now = this.opts.now();
    const fields: Partial<RunRecord> = { ...this.runFields(totals), status, error: this.stopError?.toData() ?? null };
    if (complete) {
      const stored = new Map((await resultsOf(this.db, this.run.id)).map((r) => [r.index, r]));
      fields.metrics = tally(this.examples, stored, this.run.config.labelFlaggedValue).metrics;
      fields.timings = { ...fields.timings!, finishedAt: now };
    }
    await updateRun(this.db, this.run.id, fields, now);
    this.run = (await getRun(this.db, this.run.id)) ?? { ...this.run, ...fields };
    this.phase = 'stopped';
    this.opts.emit(this.progress());
    return this.run;
  }

  private progress(): RunProgress {
    const live = tally(this.examples, this.results, this.run.config.labelFlaggedValue);
    let cacheHits = 0;
    let duplicates = 0;
    let errors = 0;
    for (const r of this.results.values()) {
      if (r.fromCache) cacheHits++;
      if (r.duplicateOf !== null) duplicates++;
      if (r.error) errors++;
    }
    return {
      runId: this.run.id,
      status: this.phase === 'stopped' ? this.run.status : 'running',
      phase: this.phase,
      done: this.results.size,
      total: this.examples.length,
      cacheHits,
      duplicates,
      errors,
      examplesPerSecond: this.rate.examplesPerSecond(),
      etaSeconds: this.phase === 'running' ? this.rate.etaSeconds(this.promptsLeft) : null,
      counts: live.counts,
      unparsed: live.unparsed,
      metrics: live.metrics && {
        precision: live.metrics.precision,
        recall: live.metrics.recall,
        f1: live.metrics.f1,
        fpr: live.metrics.fpr,
      },
      error: this.phase === 'stopped' ? this.run.error : null,
    };
  }
}
