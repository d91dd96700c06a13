/** The user's model settings, kept in localStorage across visits. */
import { isRecord, readPersisted, stringOr, writePersisted, type KeyValueStorage } from './persisted';

/** WebGPU through WebLLM, or the CPU through wllama (llama.cpp in WebAssembly). */
export type EngineChoice = 'webgpu' | 'cpu';

export interface GuardSettings {
  /** null: decide from the probe (WebGPU when present, else CPU). */
  engine: EngineChoice | null;
  /** The model to load; null: the registry's default for the engine. */
  modelId: string | null;
  /** RoGuard MLC weights folder URL; '' means the build-time default. */
  mlcWeightsUrl: string;
  /** RoGuard GGUF file URL; '' means the build-time default. */
  ggufWeightsUrl: string;
  /** URL of the tiny test model (GGUF), typed in by the user. */
  tinyTestUrl: string;
  /** Context window to allocate, tokens. */
  contextWindow: 4096 | 8192;
}

export const SETTINGS_KEY = 'roguard.settings.v1';

export const DEFAULT_SETTINGS: GuardSettings = {
  engine: null,
  modelId: null,
  mlcWeightsUrl: '',
  ggufWeightsUrl: '',
  tinyTestUrl: '',
  contextWindow: 4096,
};

export function normaliseSettings(raw: unknown): GuardSettings {
  if (!isRecord(raw)) return { ...DEFAULT_SETTINGS };
  return {
    engine: raw.engine === 'webgpu' || raw.engine === 'cpu' ? raw.engine : null,
    modelId: typeof raw.modelId === 'string' && raw.modelId !== '' ? raw.modelId : null,
    mlcWeightsUrl: stringOr(raw.mlcWeightsUrl, '').trim(),
    ggufWeightsUrl: stringOr(raw.ggufWeightsUrl, '').trim(),
    tinyTestUrl: stringOr(raw.tinyTestUrl, '').trim(),
    contextWindow: raw.contextWindow === 8192 ? 8192 : 4096,
  };
}

export function loadSettings(storage: KeyValueStorage | null): GuardSettings {
  return readPersisted(storage, SETTINGS_KEY, normaliseSettings);
}

export function saveSettings(storage: KeyValueStorage | null, settings: GuardSettings): void {
  writePersisted(storage, SETTINGS_KEY, settings);
}

/** The engine in effect: the user's choice, else WebGPU when the probe found it, else CPU. */
export function effectiveEngine(settings: GuardSettings, webgpu: boolean | undefined): EngineChoice {
  if (settings.engine) return settings.engine;
  return webgpu ? 'webgpu' : 'cpu';
}

/** A URL the app can fetch: absolute http(s), or a path on this site. Returns the problem, or null. */
export function urlProblem(url: string): string | null {
  if (url === '') return null;
  if (url.startsWith('/')) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return null;
    return `Only http and https URLs can be loaded, not ${parsed.protocol}`;
  } catch {
    return 'This is not a URL. Write it in full, starting with https://, or as a path starting with /.';
  }
}
