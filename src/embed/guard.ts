/** `createGuard`: a guard over a shared worker, checking prompts and responses against one policy. */
import type { EngineKind, ModelSpec } from '../core/engine';
import { abortedError, GuardError, isGuardError, type GuardErrorCode, type GuardErrorData } from '../core/errors';
import { connectWorker } from './bridge';
import { failedCheck, planCheck, toCheckResult, toErrorData, type CheckPlan } from './check-result';
import { resolvePolicy } from './policies';
import { leaseModel, type Connect } from './shared';
import type { CheckInput, CheckManyOptions, CheckOptions, FailMode, Guard, GuardCheckResult, GuardOptions } from './types';

const ENGINES: readonly EngineKind[] = ['webllm', 'wllama', 'openai'];
/** Failures that are the caller's to handle; every other failure is decided by `failMode`. */
const CALLER_ERRORS: ReadonlySet<GuardErrorCode> = new Set(['ABORTED', 'BAD_INPUT', 'BAD_CONFIG', 'BAD_TEMPLATE']);

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `the text ${JSON.stringify(value.slice(0, 40))}` : `a ${typeof value}`;
}

function badOption(field: string, expected: string, value: unknown): GuardError {
  return new GuardError('BAD_CONFIG', `createGuard(): ${field} must be ${expected}, got ${describe(value)}.`, { field });
}

function readModel(options: GuardOptions): { model: ModelSpec | string; failMode: FailMode } {
  if (typeof options !== 'object' || options === null) throw badOption('options', 'an object such as { model: "roguard-1.0-q4f16_1-MLC" }', options);
  const { model, engine, weightsUrl, modelLibUrl, contextWindow, failMode = 'closed', onProgress, workerUrl } = options;
  if (typeof model !== 'string' || model.trim() === '') throw badOption('model', 'a model id (e.g. "roguard-1.0-q4f16_1-MLC")', model);
  if (engine !== undefined && !ENGINES.includes(engine)) throw badOption('engine', `one of ${ENGINES.join(', ')}`, engine);
  if (failMode !== 'closed' && failMode !== 'open') throw badOption('failMode', '"closed" or "open"', failMode);
  for (const [field, value] of [['weightsUrl', weightsUrl], ['modelLibUrl', modelLibUrl]] as const) {
    if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) throw badOption(field, 'a URL', value);
  }
  if (contextWindow !== undefined && (!Number.isInteger(contextWindow) || contextWindow <= 0)) throw badOption('contextWindow', 'a positive whole number of tokens', contextWindow);
  if (onProgress !== undefined && typeof onProgress !== 'function') throw badOption('onProgress', 'a function', onProgress);
  if (workerUrl !== undefined && typeof workerUrl !== 'string' && !(workerUrl instanceof URL)) throw badOption('workerUrl', 'a URL', workerUrl);
  const custom = engine !== undefined || weightsUrl !== undefined || modelLibUrl !== undefined || contextWindow !== undefined;
  if (!custom) return { model, failMode };
  const spec: ModelSpec = {
    id: model,
    engine: engine ?? 'webllm',
    ...(weightsUrl !== undefined ? { url: weightsUrl } : {}),
    ...(modelLibUrl !== undefined ? { modelLibUrl } : {}),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
  };
  return { model: spec, failMode };
}

function readInput(input: CheckInput, where: string): { prompt: string; response: string | null } {
  if (typeof input !== 'object' || input === null) throw new GuardError('BAD_INPUT', `${where} must be { prompt, response? }, got ${describe(input)}.`, { field: 'input' });
  const { prompt, response } = input;
  if (typeof prompt !== 'string') throw new GuardError('BAD_INPUT', `${where}: prompt must be text, got ${describe(prompt)}.`, { field: 'prompt' });
  if (response !== undefined && response !== null && typeof response !== 'string') {
    throw new GuardError('BAD_INPUT', `${where}: response must be text (or left out), got ${describe(response)}.`, { field: 'response' });
  }
  return { prompt, response: response ?? null };
}

function isCallerError(error: unknown): boolean {
  return isGuardError(error) && CALLER_ERRORS.has(error.code);
}

/** Consecutive items that share a plan go to the worker as one run. */
function runsOf(plans: CheckPlan[]): { plan: CheckPlan; indices: number[] }[] {
  const runs: { plan: CheckPlan; indices: number[] }[] = [];
  plans.forEach((plan, index) => {
    const last = runs.at(-1);
    if (last?.plan === plan) last.indices.push(index);
    else runs.push({ plan, indices: [index] });
  });
  return runs;
}

/** `createGuard` with the way to start a worker given (tests pass a worker API double). */
export function createGuardWith(options: GuardOptions, connect: Connect): Guard {
  const { model, failMode } = readModel(options);
  const guardPolicy = resolvePolicy(options.config, options.template);
  const plans = { prompt: planFor(false), pair: planFor(true) };
  const key = JSON.stringify([String(options.workerUrl ?? ''), model]);
  const lease = leaseModel(key, model, options.workerUrl, connect, options.onProgress);
  const ready = lease.loaded.then(() => undefined);
  ready.catch(() => {});
  const loadFailure = (): Promise<GuardErrorData | null> => lease.loaded.then(() => null, toErrorData);
  let disposed = false;

  function planFor(hasResponse: boolean): CheckPlan | GuardError {
    try {
      return planCheck(guardPolicy, hasResponse);
    } catch (error) {
      return error as GuardError;
    }
  }

  function prepare(input: CheckInput, where: string): { example: { prompt: string; response: string | null }; plan: CheckPlan } {
    if (disposed) throw new GuardError('ABORTED', 'This guard was disposed; create a new one with createGuard().');
    const example = readInput(input, where);
    const plan = example.response === null ? plans.prompt : plans.pair;
    if (plan instanceof GuardError) throw new GuardError(plan.code, `${where}: ${plan.message}`, plan.details);
    return { example, plan };
  }

  return {
    ready,
    categories: { ...(guardPolicy.policy.categories ?? {}) },

    check(input: CheckInput, { signal }: CheckOptions = {}): Promise<GuardCheckResult> {
      let prepared: ReturnType<typeof prepare>;
      try {
        prepared = prepare(input, 'check()');
      } catch (error) {
        return Promise.reject(error);
      }
      const { example, plan } = prepared;
      return lease.run(async (api) => {
        const failure = await loadFailure();
        if (failure) return failedCheck(failure, failMode);
        try {
          return toCheckResult(await api.check(example, plan.options), plan, failMode);
        } catch (error) {
          if (isCallerError(error)) throw error;
          return failedCheck(toErrorData(error), failMode);
        }
      }, signal);
    },

    checkMany(items: readonly CheckInput[], { onResult, signal }: CheckManyOptions = {}): Promise<GuardCheckResult[]> {
      let prepared: ReturnType<typeof prepare>[];
      try {
        if (!Array.isArray(items)) throw new GuardError('BAD_INPUT', `checkMany() needs an array of { prompt, response? }, got ${describe(items)}.`, { field: 'items' });
        prepared = items.map((item, i) => prepare(item, `checkMany() item ${i + 1}`));
      } catch (error) {
        return Promise.reject(error);
      }
      const results: GuardCheckResult[] = [];
      const deliver = (index: number, result: GuardCheckResult) => {
        if (signal?.aborted || disposed || results[index]) return;
        results[index] = result;
        try {
          onResult?.(result, index);
        } catch {
          // The embedder's handler failing must not lose the other results.
        }
      };
      return lease.run(async (api) => {
        const failure = await loadFailure();
        if (failure) {
          prepared.forEach((_, index) => deliver(index, failedCheck(failure, failMode)));
          return results;
        }
        for (const run of runsOf(prepared.map((p) => p.plan))) {
          const examples = run.indices.map((index) => ({ index: index + 1, ...prepared[index]!.example }));
          try {
            const summary = await api.checkMany(examples, run.plan.options, (result) => deliver(result.index - 1, toCheckResult(result, run.plan, failMode)));
            if (summary.aborted) throw abortedError('The checks');
          } catch (error) {
            if (isCallerError(error)) throw error;
            for (const index of run.indices) deliver(index, failedCheck(toErrorData(error), failMode));
          }
        }
        const missing: GuardErrorData = { code: 'ENGINE_ERROR', message: 'The worker returned no result for this item.' };
        prepared.forEach((_, index) => deliver(index, failedCheck(missing, failMode)));
        return results;
      }, signal);
    },

    probe() {
      if (disposed) return Promise.reject(new GuardError('ABORTED', 'This guard was disposed; create a new one with createGuard().'));
      return lease.probe();
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      lease.release();
    },
  };
}

/**
 * Creates a guard. Guards created with the same model (and worker) share one worker and one loaded model.
 * The model starts loading at once; `ready` tells when it is loaded.
 * @throws GuardError BAD_CONFIG for invalid options (naming the option), an unknown policy name or a custom
 *   policy with a missing field; BAD_TEMPLATE for a template that cannot be filled (with line and column)
 */
export function createGuard(options: GuardOptions): Guard {
  return createGuardWith(options, connectWorker);
}
