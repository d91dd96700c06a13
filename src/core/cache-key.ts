/**
 * The result cache's key: a SHA-256 of everything that decides what the model writes, and of nothing
 * that only decides how the output is read, so a change of extraction mode, flagged value or output
 * field re-scores cached outputs instead of running the model again.
 */
import type { GenerationSettings } from './engine';
import { GuardError } from './errors';

export interface CacheKeyInput {
  modelId: string;
  /** Which weights the id points at (a revision, a URL, a file hash): a new build must not reuse old outputs. */
  weightsRevision: string;
  /** The exact filled template the model sees. */
  prompt: string;
  /** The settings the engine is called with (`topLogprobs` as actually sent, since it decides whether a score exists). */
  settings: GenerationSettings;
  /** Early stop ends generation once the verdict is read, so the raw output is shorter. Default true, as in `ClassifyOptions`. */
  earlyStop?: boolean;
}

/** Bumped when the serialisation changes, so old entries are simply never hit again. */
const KEY_FORMAT = 'roguard-result-cache/1';

function finite(name: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new GuardError('BAD_CONFIG', `Generation setting ${name} must be a finite number, got ${String(value)}.`, { field: name });
  }
  // JSON writes -0 as 0; make that explicit so the text is the same for both.
  return value === 0 ? 0 : value;
}

/**
 * The canonical text hashed for a key: JSON of a fixed-order array, so no two different inputs can
 * serialise alike (strings are quoted and escaped, every field has its position, absent is `null`).
 * @throws GuardError BAD_CONFIG when a numeric setting is not finite.
 */
export function cacheKeyText(input: CacheKeyInput): string {
  const { settings } = input;
  return JSON.stringify([
    KEY_FORMAT,
    input.modelId,
    input.weightsRevision,
    input.prompt,
    finite('maxTokens', settings.maxTokens),
    finite('temperature', settings.temperature),
    finite('topP', settings.topP),
    settings.seed === undefined ? null : finite('seed', settings.seed),
    finite('topLogprobs', settings.topLogprobs ?? 0),
    input.earlyStop ?? true,
  ]);
}

/**
 * SHA-256 (Web Crypto) of the canonical serialisation, as 64 lowercase hex digits.
 * @throws GuardError BAD_CONFIG when a numeric setting is not finite.
 */
export async function resultCacheKey(input: CacheKeyInput): Promise<string> {
  const bytes = new TextEncoder().encode(cacheKeyText(input));
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
