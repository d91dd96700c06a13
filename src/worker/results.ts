/** What a failed example's result carries: a GuardError as it is, anything else as ENGINE_ERROR. */
import { isGuardError, type GuardErrorData } from '../core/errors';

export function errorData(error: unknown): GuardErrorData {
  if (isGuardError(error)) {
    return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: 'ENGINE_ERROR', message: `The engine failed on this example: ${message}` };
}
