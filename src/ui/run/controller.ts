/**
 * The benchmark run controller the Benchmark page drives: start, pause, resume and cancel a run of a
 * stored dataset through the guard worker, with the result cache and resume-after-reload. Plain
 * TypeScript (no React): the page subscribes to progress events and calls these methods.
 */
import { GuardError } from '../../core/errors';
import type { GuardDb } from '../../store/db';
import { getDataset } from '../../store/datasets';
import { createRun, getRun, unfinishedRuns, updateRun } from '../../store/runs';
import type { DatasetRecord, RunConfig, RunModel, RunRecord } from '../../store/records';
import { browserLocks } from './lock';
import { runConfigFor } from './plan';
import { RunSession } from './session';
import type { RunApi, RunControllerOptions, RunProgress, RunSettings } from './types';

/** JSON with object keys sorted, so two equal configs compare equal whatever their key order. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** What makes two runs the same run (the name and the config file's snapshot do not). */
function identity(config: RunConfig, model: RunModel): string {
  const { name: _name, snapshot: _snapshot, ...rest } = config;
  return stableJson([rest, model.id, model.weightsRevision]);
}

interface Current {
  session: RunSession | null;
  /** A pause or cancel asked for before the session existed. */
  stopRequest: 'pause' | 'cancel' | null;
  promise: Promise<RunRecord>;
}

export class RunController {
  /** The run being set up or going; set at once on `start`/`resume`, so two clicks start one run. */
  private current: Current | null = null;
  private readonly listeners = new Set<(progress: RunProgress) => void>();
  private readonly options: Required<RunControllerOptions>;

  constructor(
    private readonly api: RunApi,
    private readonly db: GuardDb,
    options: RunControllerOptions = {},
  ) {
    const locks = options.lockRun && options.isRunLocked ? null : browserLocks();
    this.options = {
      lockRun: options.lockRun ?? locks!.lockRun,
      isRunLocked: options.isRunLocked ?? locks!.isRunLocked,
      batchSize: options.batchSize ?? 25,
      flushMs: options.flushMs ?? 500,
      progressMs: options.progressMs ?? 250,
      chunkSize: options.chunkSize ?? 32,
      now: options.now ?? (() => Date.now()),
    };
  }

  /** Listens to progress events (a few per second at most, and one at every status change). */
  onProgress(listener: (progress: RunProgress) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The run in progress in this controller, if any. */
  get activeRunId(): number | null {
    return this.current?.session?.runId ?? null;
  }

  /** Runs left unfinished (a reload, a closed tab, a crash, a pause), newest first, for the page to offer. */
  async resumableRuns(datasetId?: number): Promise<RunRecord[]> {
    return unfinishedRuns(this.db, datasetId);
  }

  /** Which of `runIds` another tab (or controller) is driving now; this controller's own run is left out. */
  async runningElsewhere(runIds: readonly number[]): Promise<Set<number>> {
    const elsewhere = new Set<number>();
    for (const runId of runIds) {
      if (runId !== this.activeRunId && (await this.options.isRunLocked(runId))) elsewhere.add(runId);
    }
    return elsewhere;
  }

  /**
   * Runs `settings` over `dataset`. An unfinished run of the same dataset with the same settings and
   * model is resumed instead of starting over. Resolves with the stored run when it stops: `done`,
   * `paused` (by `pause()`, or on a resumable error such as a lost device or full storage, see
   * `run.error`), `cancelled` or `failed`.
   * @throws GuardError BAD_TEMPLATE for an invalid template, BAD_INPUT when a run is already going
   *   (here, or that same run in another tab: `details.elsewhere`), STORAGE_QUOTA when the run cannot even be created.
   */
  start(dataset: DatasetRecord, settings: RunSettings): Promise<RunRecord> {
    return this.guardLaunch(async () => {
      const config = runConfigFor(settings, dataset.nullResponseText);
      const model: RunModel = { id: settings.model.id, weightsRevision: settings.model.weightsRevision, engine: settings.model.engine ?? null };
      const wanted = identity(config, model);
      const unfinished = (await unfinishedRuns(this.db, dataset.id)).find((run) => identity(run.config, run.model) === wanted);
      const run =
        unfinished ??
        (await createRun(this.db, { datasetId: dataset.id, datasetName: dataset.name, config, model, total: dataset.examples.length }, this.options.now()));
      return { run, dataset };
    });
  }

  /**
   * Continues a stored run from its first unfinished example (after a pause, a reload or a crash).
   * @throws GuardError BAD_INPUT when the run or its dataset no longer exists, is finished, or a run is
   *   going here or that run in another tab (`details.elsewhere`).
   */
  resume(runId: number): Promise<RunRecord> {
    return this.guardLaunch(async () => {
      const run = await getRun(this.db, runId);
      if (!run) throw new GuardError('BAD_INPUT', `Run ${runId} no longer exists; start a new run.`, { runId });
      if (run.status === 'done' || run.status === 'cancelled') {
        throw new GuardError('BAD_INPUT', `Run ${runId} is ${run.status}; start a new run to run it again (finished examples come from the cache).`, { runId });
      }
      const dataset = await getDataset(this.db, run.datasetId);
      if (!dataset) throw new GuardError('BAD_INPUT', `The dataset of run ${runId} was deleted, so the run cannot go on.`, { runId, datasetId: run.datasetId });
      return { run, dataset };
    });
  }

  /** Pauses the run in progress: the example being generated is dropped and runs again on resume. */
  async pause(): Promise<RunRecord | null> {
    return this.stop('pause');
  }

  /**
   * Cancels the run in progress, or a stored paused run by id. Finished results are kept.
   * @throws GuardError BAD_INPUT when `runId` names a run that does not exist.
   */
  async cancel(runId?: number): Promise<RunRecord | null> {
    const current = this.current;
    if (current && (runId === undefined || current.session === null || runId === current.session.runId)) return this.stop('cancel');
    if (runId === undefined) return null;
    const run = await getRun(this.db, runId);
    if (!run) throw new GuardError('BAD_INPUT', `Run ${runId} no longer exists.`, { runId });
    if (run.status === 'done' || run.status === 'cancelled') return run;
    await updateRun(this.db, runId, { status: 'cancelled' }, this.options.now());
    return (await getRun(this.db, runId)) ?? null;
  }

  /** Stops the current run (even one still being set up) and resolves with it once stopped. */
  private async stop(reason: 'pause' | 'cancel'): Promise<RunRecord | null> {
    const current = this.current;
    if (!current) return null;
    if (current.session) await current.session.stop(reason);
    else current.stopRequest ??= reason;
    return current.promise.catch(() => null);
  }

  private guardLaunch(prepare: () => Promise<{ run: RunRecord; dataset: DatasetRecord }>): Promise<RunRecord> {
    if (this.current) {
      const runId = this.current.session?.runId ?? null;
      return Promise.reject(new GuardError('BAD_INPUT', 'A run is still going; pause or cancel it before starting another.', { runId }));
    }
    const current: Current = { session: null, stopRequest: null, promise: Promise.resolve(null as never) };
    this.current = current;
    current.promise = (async () => {
      try {
        const { run, dataset } = await prepare();
        const session = new RunSession(this.api, this.db, run, dataset, {
          ...this.options,
          emit: (progress) => {
            for (const listener of this.listeners) listener(progress);
          },
        });
        current.session = session;
        const outcome = await this.options.lockRun(run.id, () => {
          if (current.stopRequest) void session.stop(current.stopRequest);
          return session.execute();
        });
        if (!outcome.acquired) {
          throw new GuardError('BAD_INPUT', `Run #${run.id} is running in another tab. Close that tab (or let it finish) to go on with it here.`, {
            runId: run.id,
            elsewhere: true,
          });
        }
        return outcome.value;
      } finally {
        if (this.current === current) this.current = null;
      }
    })();
    return current.promise;
  }
}
