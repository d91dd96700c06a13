import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { buildRegistry, ROGUARD_GGUF_ID, TINY_TEST_ID } from '../../engines/registry';
import { defaultModelId, entriesFor, selectedModelId, specFor, weightUrlsOf } from './catalog';
import { DEFAULT_SETTINGS } from './settings';

const probe = { webgpu: true, shaderF16: false, crossOriginIsolated: true, hardwareConcurrency: 2 };

describe('catalog', () => {
  it('passes only the URLs the user set, so the build defaults stay', () => {
    expect(weightUrlsOf(DEFAULT_SETTINGS)).toEqual({});
    expect(weightUrlsOf({ mlcWeightsUrl: 'https://w/{quant}', ggufWeightsUrl: '', tinyTestUrl: '/t.gguf' })).toEqual({
      roguardMlc: 'https://w/{quant}',
      tinyTestGguf: '/t.gguf',
    });
  });

  it('lists the models of one engine, RoGuard first and the test model last', () => {
    const entries = buildRegistry(prebuiltAppConfig, { tinyTestGguf: 'http://127.0.0.1:1/t.gguf' });
    const gpu = entriesFor(entries, 'webgpu');
    expect(gpu.every((e) => e.engine === 'webllm')).toBe(true);
    expect(gpu.slice(0, 2).map((e) => e.kind)).toEqual(['roguard', 'roguard']);
    expect(entriesFor(entries, 'cpu').map((e) => e.id)).toEqual([ROGUARD_GGUF_ID, TINY_TEST_ID]);
  });

  it('defaults to the RoGuard build the device can run', () => {
    expect(defaultModelId('webgpu', probe)).toBe('roguard-1.0-q4f32_1-MLC');
    expect(defaultModelId('webgpu', { shaderF16: true })).toBe('roguard-1.0-q4f16_1-MLC');
    expect(defaultModelId('webgpu', null)).toBe('roguard-1.0-q4f32_1-MLC');
    expect(defaultModelId('cpu', probe)).toBe(ROGUARD_GGUF_ID);
  });

  it('keeps the chosen model only while it fits the engine', () => {
    const entries = buildRegistry(prebuiltAppConfig);
    const chosen = { ...DEFAULT_SETTINGS, modelId: TINY_TEST_ID };
    expect(selectedModelId(chosen, 'cpu', entries, probe)).toBe(TINY_TEST_ID);
    expect(selectedModelId(chosen, 'webgpu', entries, probe)).toBe('roguard-1.0-q4f32_1-MLC');
    expect(selectedModelId({ ...DEFAULT_SETTINGS, modelId: 'gone' }, 'cpu', entries, probe)).toBe(ROGUARD_GGUF_ID);
    // Before the registry is read, the saved choice stands.
    expect(selectedModelId(chosen, 'webgpu', null, probe)).toBe(TINY_TEST_ID);
  });

  it('asks the worker for the entry as the page sees it, within its context limit', () => {
    const entry = buildRegistry(prebuiltAppConfig, { tinyTestGguf: '/t.gguf' }).find((e) => e.id === TINY_TEST_ID)!;
    expect(specFor(entry, 8192)).toEqual({ id: TINY_TEST_ID, engine: 'wllama', url: '/t.gguf', contextWindow: 8192 });
    expect(specFor({ ...entry, maxContextWindow: 4096 }, 8192).contextWindow).toBe(4096);
  });
});
