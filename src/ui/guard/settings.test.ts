import { describe, expect, it } from 'vitest';
import type { KeyValueStorage } from './persisted';
import { DEFAULT_SETTINGS, effectiveEngine, loadSettings, saveSettings, SETTINGS_KEY, urlProblem } from './settings';

function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

describe('settings', () => {
  it('starts from the defaults', () => {
    expect(loadSettings(memoryStorage())).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('round-trips through storage', () => {
    const storage = memoryStorage();
    const settings = { ...DEFAULT_SETTINGS, engine: 'cpu' as const, modelId: 'tiny-test', tinyTestUrl: 'http://127.0.0.1:9/t.gguf', contextWindow: 8192 as const };
    saveSettings(storage, settings);
    expect(JSON.parse(storage.data.get(SETTINGS_KEY)!)).toEqual(settings);
    expect(loadSettings(storage)).toEqual(settings);
  });

  it('normalises broken or old entries field by field', () => {
    const storage = memoryStorage({
      [SETTINGS_KEY]: JSON.stringify({ engine: 'quantum', modelId: 7, mlcWeightsUrl: ' https://x/y ', contextWindow: 2048, extra: true }),
    });
    expect(loadSettings(storage)).toEqual({ ...DEFAULT_SETTINGS, mlcWeightsUrl: 'https://x/y' });
    expect(loadSettings(memoryStorage({ [SETTINGS_KEY]: '{not json' }))).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(memoryStorage({ [SETTINGS_KEY]: '[1,2]' }))).toEqual(DEFAULT_SETTINGS);
  });

  it('survives a storage that throws', () => {
    const throwing: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => undefined,
    };
    expect(loadSettings(throwing)).toEqual(DEFAULT_SETTINGS);
    expect(() => saveSettings(throwing, DEFAULT_SETTINGS)).not.toThrow();
  });
});

describe('effectiveEngine', () => {
  it('defaults to CPU without WebGPU and WebGPU with it', () => {
    expect(effectiveEngine(DEFAULT_SETTINGS, false)).toBe('cpu');
    expect(effectiveEngine(DEFAULT_SETTINGS, undefined)).toBe('cpu');
    expect(effectiveEngine(DEFAULT_SETTINGS, true)).toBe('webgpu');
  });

  it('keeps the user choice', () => {
    expect(effectiveEngine({ ...DEFAULT_SETTINGS, engine: 'cpu' }, true)).toBe('cpu');
    expect(effectiveEngine({ ...DEFAULT_SETTINGS, engine: 'webgpu' }, false)).toBe('webgpu');
  });
});

describe('urlProblem', () => {
  it('accepts http(s) URLs, site paths and the empty default', () => {
    expect(urlProblem('')).toBeNull();
    expect(urlProblem('https://huggingface.co/x/resolve/main/')).toBeNull();
    expect(urlProblem('http://127.0.0.1:8080/tiny.gguf')).toBeNull();
    expect(urlProblem('/models/tiny.gguf')).toBeNull();
  });

  it('explains what is wrong', () => {
    expect(urlProblem('ftp://x/y')).toMatch(/ftp:/);
    expect(urlProblem('javascript:alert(1)')).toMatch(/javascript:/);
    expect(urlProblem('models/tiny')).toMatch(/not a URL/);
  });
});
