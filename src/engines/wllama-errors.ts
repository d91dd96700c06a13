/** Maps what wllama and fetch throw to our GuardError, with a message that says what to do. */
import { GuardError, isGuardError } from '../core/errors';

/** llama-server's message when the prompt does not fit: "request (N tokens) exceeds the available context size (M tokens)…". */
const OVERFLOW = /request \((\d+) tokens\) exceeds the available context size \((\d+) tokens\)/;

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'WllamaAbortError');
}

/** The prompt length llama.cpp reported in a context-overflow error, if that is what `error` is. */
export function overflowTokens(error: unknown): { promptTokens: number; contextWindow: number } | null {
  const match = error instanceof Error ? OVERFLOW.exec(error.message) : null;
  return match ? { promptTokens: Number(match[1]), contextWindow: Number(match[2]) } : null;
}

/** A failure during generation or token counting, as a GuardError. */
export function generationError(error: unknown): GuardError {
  if (isGuardError(error)) return error;
  if (isAbortError(error)) return new GuardError('ABORTED', 'Generation was cancelled.');
  const overflow = overflowTokens(error);
  if (overflow) {
    return new GuardError(
      'CONTEXT_OVERFLOW',
      `The filled template is ${overflow.promptTokens} tokens but the model was loaded with a ${overflow.contextWindow}-token context. Load it with a larger context window or shorten the input.`,
      overflow,
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return new GuardError('ENGINE_ERROR', `llama.cpp (wllama) failed while generating: ${message}`, undefined, { cause: error });
}

/** A failure while loading a model from `source`, as a GuardError. */
export function loadError(error: unknown, source: string): GuardError {
  if (isGuardError(error)) return error;
  if (isAbortError(error)) return new GuardError('ABORTED', 'Loading the model was cancelled.');
  const message = error instanceof Error ? error.message : String(error);
  const http = /HTTP (\d{3})/.exec(message);
  if (http) return httpError(source, Number(http[1]));
  if (error instanceof TypeError && /fetch|network/i.test(message)) return networkError(source, error);
  return new GuardError(
    'MODEL_LOAD_FAILED',
    `llama.cpp (wllama) could not load the model from ${source}: ${message}. Check that it is a GGUF file of a supported architecture.`,
    { url: source },
    { cause: error },
  );
}

export function httpError(url: string, status: number): GuardError {
  return new GuardError(
    'MODEL_LOAD_FAILED',
    `The model file ${url} could not be downloaded: the server answered HTTP ${status}. Check the URL (or your access to it).`,
    { url, status },
  );
}

export function networkError(url: string, cause: unknown): GuardError {
  return new GuardError(
    'DOWNLOAD_FAILED',
    `The model file ${url} could not be reached (${cause instanceof Error ? cause.message : String(cause)}). Check your connection; a host on another origin must allow CORS.`,
    { url },
    { cause },
  );
}
