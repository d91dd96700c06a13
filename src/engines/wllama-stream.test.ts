import { describe, expect, it } from 'vitest';
import { StreamCollector, type WireChunk } from './wllama-stream';

const EOS = 2;
const progress = (total: number, cache = 0): WireChunk => ({ choices: [{ text: '' }], prompt_progress: { total, cache }, timings: { cache_n: cache, prompt_n: 0, predicted_n: 0 } });
const token = (id: number, text: string, logprob: number, top: [string, number][], predicted: number, prompt = 10, cache = 0): WireChunk => ({
  choices: [{ text, finish_reason: null, logprobs: { content: [{ id, token: text, logprob, top_logprobs: top.map(([t, l]) => ({ token: t, logprob: l })) }] } }],
  timings: { cache_n: cache, prompt_n: prompt - cache, predicted_n: predicted },
});

describe('StreamCollector', () => {
  it('joins text, keeps logprobs without EOS and takes usage from the final chunk', () => {
    const c = new StreamCollector(new Set([EOS]), 2);
    c.add(progress(10, 4));
    expect(c.add(token(7, 'unsafe', -0.15, [['unsafe', -0.15], ['safe', -1.95], ['x', -9]], 1, 10, 4))).toBe('unsafe');
    c.add(token(EOS, '', 0, [['', 0]], 2, 10, 4));
    c.add({ choices: [{ text: '', finish_reason: 'stop' }], usage: { prompt_tokens: 10, completion_tokens: 2, prompt_tokens_details: { cached_tokens: 4 } } });
    expect(c.text).toBe('unsafe');
    expect(c.logprobs).toEqual([{ token: 'unsafe', logprob: -0.15, top: [{ token: 'unsafe', logprob: -0.15 }, { token: 'safe', logprob: -1.95 }] }]);
    expect(c.finishReason(false)).toBe('stop');
    expect(c.tokenUsage()).toEqual({ promptTokens: 10, completionTokens: 2, cachedPromptTokens: 4 });
  });

  it('reports usage from per-token timings when stopped before the final chunk', () => {
    const c = new StreamCollector(new Set([EOS]), undefined);
    c.add(progress(900, 850));
    c.add(token(5, '{"A": "', -0.1, [], 1, 900, 850));
    c.add(token(6, 'b', -0.1, [], 2, 900, 850));
    expect(c.finishReason(true)).toBe('early');
    expect(c.tokenUsage()).toEqual({ promptTokens: 900, completionTokens: 2, cachedPromptTokens: 850 });
    expect(c.logprobs).toEqual([]);
  });

  it('maps length and keeps at most topLogprobs alternatives (0 keeps the chosen token only)', () => {
    const c = new StreamCollector(new Set([EOS]), 0);
    c.add(token(5, 'la', -0.01, [['la', -0.01], ['x', -5]], 1));
    c.add({ choices: [{ text: '', finish_reason: 'length' }] });
    expect(c.finishReason(false)).toBe('length');
    expect(c.logprobs).toEqual([{ token: 'la', logprob: -0.01, top: [] }]);
  });
});
