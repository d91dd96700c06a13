import { describe, expect, it } from 'vitest';
import { GuardError } from '../core/errors';
import { toGuardError } from './webllm-errors';

function named(name: string, message = `${name} happened`): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const load = { phase: 'load' as const, modelId: 'roguard-1.0-q4f16_1-MLC', url: 'https://w.example/m' };

describe('WebLLM errors as GuardError', () => {
  it.each([
    ['WebGPUNotAvailableError', 'WEBGPU_UNAVAILABLE', /Chrome/],
    ['ShaderF16SupportError', 'SHADER_F16_UNSUPPORTED', /q4f32_1/],
    ['DeviceLostError', 'DEVICE_LOST', /smaller model/],
    ['ModelNotLoadedError', 'NOT_LOADED', /Load a model/],
    ['IntegrityError', 'DOWNLOAD_FAILED', /load again/],
    ['QuotaExceededError', 'STORAGE_QUOTA', /Delete cached models/],
  ] as const)('%s → %s with advice', (name, code, advice) => {
    const error = toGuardError(named(name), load);
    expect(error).toBeInstanceOf(GuardError);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(advice);
    expect(error.details?.model).toBe(load.modelId);
  });

  it('context overflow keeps the token counts and says what to do', () => {
    const error = toGuardError(named('ContextWindowSizeExceededError', 'Prompt tokens exceed context window size: number of prompt tokens: 5000; context window size: 4096\nConsider…'), {
      phase: 'generate',
    });
    expect(error.code).toBe('CONTEXT_OVERFLOW');
    expect(error.message).toContain('5000');
    expect(error.message).toContain('8192');
  });

  it('a destroyed device during generation is DEVICE_LOST', () => {
    expect(toGuardError(new Error('Instance dropped: GPU device was destroyed'), { phase: 'generate' }).code).toBe('DEVICE_LOST');
  });

  it('a null adapter (plain Error) is WEBGPU_UNAVAILABLE', () => {
    expect(toGuardError(new Error('Unable to find a compatible GPU. This issue might be because…'), load).code).toBe('WEBGPU_UNAVAILABLE');
  });

  it('fetch and Cache Storage failures are DOWNLOAD_FAILED naming the URL', () => {
    const error = toGuardError(new TypeError("Failed to execute 'add' on 'Cache': Request failed"), load);
    expect(error.code).toBe('DOWNLOAD_FAILED');
    expect(error.message).toContain(load.url);
    expect(toGuardError(new TypeError('Failed to fetch'), load).code).toBe('DOWNLOAD_FAILED');
  });

  it('a model library that does not start is MODEL_LOAD_FAILED about the library', () => {
    const compile = named('CompileError', 'WebAssembly.instantiate(): expected magic word');
    const error = toGuardError(compile, load);
    expect(error.code).toBe('MODEL_LOAD_FAILED');
    expect(error.message).toMatch(/model library/);
  });

  it('aborts are ABORTED; GuardErrors pass through untouched', () => {
    expect(toGuardError(new DOMException('stop', 'AbortError'), load).code).toBe('ABORTED');
    const own = new GuardError('BAD_INPUT', 'x');
    expect(toGuardError(own, load)).toBe(own);
  });

  it('JavaScript RangeError is not mistaken for WebLLM config RangeError', () => {
    expect(toGuardError(new RangeError('Invalid array length'), { phase: 'generate' }).code).toBe('ENGINE_ERROR');
    expect(toGuardError(named('RangeError', 'Make sure 0 < top_p <= 1.'), { phase: 'generate' }).code).toBe('BAD_CONFIG');
  });

  it('an unnamed failure before WebLLM reports progress is blamed on the model library', () => {
    const error = toGuardError(new TypeError("Cannot read properties of undefined (reading 'buffer')"), { ...load, url: 'https://l.example/lib.wasm', stage: 'library' });
    expect(error.code).toBe('MODEL_LOAD_FAILED');
    expect(error.message).toMatch(/model library \(https:\/\/l\.example\/lib\.wasm\) could not be started/);
  });

  it('anything else is MODEL_LOAD_FAILED while loading, ENGINE_ERROR while generating', () => {
    expect(toGuardError(new Error('odd'), load).code).toBe('MODEL_LOAD_FAILED');
    expect(toGuardError('odd', { phase: 'generate' }).code).toBe('ENGINE_ERROR');
  });
});
