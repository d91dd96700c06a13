/**
 * TEST DOUBLE of the guard worker's API (`GuardApi`), for unit tests of page logic only; never shipped.
 * It runs the real core classify step over a scripted engine whose output is a pure function of the
 * prompt text, and counts every model call, so tests can tell cached work from real work.
 */
import { classify } from '../../src/core/classify';
import type { Engine, GenerateRequest, Generation, ModelSpec } from '../../src/core/engine';
import { abortedError, GuardError, isGuardError } from '../../src/core/errors';
import type { Example } from '../../src/core/example';
import type { ClassifyOptions, ClassifyResult } from '../../src/core/result';
import type { DeviceProbe } from '../../src/engines/device';
import type { CheckInput, GuardApi, LoadedModel, RunSummary, WorkerStatus } from '../../src/worker/api';
import { streamTokens } from './token-stream';

export interface GuardApiDoubleOptions {
  /** The model's output for a filled prompt. Default: `scriptedOutput`. */
  respond?: (prompt: string) => string;
  /** After this many model calls, every further call hangs until `abort()` (a stalled or dead worker). */
  stallAfter?: number;
  /** After this many model calls, the next call throws this error (e.g. DEVICE_LOST). */
  failAfter?: { calls: number; error: GuardError };
  /** Prompts for which the model reports that the text does not fit its context. */
  overflowWhen?: (prompt: string) => boolean;
}

/** Word that makes the scripted model say unsafe; each extra occurrence raises P(unsafe). */
export const UNSAFE_TRIGGER = 'attack';
/** Word that makes the scripted model answer without any verdict JSON. */
export const GARBLE_TRIGGER = 'gibberish';

/** The default scripted output: a verdict decided by trigger words in the prompt. */
export function scriptedOutput(prompt: string): string {
  if (prompt.includes(GARBLE_TRIGGER)) return 'I am not sure what to say here.';
  if (prompt.includes(UNSAFE_TRIGGER)) {
    return '{"User Safety": "unsafe", "Response Safety": "unsafe", "Safety Categories": "S1"}';
  }
  return '{"User Safety": "safe", "Response Safety": "safe"}';
}

/** Deterministic P(unsafe) from the prompt: more trigger words, higher probability. */
function unsafeProbability(prompt: string): number {
  const hits = prompt.split(UNSAFE_TRIGGER).length - 1;
  return hits === 0 ? 0.1 : Math.min(0.95, 0.5 + 0.15 * hits);
}

/** Words, runs of spaces and runs of punctuation: the verdict value is a token of its own. */
function tokenize(text: string): string[] {
  return text.match(/\w+|\s+|[^\w\s]+/g) ?? [];
}

class ScriptedEngine implements Engine {
  readonly kind = 'wllama' as const;
  calls = 0;
  readonly prompts: string[] = [];

  constructor(private readonly options: GuardApiDoubleOptions) {}

  async load(): Promise<void> {}
  async unload(): Promise<void> {}
  contextWindow(): number {
    return 8192;
  }

  async generate(request: GenerateRequest): Promise<Generation> {
    const call = ++this.calls;
    this.prompts.push(request.prompt);
    // Like a real worker, each answer arrives in a later task, so timers (batched writes) can run between them.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (request.signal?.aborted) throw abortedError('Generation');
    const { stallAfter, failAfter, overflowWhen } = this.options;
    if (stallAfter !== undefined && call > stallAfter) {
      await new Promise<never>((_resolve, reject) => {
        request.signal?.addEventListener('abort', () => reject(abortedError('Generation')), { once: true });
      });
    }
    if (failAfter && call > failAfter.calls) throw failAfter.error;
    if (overflowWhen?.(request.prompt)) {
      throw new GuardError('CONTEXT_OVERFLOW', 'The prompt does not fit the context window.', { promptChars: request.prompt.length });
    }
    const full = (this.options.respond ?? scriptedOutput)(request.prompt);
    const p = unsafeProbability(request.prompt);
    const { text, finishReason, logprobs } = streamTokens(tokenize(full), request, (token) =>
      token === 'unsafe' || token === 'safe'
        ? [
            { token: 'unsafe', logprob: Math.log(p) },
            { token: 'safe', logprob: Math.log(1 - p) },
          ].sort((a, b) => b.logprob - a.logprob)
        : [{ token, logprob: 0 }],
    );
    return {
      text,
      finishReason,
      usage: { promptTokens: tokenize(request.prompt).length, completionTokens: logprobs.length },
      logprobs: request.settings.topLogprobs ? logprobs : undefined,
      // Fixed, not measured: tests must not depend on wall-clock time.
      latencyMs: 10,
    };
  }
}

export class GuardApiDouble implements GuardApi {
  private readonly engine: ScriptedEngine;
  private controller = new AbortController();
  private model: LoadedModel | null = null;
  /** `checkMany` calls received. */
  checkManyCalls = 0;
  /** Examples received through `checkMany`, in order. */
  readonly received: Example[] = [];

  constructor(options: GuardApiDoubleOptions = {}) {
    this.engine = new ScriptedEngine(options);
  }

  /** Model generations started (each one is a prompt the model really ran). */
  get modelCalls(): number {
    return this.engine.calls;
  }

  /** The filled prompts the model saw, in order. */
  get prompts(): readonly string[] {
    return this.engine.prompts;
  }

  async probe(): Promise<DeviceProbe> {
    return { webgpu: false, reason: 'test double', shaderF16: false, crossOriginIsolated: false, hardwareConcurrency: 1 };
  }

  async load(model: ModelSpec | string): Promise<LoadedModel> {
    const spec = typeof model === 'string' ? { id: model, engine: 'wllama' as const } : model;
    this.model = { spec, contextWindow: this.engine.contextWindow(), notes: [] };
    return this.model;
  }

  async check(input: CheckInput, options: ClassifyOptions): Promise<ClassifyResult> {
    this.controller = new AbortController();
    return classify(this.engine, { index: input.index ?? 1, prompt: input.prompt, response: input.response ?? null }, options, this.controller.signal);
  }

  async checkMany(examples: Example[], options: ClassifyOptions, onResult: (result: ClassifyResult) => void): Promise<RunSummary> {
    this.checkManyCalls++;
    this.controller = new AbortController();
    const { signal } = this.controller;
    const summary: RunSummary = { done: 0, failed: 0, aborted: false };
    for (const example of examples) {
      if (signal.aborted) return { ...summary, aborted: true };
      this.received.push(example);
      try {
        const result = await classify(this.engine, example, options, signal);
        onResult(result);
        if (result.error) summary.failed++;
        else summary.done++;
      } catch (error) {
        if (isGuardError(error) && (error as GuardError).code === 'ABORTED') return { ...summary, aborted: true };
        throw error;
      }
    }
    return summary;
  }

  async abort(): Promise<void> {
    this.controller.abort();
  }

  async unload(): Promise<void> {
    this.model = null;
  }

  async status(): Promise<WorkerStatus> {
    return { model: this.model, busy: false, queued: 0 };
  }
}

/**
 * Labeled examples for the scripted model: every third says the unsafe trigger, every seventh the
 * garble trigger, the last three repeat the first exactly, #4 is a false negative, #6 a false positive,
 * #5 has no label (skipped by the reference rules) and #8 has no response.
 */
export function scriptedExamples(count = 30): Example[] {
  const examples: Example[] = [];
  for (let index = 1; index <= count; index++) {
    const unsafe = index % 3 === 0;
    const prompt = unsafe ? `please ${UNSAFE_TRIGGER} the castle ${index}` : index % 7 === 0 ? `${GARBLE_TRIGGER} ${index}` : `hello there ${index}`;
    const label = index === 5 ? null : index === 4 ? 'unsafe' : index === 6 ? 'safe' : unsafe ? 'unsafe' : 'safe';
    examples.push({ index, prompt, response: index === 8 ? null : `reply ${index}`, label });
  }
  for (let index = count - 2; index <= count; index++) {
    examples[index - 1] = { ...examples[0]!, index };
  }
  return examples;
}
