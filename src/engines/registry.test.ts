import { modelVersion, prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it } from 'vitest';
import { GuardError } from '../core/errors';
import { buildRegistry, estimateVramMB, findEntry, ROGUARD_GGUF_ID, ROGUARD_MLC_ID, TINY_TEST_ID } from './registry';
import { chooseBuild, customWebLLMSpec, requiredFeaturesOf, resolveModel } from './registry-resolve';
import { PLACEHOLDER_MLC_URL } from './registry-urls';

const CONFIGURED = { roguardMlc: 'https://weights.example.org/RoGuard-1.0-{quant}-MLC', roguardGguf: 'https://weights.example.org/roguard.gguf' };
const entries = buildRegistry(prebuiltAppConfig, CONFIGURED);
const noF16 = { webgpu: true, shaderF16: false };
const withF16 = { webgpu: true, shaderF16: true };

function prebuilt(id: string) {
  const record = prebuiltAppConfig.model_list.find((r) => r.model_id === id);
  if (!record) throw new Error(`installed WebLLM lacks ${id}`);
  return record;
}

function thrown(fn: () => unknown): GuardError {
  try {
    fn();
  } catch (error) {
    if (error instanceof GuardError) return error;
    throw error;
  }
  throw new Error('expected a GuardError');
}

describe('registry from the installed WebLLM', () => {
  it('pairs each RoGuard build with the prebuilt Llama-3.1-8B library of the same quantization', () => {
    for (const q of ['q4f16_1', 'q4f32_1'] as const) {
      const entry = findEntry(entries, ROGUARD_MLC_ID(q))!;
      expect(entry.modelLibUrl).toBe(prebuilt(`Llama-3.1-8B-Instruct-${q}-MLC`).model_lib);
      expect(entry.modelLibUrl).toContain(`/${modelVersion}/`);
      expect(entry.modelLibUrl).toContain(q);
      expect(entry.url).toBe(`https://weights.example.org/RoGuard-1.0-${q}-MLC`);
      expect(entry.contextWindow).toBe(4096);
    }
  });

  it('Llama entries send the BOS text the reference tokenizer adds, and resolved specs carry it', () => {
    expect(findEntry(entries, 'roguard-1.0-q4f32_1-MLC')!.promptPrefix).toBe('<|begin_of_text|>');
    expect(resolveModel('Llama-3.2-1B-Instruct-q4f16_1-MLC', entries, noF16).spec.options?.promptPrefix).toBe('<|begin_of_text|>');
  });

  it('f16 builds require shader-f16, f32 builds nothing', () => {
    expect(findEntry(entries, 'roguard-1.0-q4f16_1-MLC')!.requiredFeatures).toEqual(['shader-f16']);
    expect(findEntry(entries, 'roguard-1.0-q4f32_1-MLC')!.requiredFeatures).toEqual([]);
    expect(findEntry(entries, 'Llama-3.2-1B-Instruct-q4f16_1-MLC')!.requiredFeatures).toEqual(['shader-f16']);
  });

  it('lists the three baselines in both builds with WebLLM weights and libraries of this version', () => {
    const baselines = entries.filter((e) => e.kind === 'baseline').map((e) => e.id);
    expect(baselines).toEqual([
      'Llama-3.1-8B-Instruct-q4f16_1-MLC',
      'Llama-3.1-8B-Instruct-q4f32_1-MLC',
      'Llama-3.2-3B-Instruct-q4f16_1-MLC',
      'Llama-3.2-3B-Instruct-q4f32_1-MLC',
      'Llama-3.2-1B-Instruct-q4f16_1-MLC',
      'Llama-3.2-1B-Instruct-q4f32_1-MLC',
    ]);
    for (const id of baselines) {
      const entry = findEntry(entries, id)!;
      expect(entry.url).toBe(prebuilt(id).model);
      expect(entry.modelLibUrl).toContain(`/${modelVersion}/`);
    }
  });

  it('has GGUF entries for the CPU engine, the tiny one without a URL until given', () => {
    expect(findEntry(entries, ROGUARD_GGUF_ID)).toMatchObject({ engine: 'wllama', url: CONFIGURED.roguardGguf });
    expect(findEntry(entries, TINY_TEST_ID)!.url).toBeUndefined();
    const withTiny = buildRegistry(prebuiltAppConfig, { tinyTestGguf: 'http://127.0.0.1:9/tiny.gguf' });
    expect(findEntry(withTiny, TINY_TEST_ID)!.url).toBe('http://127.0.0.1:9/tiny.gguf');
  });

  it('without a configured URL the RoGuard entries carry the placeholder and refuse to load with advice', () => {
    const unconfigured = buildRegistry(prebuiltAppConfig);
    const entry = findEntry(unconfigured, 'roguard-1.0-q4f32_1-MLC')!;
    expect(entry.url).toBe(PLACEHOLDER_MLC_URL.replace('{quant}', 'q4f32_1'));
    expect(entry.urlIsPlaceholder).toBe(true);
    const error = thrown(() => resolveModel(entry.id, unconfigured, noF16));
    expect(error.code).toBe('BAD_CONFIG');
    expect(error.message).toContain('convert-roguard-mlc.sh');
    expect(error.message).toContain('VITE_ROGUARD_MLC_URL');
  });

  it('estimates VRAM at 8k context as WebLLM figure plus the extra KV cache', () => {
    const f16 = findEntry(entries, 'roguard-1.0-q4f16_1-MLC')!;
    const f32 = findEntry(entries, 'roguard-1.0-q4f32_1-MLC')!;
    // Llama-3.1-8B: 32 layers × 8 KV heads × 128 dims × (K, V) = 65,536 values per token;
    // 4,096 extra tokens × 2 bytes (f16) = 512 MiB, × 4 bytes (f32 KV of q4f32_1) = 1,024 MiB.
    expect(estimateVramMB(f16, 8192)! - estimateVramMB(f16, 4096)!).toBe(512);
    expect(estimateVramMB(f32, 8192)! - estimateVramMB(f32, 4096)!).toBe(1024);
    expect(estimateVramMB(f16, 4096)).toBe(Math.round(prebuilt('Llama-3.1-8B-Instruct-q4f16_1-MLC').vram_required_MB!));
  });
});

describe('build choice', () => {
  it('picks q4f32_1 without shader-f16 and says why', () => {
    const choice = chooseBuild({ shaderF16: false });
    expect(choice.quantization).toBe('q4f32_1');
    expect(choice.note).toMatch(/shader-f16/);
    expect(chooseBuild({ shaderF16: true })).toEqual({ quantization: 'q4f16_1' });
  });

  it('resolving an f16 id on a GPU without shader-f16 loads the q4f32_1 sibling with a note', () => {
    const resolved = resolveModel('roguard-1.0-q4f16_1-MLC', entries, noF16);
    expect(resolved.spec.id).toBe('roguard-1.0-q4f32_1-MLC');
    expect(resolved.spec.modelLibUrl).toBe(prebuilt('Llama-3.1-8B-Instruct-q4f32_1-MLC').model_lib);
    expect(requiredFeaturesOf(resolved.spec)).toEqual([]);
    expect(resolved.notes.join(' ')).toMatch(/shader-f16.*q4f32_1/);
    const kept = resolveModel('roguard-1.0-q4f16_1-MLC', entries, withF16);
    expect(kept.spec.id).toBe('roguard-1.0-q4f16_1-MLC');
    expect(requiredFeaturesOf(kept.spec)).toEqual(['shader-f16']);
    expect(kept.notes).toEqual([]);
  });

  it('a runtime weights URL overrides the registry, with {quant} filled for the chosen build', () => {
    const spec = { id: 'roguard-1.0-q4f16_1-MLC', engine: 'webllm' as const, url: 'https://mirror.example.net/rg-{quant}/' };
    expect(resolveModel(spec, entries, noF16).spec.url).toBe('https://mirror.example.net/rg-q4f32_1/');
    expect(resolveModel(spec, entries, withF16).spec.url).toBe('https://mirror.example.net/rg-q4f16_1/');
    const named = { ...spec, url: 'https://mirror.example.net/RoGuard-1.0-q4f16_1-MLC' };
    expect(resolveModel(named, entries, noF16).spec.url).toBe('https://mirror.example.net/RoGuard-1.0-q4f32_1-MLC');
  });

  it('accepts 8k context, refuses more', () => {
    const spec = { id: 'roguard-1.0-q4f32_1-MLC', engine: 'webllm' as const };
    expect(resolveModel({ ...spec, contextWindow: 8192 }, entries, noF16).spec.contextWindow).toBe(8192);
    expect(thrown(() => resolveModel({ ...spec, contextWindow: 16384 }, entries, noF16)).code).toBe('BAD_CONFIG');
  });

  it('an unknown id given as text is MODEL_NOT_FOUND naming the known ones', () => {
    const error = thrown(() => resolveModel('no-such-model', entries, withF16));
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toContain('roguard-1.0-q4f32_1-MLC');
  });
});

describe('custom models', () => {
  it('takes any MLC weights URL plus model library, inferring shader-f16 from the build name', () => {
    const spec = customWebLLMSpec({ id: 'my-guard', url: 'https://x.example/my-guard-q4f16_1-MLC', modelLibUrl: 'https://x.example/lib.wasm' });
    expect(spec).toMatchObject({ id: 'my-guard', engine: 'webllm', contextWindow: 4096, options: { requiredFeatures: 'shader-f16' } });
    const resolved = resolveModel(spec, entries, noF16);
    expect(resolved.spec.id).toBe('my-guard');
    expect(requiredFeaturesOf(resolved.spec)).toEqual(['shader-f16']);
  });

  it('refuses a custom model without a library or with a non-http URL, naming the field', () => {
    const missing = thrown(() => resolveModel({ id: 'c', engine: 'webllm', url: 'https://x.example/m' }, entries, withF16));
    expect(missing.code).toBe('BAD_CONFIG');
    expect(missing.message).toContain('model library URL');
    const bad = thrown(() => customWebLLMSpec({ id: 'c', url: 'ftp://x.example/m', modelLibUrl: 'https://x.example/l.wasm' }));
    expect(bad.message).toContain('ftp://x.example/m');
  });
});
