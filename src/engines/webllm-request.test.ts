import { describe, expect, it } from 'vitest';
import type { GenerateRequest } from '../core/engine';
import { appConfigOf, cleanModelUrl, completionParams, finishReasonOf, modelRecordOf, toProgress, toTokenLogprobs } from './webllm-request';

const request = (settings: Partial<GenerateRequest['settings']>): GenerateRequest => ({
  prompt: 'Output JSON:',
  settings: { maxTokens: 100, temperature: 0, topP: 1, ...settings },
});

describe('completion request', () => {
  it('greedy with logprobs becomes temperature 1 / top_p 1e-5 (temperature 0 makes logprobs useless)', () => {
    const params = completionParams(request({ topLogprobs: 5 }), 'm');
    expect(params).toMatchObject({ model: 'm', prompt: 'Output JSON:', stream: true, max_tokens: 100, temperature: 1, top_p: 1e-5, logprobs: true, top_logprobs: 5 });
    expect(params.stream_options).toEqual({ include_usage: true });
  });

  it('greedy without logprobs stays temperature 0 and asks for none', () => {
    const params = completionParams(request({}), 'm');
    expect(params.temperature).toBe(0);
    expect(params.logprobs).toBeUndefined();
    expect(params.top_logprobs).toBeUndefined();
  });

  it('reference sampling passes 0.2 / 1 and an integer seed', () => {
    const params = completionParams(request({ temperature: 0.2, topP: 1, seed: 42.7, topLogprobs: 3 }), 'm');
    expect(params).toMatchObject({ temperature: 0.2, top_p: 1, seed: 42, top_logprobs: 3 });
  });

  it('keeps top_logprobs within WebLLM 0–5 and asks at least one so the chosen token is reported', () => {
    expect(completionParams(request({ topLogprobs: 20 }), 'm').top_logprobs).toBe(5);
    expect(completionParams(request({ topLogprobs: 0 }), 'm').top_logprobs).toBe(1);
  });
});

describe('model record', () => {
  const spec = { id: 'x-q4f16_1', engine: 'webllm' as const, url: 'https://h.example/x', modelLibUrl: 'https://h.example/x.wasm', contextWindow: 8192 };
  it('lists shader-f16 for f16 builds and sets the context window', () => {
    expect(modelRecordOf(spec)).toEqual({
      model: 'https://h.example/x',
      model_id: 'x-q4f16_1',
      model_lib: 'https://h.example/x.wasm',
      overrides: { context_window_size: 8192 },
      required_features: ['shader-f16'],
    });
    expect(appConfigOf(spec).cacheBackend).toBe('cache');
  });

  it('needs both URLs', () => {
    expect(() => modelRecordOf({ id: 'y', engine: 'webllm', url: 'https://h.example/y' })).toThrow(/model library URL/);
  });

  it('cleans weights URLs the way WebLLM does', () => {
    expect(cleanModelUrl('https://huggingface.co/org/m')).toBe('https://huggingface.co/org/m/resolve/main/');
    expect(cleanModelUrl('https://huggingface.co/org/m/resolve/v2/')).toBe('https://huggingface.co/org/m/resolve/v2/');
    expect(cleanModelUrl('/models/m', 'http://127.0.0.1:5000')).toBe('http://127.0.0.1:5000/models/m/resolve/main/');
  });
});

describe('output', () => {
  it('maps logprobs, null (−inf) included, trimmed to the alternatives asked for', () => {
    const mapped = toTokenLogprobs(
      [{ token: 'unsafe', logprob: -0.1, bytes: null, top_logprobs: [{ token: 'unsafe', logprob: -0.1, bytes: null }, { token: 'safe', logprob: null as unknown as number, bytes: null }] }],
      1,
    );
    expect(mapped).toEqual([{ token: 'unsafe', logprob: -0.1, top: [{ token: 'unsafe', logprob: -0.1 }] }]);
    expect(toTokenLogprobs([{ token: 'a', logprob: null as unknown as number, bytes: null, top_logprobs: [] }], 5)[0]!.logprob).toBe(-Infinity);
  });

  it('finish reasons: our early stop wins over WebLLM "abort"', () => {
    expect(finishReasonOf('abort', true)).toBe('early');
    expect(finishReasonOf('abort', false)).toBe('abort');
    expect(finishReasonOf('length', false)).toBe('length');
    expect(finishReasonOf('stop', false)).toBe('stop');
  });

  it('turns WebLLM load reports into phases with bytes', () => {
    expect(toProgress({ progress: 0.5, timeElapsed: 3, text: 'Fetching param cache[3/10]: 100MB fetched. 50% completed' }, 2000)).toMatchObject({
      phase: 'download',
      loaded: 1000,
      total: 2000,
    });
    expect(toProgress({ progress: 0.25, timeElapsed: 1, text: 'Loading GPU shader modules[1/4]: 25% completed' }, 2000).phase).toBe('compile');
    expect(toProgress({ progress: 1, timeElapsed: 9, text: 'Finish loading on WebGPU - swiftshader' }, 2000).phase).toBe('ready');
    expect(toProgress({ progress: 0.1, timeElapsed: 1, text: 'Loading model from cache[1/10]' }, 2000).phase).toBe('load');
  });
});
