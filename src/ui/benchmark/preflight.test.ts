import { describe, expect, it } from 'vitest';
import type { DeviceProbe } from '../../engines/device';
import type { ModelEntry } from '../../engines/registry';
import type { LoadedModel } from '../../worker/api';
import {
  contextCheck,
  deviceCheck,
  estimateTokens,
  formatDuration,
  longestPrompt,
  promptLengthOf,
  storageCheck,
  timeCheck,
} from './preflight';

const probe = (patch: Partial<DeviceProbe> = {}): DeviceProbe => ({
  webgpu: true,
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader', isFallback: true },
  shaderF16: false,
  crossOriginIsolated: true,
  hardwareConcurrency: 2,
  ...patch,
});
const loaded = (engine: 'webllm' | 'wllama' | 'openai', id = 'm'): LoadedModel => ({ spec: { id, engine, url: 'http://127.0.0.1:8000' }, contextWindow: 4096, notes: [] });
const entry = (patch: Partial<ModelEntry>): ModelEntry => ({
  id: 'm',
  label: 'Model M',
  engine: 'webllm',
  kind: 'roguard',
  quantization: 'q4f32_1',
  requiredFeatures: [],
  contextWindow: 4096,
  maxContextWindow: 8192,
  ...patch,
});

describe('deviceCheck', () => {
  it('fails without a loaded model and says where to load one', () => {
    expect(deviceCheck(probe(), null, undefined)).toMatchObject({ status: 'fail', detail: expect.stringContaining('Models page') });
  });

  it('fails a WebGPU model without WebGPU or without shader-f16 when the build needs it', () => {
    expect(deviceCheck(probe({ webgpu: false, reason: 'navigator.gpu is missing' }), loaded('webllm'), entry({})).status).toBe('fail');
    const f16 = deviceCheck(probe(), loaded('webllm'), entry({ requiredFeatures: ['shader-f16'] }));
    expect(f16).toMatchObject({ status: 'fail', detail: expect.stringContaining('q4f32_1') });
  });

  it('passes a loaded WebGPU model and states its memory estimate', () => {
    const check = deviceCheck(probe(), loaded('webllm'), entry({ vramMB: 1000 }));
    expect(check.status).toBe('ok');
    expect(check.detail).toContain('SwiftShader');
    expect(check.detail).toContain('1.0 GB');
  });

  it('names the CPU threads for wllama and the server for openai', () => {
    expect(deviceCheck(probe(), loaded('wllama'), entry({ label: 'Tiny' })).detail).toBe('Tiny is loaded on the CPU engine, 2 threads.');
    expect(deviceCheck(probe({ crossOriginIsolated: false }), loaded('wllama'), undefined).detail).toContain('one thread');
    expect(deviceCheck(null, loaded('openai'), undefined).detail).toContain('http://127.0.0.1:8000');
  });
});

describe('estimateTokens', () => {
  it('uses the trial ratio when measured, else three characters per token', () => {
    expect(estimateTokens(900, null)).toEqual({ tokens: 300, measured: false });
    expect(estimateTokens(1000, { examples: 3, ms: 30, promptTokens: 750, promptChars: 3000 })).toEqual({ tokens: 250, measured: true });
  });
});

describe('contextCheck', () => {
  const longest = { index: 7, chars: 9000 };

  it('passes when prompt and output fit', () => {
    expect(contextCheck(longest, 4096, 100, null, 0)).toMatchObject({ status: 'ok', detail: expect.stringContaining('Example 7') });
  });

  it('warns, with the count, when the longest does not fit', () => {
    const check = contextCheck(longest, 3000, 100, null, 4);
    expect(check.status).toBe('warn');
    expect(check.detail).toContain('3100 tokens');
    expect(check.detail).toContain('4 example(s)');
  });

  it('is unknown without examples or without a context window', () => {
    expect(contextCheck(null, 4096, 100, null, 0).status).toBe('unknown');
    expect(contextCheck(longest, undefined, 100, null, 0).status).toBe('unknown');
  });
});

describe('storageCheck', () => {
  const storage = (available: number) => ({ usage: 0, quota: available, available, persisted: null });
  it('compares the estimate with the free space', () => {
    // 100 examples × (1200 + 2·400) bytes = 200 kB
    expect(storageCheck(storage(1_000_000), 100, 400)).toMatchObject({ status: 'ok', detail: 'About 200.0 KB needed, 1.0 MB free.' });
    expect(storageCheck(storage(300_000), 100, 400).status).toBe('warn');
    expect(storageCheck(storage(100_000), 100, 400).status).toBe('fail');
    expect(storageCheck(null, 100, 400).status).toBe('unknown');
  });
});

describe('timeCheck', () => {
  it('scales the trial to the whole dataset', () => {
    expect(timeCheck({ examples: 3, ms: 1500, promptTokens: 1, promptChars: 1 }, 600).detail).toContain('500 ms per example on the first 3: about 5 min 0 s for 600 examples');
    expect(timeCheck(null, 600).status).toBe('unknown');
  });
});

describe('formatDuration', () => {
  it.each([
    [850, '850 ms'],
    [12_400, '12 s'],
    [250_000, '4 min 10 s'],
    [7_500_000, '2 h 5 min'],
    [Number.NaN, '–'],
  ])('%s ms → %s', (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe('promptLengthOf and longestPrompt', () => {
  const template = 'User: {prompt}\nAgent: {response}\nAgain: {prompt}\n{{"verdict": ...}}';
  const examples = [
    { index: 1, prompt: 'abc', response: 'de' },
    { index: 2, prompt: 'a', response: null },
    { index: 3, prompt: 'abcdef', response: '' },
  ];

  it('equals the filled length without filling each example', () => {
    const lengthOf = promptLengthOf(template, 'None');
    // fixed part: "User: " 6 + "\nAgent: " 8 + "\nAgain: " 8 + "\n" 1 + '{"verdict": ...}' 16 = 39
    expect(lengthOf(examples[0]!)).toBe(39 + 2 * 3 + 2);
    expect(lengthOf(examples[1]!)).toBe(39 + 2 * 1 + 4);
    expect(promptLengthOf(template, '')(examples[1]!)).toBe(39 + 2);
  });

  it('finds the longest and counts those over a limit', () => {
    const lengthOf = promptLengthOf(template, 'None');
    expect(longestPrompt(examples, lengthOf, 46)).toEqual({ longest: { index: 3, chars: 51 }, overLimit: 2 });
    expect(longestPrompt([], lengthOf)).toEqual({ longest: null, overLimit: 0 });
  });
});
