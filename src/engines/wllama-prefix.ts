/**
 * Prefix reuse in the wllama engine. llama-server keeps the KV cache of the last prompt (and, in its
 * host-memory prompt cache, of earlier ones) and computes only what follows the longest start, in
 * tokens, that a new prompt shares with a kept one. For a guard template that start is the fixed
 * policy before `{prompt}`, so it is computed once per loaded model. Reuse is exact: a kept entry is
 * used only for identical tokens at identical positions of the same loaded model.
 */
import type { LoadModelParams } from '@wllama/wllama';
import type { ModelSpec } from '../core/engine';

/**
 * Load parameters that keep reuse exact. `n_cache_reuse: 0` forbids reusing cached chunks moved to
 * other positions (a RoPE shift, which changes the output); `ctx_shift: false` ends generation at a
 * full context instead of dropping tokens from the middle of the prompt.
 */
export const EXACT_REUSE_PARAMS = { n_cache_reuse: 0, ctx_shift: false } as const satisfies Partial<LoadModelParams>;

/** `options.prefixReuse` of a model spec: on unless it is `false` (or the text `"false"`/`"off"`). */
export function prefixReuseOf(options: ModelSpec['options'] = {}): boolean {
  const value = options.prefixReuse;
  return !(value === false || value === 'false' || value === 'off' || value === 0);
}
