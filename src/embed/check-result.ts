/**
 * From the worker's classify result to the embedder's decision: which verdict keys to read for a check,
 * the prompt and response verdicts, categories by name, and what `failMode` makes of a failure.
 */
import { GuardError, isGuardError, type GuardErrorData } from '../core/errors';
import type { ClassifyOptions, ClassifyResult, Verdict } from '../core/result';
import { normaliseKey, normaliseValue, valueStatus } from '../core/verdict-robust';
import type { GuardPolicy } from './policies';
import type { FailMode, GuardCategory, GuardCheckResult, GuardVerdict } from './types';

/** What one check asks the worker for, and which keys answer for the prompt and the response. */
export interface CheckPlan {
  options: ClassifyOptions;
  promptField?: string;
  responseField?: string;
  /** The key generation waits for (its verdict is the one scored). */
  main: 'prompt' | 'response';
}

/**
 * Plans a check. With a response, the response key is the one waited for and scored; when the prompt
 * key is read too, generation runs to the model's end, since early stopping after the response verdict
 * could cut off the categories of a flagged prompt.
 * @throws GuardError BAD_INPUT when the policy judges responses alone and no response was given
 */
export function planCheck(guardPolicy: GuardPolicy, hasResponse: boolean): CheckPlan {
  const { policy, maxTokens, promptField, responseField } = guardPolicy;
  const readResponse = hasResponse && responseField !== undefined;
  if (!readResponse && promptField === undefined) {
    throw new GuardError('BAD_INPUT', `This policy judges responses only ("${responseField}"): pass a response with the prompt.`, { field: 'response' });
  }
  const main = readResponse ? 'response' : 'prompt';
  const outputField = (readResponse ? responseField : promptField)!;
  const options: ClassifyOptions = {
    policy: { ...policy, outputField },
    extraction: 'robust',
    settings: { maxTokens, temperature: 0, topP: 1 },
    nullResponseText: '',
    earlyStop: !(readResponse && promptField !== undefined),
    score: true,
  };
  return { options, main, ...(promptField ? { promptField } : {}), ...(readResponse ? { responseField } : {}) };
}

function mainVerdict(verdict: Verdict, field: string): GuardVerdict {
  return { status: verdict.status, value: verdict.value, field };
}

/** A key other than the one waited for, read from the fields the robust parser found. */
function otherVerdict(verdict: Verdict, field: string, flaggedValue: string): GuardVerdict {
  const wanted = normaliseKey(field);
  const key = Object.keys(verdict.fields).find((candidate) => normaliseKey(candidate) === wanted);
  const value = key === undefined ? '' : verdict.fields[key]!;
  if (normaliseValue(value) === '') return { status: 'unparsed', value: '', field };
  return { status: valueStatus(value, flaggedValue), value: value.trim(), field };
}

function categoryList(ids: string[], names: Record<string, string> | undefined): GuardCategory[] {
  return ids.map((id) => ({ id, name: names?.[id] ?? id }));
}

/** The result of a check that produced no verdict: `failMode` decides, the error says why. */
export function failedCheck(error: GuardErrorData, failMode: FailMode, extra: Partial<Pick<GuardCheckResult, 'raw' | 'latencyMs'>> = {}): GuardCheckResult {
  return {
    flagged: failMode === 'closed',
    categories: [],
    scores: {},
    raw: extra.raw ?? '',
    latencyMs: extra.latencyMs ?? 0,
    reason: reasonFor(error, failMode),
    error,
  };
}

/** Any failure as error data; anything not ours becomes ENGINE_ERROR with its text. */
export function toErrorData(error: unknown): GuardErrorData {
  if (isGuardError(error)) return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'ENGINE_ERROR', message: `The guard failed: ${text}` };
}

/** The embedder's result for one classify result. */
export function toCheckResult(result: ClassifyResult, plan: CheckPlan, failMode: FailMode): GuardCheckResult {
  if (result.error) return failedCheck(result.error, failMode, { raw: result.raw, latencyMs: result.latencyMs });
  const { verdict } = result;
  const { flaggedValue, categories: names } = plan.options.policy;
  const read = (slot: 'prompt' | 'response', field: string) =>
    slot === plan.main ? mainVerdict(verdict, field) : otherVerdict(verdict, field, flaggedValue);
  const prompt = plan.promptField === undefined ? undefined : read('prompt', plan.promptField);
  const response = plan.responseField === undefined ? undefined : read('response', plan.responseField);
  const verdicts = [prompt, response].filter((v): v is GuardVerdict => v !== undefined);
  const base: GuardCheckResult = {
    flagged: verdicts.some((v) => v.status === 'flagged'),
    ...(prompt ? { prompt } : {}),
    ...(response ? { response } : {}),
    categories: categoryList(verdict.categories, names),
    scores: { [plan.main]: result.score },
    raw: result.raw,
    latencyMs: result.latencyMs,
  };
  const unread = verdicts.find((v) => v.status === 'unparsed');
  if (base.flagged || !unread) return base;
  const error: GuardErrorData = {
    code: 'UNPARSED_OUTPUT',
    message: `The model's answer has no readable "${unread.field}" verdict.`,
    details: { field: unread.field },
  };
  return { ...base, flagged: failMode === 'closed', reason: reasonFor(error, failMode), error };
}

function reasonFor(error: GuardErrorData, failMode: FailMode): string {
  const effect = failMode === 'closed' ? 'fail closed: treated as flagged' : 'fail open: treated as not flagged';
  return `${error.message} (${effect})`;
}
