import { GuardError, isGuardError, type GuardErrorCode } from '../../core/errors';

/** Any failure as our typed error; foreign errors keep their message under a fallback code. */
export function toGuardError(error: unknown, fallback: GuardErrorCode = 'ENGINE_ERROR'): GuardError {
  if (error instanceof GuardError) return error;
  if (isGuardError(error)) return new GuardError(error.code, error.message, error.details);
  if (error instanceof Error) return new GuardError(fallback, error.message || error.name, undefined, { cause: error });
  return new GuardError(fallback, String(error));
}
