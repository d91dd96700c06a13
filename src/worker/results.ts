/** The result of an example that failed: no output, status `unparsed`, and the error saying why. */
import { isGuardError, type GuardErrorData } from '../core/errors';
import type { ClassifyResult } from '../core/result';

export function errorData(error: unknown): GuardErrorData {
  if (isGuardError(error)) {
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'ENGINE_ERROR', message: `The engine failed on this example: ${message}` };
}

export function failedResult(index: number, error: unknown): ClassifyResult {
  return {
    index,
    raw: '',
    verdict: { value: '', status: 'unparsed', categories: [], fields: {} },
    score: null,
    usage: { promptTokens: 0, completionTokens: 0 },
    latencyMs: 0,
    finishReason: 'stop',
    error: errorData(error),
  };
}
