import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cacheKeyText, resultCacheKey, type CacheKeyInput } from './cache-key';
import { GuardError } from './errors';

const base: CacheKeyInput = {
  modelId: 'roguard-1.0-q4f32_1-MLC',
  weightsRevision: 'rev-a',
  prompt: 'Task: check.\nUser: hello\nOutput JSON:',
  settings: { maxTokens: 100, temperature: 0.2, topP: 1, seed: 7, topLogprobs: 5 },
  earlyStop: true,
};

describe('resultCacheKey', () => {
  it('is the SHA-256 hex of the canonical text', async () => {
    const key = await resultCacheKey(base);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).toBe(createHash('sha256').update(cacheKeyText(base), 'utf8').digest('hex'));
  });

  it('is stable for equal inputs whatever the property order', async () => {
    const reordered: CacheKeyInput = {
      earlyStop: true,
      settings: { topLogprobs: 5, seed: 7, topP: 1, temperature: 0.2, maxTokens: 100 },
      prompt: base.prompt,
      weightsRevision: 'rev-a',
      modelId: base.modelId,
    };
    expect(await resultCacheKey(reordered)).toBe(await resultCacheKey(base));
  });

  const changes: [string, CacheKeyInput][] = [
    ['model id', { ...base, modelId: 'Llama-3.1-8B-Instruct-q4f32_1-MLC' }],
    ['weights revision', { ...base, weightsRevision: 'rev-b' }],
    ['prompt text', { ...base, prompt: base.prompt + ' ' }],
    ['prompt case', { ...base, prompt: base.prompt.replace('hello', 'Hello') }],
    ['max tokens', { ...base, settings: { ...base.settings, maxTokens: 101 } }],
    ['temperature', { ...base, settings: { ...base.settings, temperature: 0 } }],
    ['top p', { ...base, settings: { ...base.settings, topP: 0.9 } }],
    ['seed', { ...base, settings: { ...base.settings, seed: 8 } }],
    ['seed absent', { ...base, settings: { maxTokens: 100, temperature: 0.2, topP: 1, topLogprobs: 5 } }],
    ['top logprobs', { ...base, settings: { ...base.settings, topLogprobs: 0 } }],
    ['early stop', { ...base, earlyStop: false }],
  ];

  for (const [what, changed] of changes) {
    it(`changes when the ${what} changes`, async () => {
      expect(await resultCacheKey(changed)).not.toBe(await resultCacheKey(base));
    });
  }

  it('gives every one of those inputs its own key', async () => {
    const keys = await Promise.all([base, ...changes.map(([, c]) => c)].map(resultCacheKey));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('cannot be fooled by moving text between fields', async () => {
    // Plain concatenation would make these two equal ("ab" + "c" vs "a" + "bc").
    const a = await resultCacheKey({ ...base, modelId: 'ab', weightsRevision: 'c' });
    const b = await resultCacheKey({ ...base, modelId: 'a', weightsRevision: 'bc' });
    expect(a).not.toBe(b);
    const c = await resultCacheKey({ ...base, modelId: 'a","b' });
    const d = await resultCacheKey({ ...base, modelId: 'a', weightsRevision: 'b' });
    expect(c).not.toBe(d);
  });

  it('ignores parsing settings: they are not inputs of the key at all', async () => {
    // Extraction mode, flagged value and output field only decide how the output is read. Extra
    // properties that a caller might spread in from ClassifyOptions must not leak into the key.
    const withParsing = {
      ...base,
      extraction: 'robust',
      outputField: 'User Safety',
      flaggedValue: 'unsafe',
    } as CacheKeyInput;
    const otherParsing = {
      ...base,
      extraction: 'reference',
      outputField: 'Response Safety',
      flaggedValue: 'harmful',
    } as CacheKeyInput;
    expect(await resultCacheKey(withParsing)).toBe(await resultCacheKey(base));
    expect(await resultCacheKey(otherParsing)).toBe(await resultCacheKey(base));
  });

  it('defaults early stop to on, like ClassifyOptions', async () => {
    const { earlyStop: _omitted, ...withoutEarlyStop } = base;
    expect(await resultCacheKey(withoutEarlyStop)).toBe(await resultCacheKey(base));
  });

  it('treats -0 and 0 alike and rejects non-finite numbers with the setting named', async () => {
    const zero = { ...base, settings: { ...base.settings, temperature: 0 } };
    const negativeZero = { ...base, settings: { ...base.settings, temperature: -0 } };
    expect(await resultCacheKey(negativeZero)).toBe(await resultCacheKey(zero));
    const bad = { ...base, settings: { ...base.settings, topP: Number.NaN } };
    await expect(resultCacheKey(bad)).rejects.toThrow(GuardError);
    await expect(resultCacheKey(bad)).rejects.toThrow(/topP/);
  });

  it('hashes non-ASCII prompts by their UTF-8 bytes', async () => {
    const input = { ...base, prompt: 'ünsafe 🙂 \u2028' };
    expect(await resultCacheKey(input)).toBe(createHash('sha256').update(cacheKeyText(input), 'utf8').digest('hex'));
    expect(await resultCacheKey(input)).not.toBe(await resultCacheKey({ ...base, prompt: 'unsafe 🙂 \u2028' }));
  });
});
