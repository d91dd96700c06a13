import { describe, expect, it } from 'vitest';
import { EXACT_REUSE_PARAMS, prefixReuseOf } from './wllama-prefix';

describe('wllama prefix reuse options', () => {
  it('is on unless the model options turn it off', () => {
    expect(prefixReuseOf(undefined)).toBe(true);
    expect(prefixReuseOf({})).toBe(true);
    expect(prefixReuseOf({ prefixReuse: true, threads: 2 })).toBe(true);
    for (const off of [false, 'false', 'off', 0]) expect(prefixReuseOf({ prefixReuse: off })).toBe(false);
  });

  it('never lets llama.cpp move cached tokens or drop prompt tokens, which would change the output', () => {
    expect(EXACT_REUSE_PARAMS).toEqual({ n_cache_reuse: 0, ctx_shift: false });
  });
});
