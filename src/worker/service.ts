/**
 * The guard service behind the worker's API: owns one engine, loads models, runs the core's classify
 * step example by example. Free of worker and comlink code so it is tested directly.
 */
import { classify as coreClassify, failedResult, PER_EXAMPLE_FAILURES, type ClassifyInput } from '../core/classify';
import type { Engine, EngineKind, ModelSpec, Progress } from '../core/engine';
import { GuardError, isGuardError, type GuardErrorCode } from '../core/errors';
import type { Example } from '../core/example';
import type { ClassifyOptions, ClassifyResult } from '../core/result';
import type { DeviceProbe } from '../engines/device';
import type { ModelEntry } from '../engines/registry';
import { resolveModel } from '../engines/registry-resolve';
import type { CheckInput, GuardApi, LoadedModel, RunSummary, WorkerStatus } from './api';
import { createSerialQueue } from './queue';
import { errorData } from './results';

export interface GuardServiceDeps {
  createEngine(kind: EngineKind): Promise<Engine>;
  probe(): Promise<DeviceProbe>;
  registry(): Promise<ModelEntry[]>;
  classify: typeof coreClassify;
  /** Frees a callback the page passed (a comlink proxy) once its call is over. */
  release(callback: unknown): void;
  /** Engine reloads allowed for one example after DEVICE_LOST before the run gives up. Default 2. */
  deviceLostRetries: number;
}

/** Codes that fail one example; the run goes on. Anything else ends the call. The core's, plus an input one example cannot give. */
const EXAMPLE_LEVEL: ReadonlySet<GuardErrorCode> = new Set([...PER_EXAMPLE_FAILURES, 'BAD_INPUT']);

/** Calls a page callback; a page that went away or threw must not end the work. */
async function notify<T>(callback: ((value: T) => unknown) | undefined, value: T): Promise<void> {
  try {
    await callback?.(value);
  } catch {
    // The page's own handler failed; what it missed is still in the call's result or status.
  }
}

export function createGuardService(deps: Pick<GuardServiceDeps, 'createEngine' | 'probe' | 'registry'> & Partial<GuardServiceDeps>): GuardApi {
  const { classify = coreClassify, release = () => {}, deviceLostRetries = 2 } = deps;
  const queue = createSerialQueue();
  let engine: Engine | null = null;
  let model: LoadedModel | null = null;

  async function engineFor(kind: EngineKind): Promise<Engine> {
    if (engine && engine.kind !== kind) {
      await engine.unload().catch(() => {});
      engine = null;
    }
    engine ??= await deps.createEngine(kind);
    return engine;
  }

  function loadedEngine(): { engine: Engine; model: LoadedModel } {
    if (!engine || !model) throw new GuardError('NOT_LOADED', 'No model is loaded. Load a model first (Models page, or load()).');
    return { engine, model };
  }

  /** After DEVICE_LOST: load the same model again, reporting nothing to the page but the note. */
  async function reload(signal: AbortSignal): Promise<void> {
    const { engine: current, model: loaded } = loadedEngine();
    await current.unload().catch(() => {});
    model = null;
    await current.load(loaded.spec, undefined, signal);
    model = { ...loaded, notes: [...loaded.notes, 'The GPU device was lost; the model was loaded again and the run went on.'] };
  }

  /** Classifies one example, reloading the engine after a lost device. DEVICE_LOST is thrown only past the retry limit. */
  async function classifyOne(example: ClassifyInput, options: ClassifyOptions, signal: AbortSignal): Promise<ClassifyResult> {
    for (let lost = 0; ; lost++) {
      const { engine: current } = loadedEngine();
      try {
        return await classify(current, example, options, signal);
      } catch (error) {
        if (signal.aborted) throw new GuardError('ABORTED', 'The run was stopped.');
        if (isGuardError(error) && error.code === 'DEVICE_LOST' && lost < deviceLostRetries) {
          await reload(signal);
          continue;
        }
        if (isGuardError(error) && !EXAMPLE_LEVEL.has(error.code)) throw error;
        return failedResult(example.index ?? 0, errorData(error), 0);
      }
    }
  }

  /**
   * Classifies the examples in order. The engine goes straight on to the next example while the page
   * takes a result (no round trip on the hot path); every result is delivered before this resolves.
   */
  async function runExamples(examples: Example[], options: ClassifyOptions, signal: AbortSignal, onResult: (result: ClassifyResult) => void): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, failed: 0, aborted: false };
    const delivered: Promise<void>[] = [];
    try {
      for (const example of examples) {
        if (signal.aborted) break;
        let result: ClassifyResult;
        try {
          result = await classifyOne(example, options, signal);
        } catch (error) {
          if (signal.aborted || (isGuardError(error) && error.code === 'ABORTED')) break;
          throw error;
        }
        if (signal.aborted) break;
        summary.done++;
        if (result.error) summary.failed++;
        delivered.push(notify(onResult, result));
      }
    } finally {
      await Promise.all(delivered);
    }
    summary.aborted = signal.aborted;
    return summary;
  }

  return {
    probe: () => deps.probe(),

    load(requested: ModelSpec | string, onProgress?: (progress: Progress) => void): Promise<LoadedModel> {
      return queue
        .run(async (signal) => {
          const probe = await deps.probe();
          const resolved = resolveModel(requested, await deps.registry(), probe);
          const target = await engineFor(resolved.spec.engine);
          model = null;
          await target.unload().catch(() => {});
          await target.load(resolved.spec, (progress) => void notify(onProgress, progress), signal);
          model = { spec: resolved.spec, contextWindow: target.contextWindow?.() ?? resolved.spec.contextWindow, notes: resolved.notes };
          await notify(onProgress, { phase: 'ready', loaded: 1, total: 1, text: `${resolved.spec.id} is ready.` });
          return model;
        })
        .finally(() => release(onProgress));
    },

    check(input: CheckInput, options: ClassifyOptions): Promise<ClassifyResult> {
      if (typeof input?.prompt !== 'string') return Promise.reject(new GuardError('BAD_INPUT', 'check() needs a prompt (text).', { field: 'prompt' }));
      const example: ClassifyInput = { prompt: input.prompt, response: input.response ?? null, ...(input.index !== undefined ? { index: input.index } : {}) };
      return queue.run(async (signal) => {
        const result = await classifyOne(example, options, signal);
        if (signal.aborted) throw new GuardError('ABORTED', 'The check was stopped.');
        return result;
      });
    },

    checkMany(examples: Example[], options: ClassifyOptions, onResult: (result: ClassifyResult) => void): Promise<RunSummary> {
      return queue
        .run(async (signal) => {
          return runExamples(examples, options, signal, onResult);
        })
        .catch((error: unknown) => {
          if (isGuardError(error) && error.code === 'ABORTED') return { done: 0, failed: 0, aborted: true };
          throw error;
        })
        .finally(() => release(onResult));
    },

    async abort(): Promise<void> {
      queue.abort();
    },

    unload(): Promise<void> {
      return queue.run(async () => {
        const current = engine;
        engine = null;
        model = null;
        await current?.unload();
      });
    },

    async status(): Promise<WorkerStatus> {
      return { model, busy: queue.busy, queued: queue.queued };
    },
  };
}
