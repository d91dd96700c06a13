/** The one error type of RoGuard Web; `code` survives the worker boundary, the message tells a person what to do. */
export type GuardErrorCode =
  | 'WEBGPU_UNAVAILABLE'
  | 'SHADER_F16_UNSUPPORTED'
  | 'MODEL_LOAD_FAILED'
  | 'MODEL_NOT_FOUND'
  | 'DOWNLOAD_FAILED'
  | 'DEVICE_LOST'
  | 'CONTEXT_OVERFLOW'
  | 'UNPARSED_OUTPUT'
  | 'ENGINE_UNREACHABLE'
  | 'ENGINE_ERROR'
  | 'NOT_LOADED'
  | 'ABORTED'
  | 'STORAGE_QUOTA'
  | 'BAD_CONFIG'
  | 'BAD_TEMPLATE'
  | 'BAD_INPUT';

export interface GuardErrorData {
  code: GuardErrorCode;
  message: string;
  /** Extra facts for the person or the program (file, row, field, bytes needed, …). */
  details?: Record<string, string | number | boolean | null>;
}

export class GuardError extends Error {
  override readonly name = 'GuardError';
  readonly code: GuardErrorCode;
  readonly details?: GuardErrorData['details'];

  constructor(code: GuardErrorCode, message: string, details?: GuardErrorData['details'], options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  toData(): GuardErrorData {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }

  static fromData(data: GuardErrorData): GuardError {
    return new GuardError(data.code, data.message, data.details);
  }
}

export function isGuardError(error: unknown): error is GuardError {
  return error instanceof GuardError || (error instanceof Error && error.name === 'GuardError' && 'code' in error);
}

/** An `AbortSignal`'s reason as our typed error. */
export function abortedError(what = 'The operation'): GuardError {
  return new GuardError('ABORTED', `${what} was cancelled.`);
}
