/**
 * THE classification step, used by every engine and front end: fill the template, generate (stopping as soon
 * as the verdict is read), extract the verdict, score it. Nothing engine-specific lives here.
 */
import type { Engine, GenerateRequest, Generation } from './engine';
import { abortedError, isGuardError, type GuardErrorCode, type GuardErrorData } from './errors';
import type { ClassifyOptions, ClassifyResult, ExtractionMode, Policy } from './result';
import { flaggedScore } from './score';
import { fillTemplate, templatePrefix } from './template';
import { extractVerdict, referencePattern } from './verdict';
import { normaliseKey, scanFirstObject, valueStatus } from './verdict-robust';

/** What can be classified: a dataset example, or a single check with no index. */
export interface ClassifyInput {
  /** 1-based dataset position; 0 in the result when absent (a single check). */
  index?: number;
  prompt: string;
  /** null or absent: no response (filled as `options.nullResponseText`, default `""`). */
  response?: string | null;
}

/** Engine failures that end this example only; the run goes on and the result carries the error. */
export const PER_EXAMPLE_FAILURES: ReadonlySet<GuardErrorCode> = new Set(['CONTEXT_OVERFLOW', 'UNPARSED_OUTPUT', 'ENGINE_ERROR']);

/** Fields that are plain text, so the reference pattern's first match is final once its value is followed. */
const PLAIN_FIELD = /^[^\\^$.|?*+()[\]{}"]*$/;

/** True when the template or policy asks the model for violated categories. */
function wantsCategories(policy: Policy): boolean {
  return Object.keys(policy.categories ?? {}).length > 0 || /categor/i.test(policy.template);
}

/**
 * A `stopWhen` for engines: true once generating more cannot change the extracted verdict.
 * - reference: the pattern has matched and the value's word run is followed by an ASCII character (by the
 *   greedy `\w+`, a non-word one). A later match cannot come first, and the value cannot grow, so the result
 *   equals that of the full output. Only for plain field names; otherwise never stops early.
 * - robust: the verdict field's value in the first object is complete; when it is flagged and categories
 *   are wanted, also the object's closing brace.
 * Text holding U+FFFD (a character still being decoded) never stops, since it may change.
 */
export function verdictStopCondition(policy: Policy, mode: ExtractionMode): (textSoFar: string) => boolean {
  if (mode === 'reference') {
    const pattern = PLAIN_FIELD.test(policy.outputField) ? referencePattern(policy.outputField) : null;
    if (!pattern) return () => false;
    return (text) => {
      if (text.includes('\uFFFD')) return false;
      const match = pattern.exec(text);
      if (!match?.[1]) return false;
      const end = match.indices![1]![1];
      return end < text.length && text.charCodeAt(end) < 0x80;
    };
  }
  const wanted = normaliseKey(policy.outputField);
  const categories = wantsCategories(policy);
  return (text) => {
    if (text.includes('\uFFFD')) return false;
    const object = scanFirstObject(text);
    const pair = object?.pairs.find((candidate) => normaliseKey(candidate.key) === wanted);
    if (!object || !pair?.complete) return false;
    return !(categories && valueStatus(pair.value, policy.flaggedValue) === 'flagged') || object.closed;
  };
}

/** The result of an example that failed: no output, status `unparsed`, and the error saying why. */
export function failedResult(index: number, error: GuardErrorData, latencyMs: number): ClassifyResult {
  return {
    index,
    raw: '',
    verdict: { value: '', status: 'unparsed', categories: [], fields: {} },
    score: null,
    usage: { promptTokens: 0, completionTokens: 0 },
    latencyMs,
    finishReason: 'stop',
    error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) },
  };
}

/**
 * Classifies one example with any engine.
 * @throws GuardError BAD_TEMPLATE for a bad template, BAD_CONFIG for an unusable reference field, and the
 * engine's ABORTED, DEVICE_LOST, NOT_LOADED… (CONTEXT_OVERFLOW, UNPARSED_OUTPUT and ENGINE_ERROR become a
 * result with `error` and an `unparsed` verdict instead).
 */
export async function classify(engine: Engine, input: ClassifyInput, options: ClassifyOptions, signal?: AbortSignal): Promise<ClassifyResult> {
  if (signal?.aborted) throw abortedError('Classification');
  const { policy } = options;
  const index = input.index ?? 0;
  const prompt = fillTemplate(policy.template, { prompt: input.prompt, response: input.response ?? options.nullResponseText ?? '' });
  const wantScore = options.score !== false;
  const request: GenerateRequest = {
    prompt,
    settings: wantScore ? { ...options.settings, topLogprobs: options.settings.topLogprobs || 5 } : options.settings,
    prefixHint: templatePrefix(policy.template),
  };
  if (signal) request.signal = signal;
  if (options.earlyStop !== false) request.stopWhen = verdictStopCondition(policy, options.extraction);
  const started = performance.now();
  let generation: Generation;
  try {
    generation = await engine.generate(request);
  } catch (error) {
    if (isGuardError(error) && PER_EXAMPLE_FAILURES.has(error.code)) return failedResult(index, error, performance.now() - started);
    throw error;
  }
  return {
    index,
    raw: generation.text,
    verdict: extractVerdict(generation.text, policy, options.extraction),
    score: wantScore ? flaggedScore(generation, policy) : null,
    usage: generation.usage,
    latencyMs: generation.latencyMs,
    finishReason: generation.finishReason,
  };
}
