/**
 * From what the caller asked for (a registry id, a registry id with overrides, or a custom model) to
 * the exact `ModelSpec` an engine loads, choosing the build this GPU can run and saying so.
 */
import type { ModelSpec } from '../core/engine';
import { GuardError } from '../core/errors';
import type { DeviceProbe } from './device';
import { findEntry, MAX_CONTEXT_WINDOW, type MlcQuantization, type ModelEntry } from './registry';
import { isPlaceholderUrl, mlcUrlFor } from './registry-urls';

export interface ResolvedModel {
  spec: ModelSpec;
  /** Decisions taken on the way, for the person (e.g. the q4f32_1 fallback). */
  notes: string[];
  entry?: ModelEntry;
}

/** The MLC quantization this GPU should use: q4f16_1 needs `shader-f16`, else q4f32_1. */
export function chooseBuild(probe: Pick<DeviceProbe, 'shaderF16'>): { quantization: MlcQuantization; note?: string } {
  if (probe.shaderF16) return { quantization: 'q4f16_1' };
  return {
    quantization: 'q4f32_1',
    note: 'This GPU has no shader-f16 support, so the q4f32_1 build is used (same model, more GPU memory, a little slower).',
  };
}

/** WebGPU features a spec needs: `options.requiredFeatures` (comma-separated), else `shader-f16` for any f16 MLC build. */
export function requiredFeaturesOf(spec: ModelSpec): string[] {
  const listed = spec.options?.requiredFeatures;
  if (typeof listed === 'string') return listed.split(',').map((f) => f.trim()).filter(Boolean);
  const names = [spec.id, spec.url ?? '', spec.modelLibUrl ?? ''].join(' ');
  return /q\d+f16/i.test(names) ? ['shader-f16'] : [];
}

function checkUrl(value: string | undefined, field: string, id: string): string {
  if (!value) throw new GuardError('BAD_CONFIG', `Model "${id}" needs ${field}.`, { model: id, field });
  try {
    const url = new URL(value, 'http://relative.invalid/');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(url.protocol);
  } catch {
    throw new GuardError('BAD_CONFIG', `Model "${id}": ${field} "${value}" is not an http(s) URL.`, { model: id, field });
  }
  return value;
}

function specOfEntry(entry: ModelEntry): ModelSpec {
  const options: Record<string, string> = {};
  if (entry.requiredFeatures.length) options.requiredFeatures = entry.requiredFeatures.join(',');
  if (entry.promptPrefix) options.promptPrefix = entry.promptPrefix;
  return {
    id: entry.id,
    engine: entry.engine,
    ...(entry.url ? { url: entry.url } : {}),
    ...(entry.modelLibUrl ? { modelLibUrl: entry.modelLibUrl } : {}),
    contextWindow: entry.contextWindow,
    ...(Object.keys(options).length ? { options } : {}),
  };
}

function siblingBuild(entries: ModelEntry[], entry: ModelEntry, quantization: MlcQuantization): ModelEntry | undefined {
  if (entry.engine !== 'webllm' || entry.quantization === quantization) return undefined;
  return findEntry(entries, entry.id.replace(entry.quantization, quantization));
}

/**
 * The spec to load. Fields given in a `ModelSpec` override the registry's (a runtime weights URL, a
 * context window); an id not in the registry is a custom model and must bring its URLs.
 * @throws GuardError MODEL_NOT_FOUND (unknown id as text), BAD_CONFIG (missing/invalid URL,
 *   unconfigured RoGuard URL, context window out of range)
 */
export function resolveModel(
  model: ModelSpec | string,
  entries: ModelEntry[],
  probe: Pick<DeviceProbe, 'shaderF16' | 'webgpu'>,
): ResolvedModel {
  const asked: ModelSpec | undefined = typeof model === 'string' ? undefined : model;
  const id = typeof model === 'string' ? model : model.id;
  let entry = findEntry(entries, id);
  if (!entry && !asked) {
    throw new GuardError('MODEL_NOT_FOUND', `No model "${id}" in the registry. Known models: ${entries.map((e) => e.id).join(', ')}.`, { model: id });
  }
  const notes: string[] = [];
  let switched = false;
  if (entry && probe.webgpu && entry.requiredFeatures.includes('shader-f16') && !probe.shaderF16) {
    const sibling = siblingBuild(entries, entry, 'q4f32_1');
    if (sibling) {
      notes.push(`${chooseBuild(probe).note} Loading ${sibling.id} instead of ${entry.id}.`);
      entry = sibling;
      switched = true;
    }
  }
  const spec = entry ? mergeSpec(specOfEntry(entry), asked, switched) : { ...(asked as ModelSpec) };
  if (entry?.engine === 'webllm' && spec.url?.includes('{quant}')) spec.url = mlcUrlFor(spec.url, entry.quantization as MlcQuantization);
  if (spec.engine === 'webllm') {
    checkUrl(spec.url, 'a weights URL (the MLC folder)', spec.id);
    checkUrl(spec.modelLibUrl, 'a model library URL (.wasm)', spec.id);
  } else {
    checkUrl(spec.url, spec.engine === 'openai' ? 'a server URL' : 'a GGUF URL', spec.id);
  }
  if (isPlaceholderUrl(spec.url)) {
    throw new GuardError(
      'BAD_CONFIG',
      `The weights URL of ${spec.id} is not configured (${spec.url}). Convert RoGuard with scripts/convert-roguard-mlc.sh, ` +
        'upload the folder, then set its URL on the Models page or build with VITE_ROGUARD_MLC_URL / VITE_ROGUARD_GGUF_URL.',
      { model: spec.id },
    );
  }
  const max = entry?.maxContextWindow ?? MAX_CONTEXT_WINDOW;
  const context = spec.contextWindow;
  if (context !== undefined && (!Number.isInteger(context) || context < 256 || (entry && context > max))) {
    throw new GuardError('BAD_CONFIG', `Context window ${context} for ${spec.id} must be a whole number from 256 to ${max} tokens.`, {
      model: spec.id,
      contextWindow: context,
    });
  }
  return { spec, notes, ...(entry ? { entry } : {}) };
}

/** Registry fields, then the caller's overrides; after a build switch, f16-only overrides are dropped. */
function mergeSpec(base: ModelSpec, asked: ModelSpec | undefined, switched: boolean): ModelSpec {
  if (!asked) return base;
  const { id: _id, engine: _engine, options, ...rest } = asked;
  const overrides = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<ModelSpec>;
  const mergedOptions = { ...base.options, ...options };
  if (switched) {
    delete overrides.modelLibUrl;
    delete mergedOptions.requiredFeatures;
    // A runtime weights URL for the f16 build names the f32 folder too when it follows MLC's naming.
    if (overrides.url) overrides.url = overrides.url.replaceAll('q4f16_1', 'q4f32_1');
  }
  return { ...base, ...overrides, ...(Object.keys(mergedOptions).length ? { options: mergedOptions } : {}) };
}

/**
 * A custom WebLLM model: any MLC weights folder plus a model library built for this WebLLM version.
 * @throws GuardError BAD_CONFIG when a URL is missing or not http(s)
 */
export function customWebLLMSpec(input: { id: string; url: string; modelLibUrl: string; contextWindow?: number; f16?: boolean }): ModelSpec {
  const id = input.id.trim() || 'custom-model';
  checkUrl(input.url, 'a weights URL (the MLC folder)', id);
  checkUrl(input.modelLibUrl, 'a model library URL (.wasm)', id);
  const spec: ModelSpec = { id, engine: 'webllm', url: input.url, modelLibUrl: input.modelLibUrl, contextWindow: input.contextWindow ?? 4096 };
  const features = input.f16 === undefined ? requiredFeaturesOf(spec) : input.f16 ? ['shader-f16'] : [];
  return { ...spec, options: { requiredFeatures: features.join(',') } };
}
