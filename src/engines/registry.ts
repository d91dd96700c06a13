/**
 * The models the app knows: RoGuard 1.0 (MLC builds for WebGPU, GGUF for the CPU engine), baselines
 * from WebLLM's prebuilt list, and the tiny test model. WebGPU entries take their model libraries
 * from the installed `@mlc-ai/web-llm`'s `prebuiltAppConfig`, because a library only links against
 * the WebLLM version it was built for (its `modelVersion` folder).
 */
import type { AppConfig, ModelRecord } from '@mlc-ai/web-llm';
import type { EngineKind } from '../core/engine';
import { GuardError } from '../core/errors';
import { defaultWeightUrls, isPlaceholderUrl, mlcUrlFor, type MlcQuantization, type WeightUrls } from './registry-urls';

export type { MlcQuantization, WeightUrls } from './registry-urls';

export interface ModelEntry {
  id: string;
  label: string;
  engine: EngineKind;
  kind: 'roguard' | 'baseline' | 'test';
  /** `q4f16_1` / `q4f32_1` for MLC builds, the GGUF type otherwise. */
  quantization: string;
  /** Weights: MLC folder or GGUF file; undefined when given at run time. */
  url?: string;
  /** WebLLM model library (.wasm). */
  modelLibUrl?: string;
  /** WebGPU features the build needs; f16 builds need `shader-f16`. */
  requiredFeatures: string[];
  /** Context window allocated by default, tokens. */
  contextWindow: number;
  /** Largest context window we offer for this model. */
  maxContextWindow: number;
  /** WebLLM's estimate of GPU memory at `contextWindow`, MB. */
  vramMB?: number;
  /** KV-cache bytes per token of context, for the VRAM estimate at other context sizes. */
  kvBytesPerToken?: number;
  /**
   * Text put before every prompt. The reference harness tokenizes with the Hugging Face tokenizer,
   * which adds Llama 3's BOS token; WebLLM's raw completion adds none, so the Llama entries send it as text.
   */
  promptPrefix?: string;
  /** True while the weights URL is still the unconfigured placeholder. */
  urlIsPlaceholder?: boolean;
}

/** The aegis-style templates are ~2.5k tokens: 1k-context builds cannot hold them. */
export const DEFAULT_CONTEXT_WINDOW = 4096;
export const MAX_CONTEXT_WINDOW = 8192;

export const ROGUARD_MLC_ID = (q: MlcQuantization): string => `roguard-1.0-${q}-MLC`;
export const ROGUARD_GGUF_ID = 'roguard-1.0-Q4_K_M-GGUF';
export const TINY_TEST_ID = 'tiny-test';

/** Llama 3's BOS as text; its tokenizer maps the special-token text to the BOS id. */
export const LLAMA3_BOS = '<|begin_of_text|>';

/** Per-token KV cache of each architecture: layers × KV heads × head dim × 2 (K and V). */
const KV_ELEMENTS_PER_TOKEN: Record<string, number> = {
  'Llama-3.1-8B-Instruct': 32 * 8 * 128 * 2,
  'Llama-3.2-3B-Instruct': 28 * 8 * 128 * 2,
  'Llama-3.2-1B-Instruct': 16 * 8 * 64 * 2,
};

const BASELINES = ['Llama-3.1-8B-Instruct', 'Llama-3.2-3B-Instruct', 'Llama-3.2-1B-Instruct'] as const;
const QUANTIZATIONS: MlcQuantization[] = ['q4f16_1', 'q4f32_1'];

function prebuiltRecord(appConfig: AppConfig, modelId: string): ModelRecord {
  const record = appConfig.model_list.find((r) => r.model_id === modelId);
  if (!record) {
    throw new GuardError(
      'MODEL_NOT_FOUND',
      `The installed WebLLM has no prebuilt model "${modelId}". Check the @mlc-ai/web-llm version (see docs/webllm.md).`,
      { modelId },
    );
  }
  return record;
}

function mlcEntry(
  record: ModelRecord,
  base: string,
  quantization: MlcQuantization,
  fields: Pick<ModelEntry, 'id' | 'label' | 'kind' | 'url'>,
): ModelEntry {
  const recordContext = Number(record.overrides?.context_window_size ?? DEFAULT_CONTEXT_WINDOW);
  const kvBytesPerToken = (KV_ELEMENTS_PER_TOKEN[base] ?? 0) * (quantization === 'q4f16_1' ? 2 : 4);
  const vramAtRecord = record.vram_required_MB;
  return {
    ...fields,
    engine: 'webllm',
    quantization,
    modelLibUrl: record.model_lib,
    requiredFeatures: quantization === 'q4f16_1' ? ['shader-f16'] : [],
    promptPrefix: LLAMA3_BOS,
    contextWindow: DEFAULT_CONTEXT_WINDOW,
    maxContextWindow: MAX_CONTEXT_WINDOW,
    kvBytesPerToken,
    ...(vramAtRecord !== undefined
      ? { vramMB: vramAtRecord + ((DEFAULT_CONTEXT_WINDOW - recordContext) * kvBytesPerToken) / 2 ** 20 }
      : {}),
    ...(isPlaceholderUrl(fields.url) ? { urlIsPlaceholder: true } : {}),
  };
}

/**
 * Every known model, built from WebLLM's prebuilt list and the weights URLs.
 * @throws GuardError MODEL_NOT_FOUND when the installed WebLLM lacks a prebuilt library we pair with.
 */
export function buildRegistry(prebuilt: AppConfig, urls: Partial<WeightUrls> = {}): ModelEntry[] {
  const weights = { ...defaultWeightUrls(), ...urls };
  const entries: ModelEntry[] = [];
  for (const q of QUANTIZATIONS) {
    const llama = prebuiltRecord(prebuilt, `Llama-3.1-8B-Instruct-${q}-MLC`);
    entries.push(
      mlcEntry(llama, 'Llama-3.1-8B-Instruct', q, {
        id: ROGUARD_MLC_ID(q),
        label: `RoGuard 1.0 (${q}, WebGPU)`,
        kind: 'roguard',
        url: mlcUrlFor(weights.roguardMlc, q),
      }),
    );
  }
  for (const base of BASELINES) {
    for (const q of QUANTIZATIONS) {
      const record = prebuiltRecord(prebuilt, `${base}-${q}-MLC`);
      entries.push(mlcEntry(record, base, q, { id: record.model_id, label: `${base} (${q}, baseline)`, kind: 'baseline', url: record.model }));
    }
  }
  entries.push({
    id: ROGUARD_GGUF_ID,
    label: 'RoGuard 1.0 (GGUF Q4_K_M, CPU)',
    engine: 'wllama',
    kind: 'roguard',
    quantization: 'Q4_K_M',
    url: weights.roguardGguf,
    requiredFeatures: [],
    contextWindow: DEFAULT_CONTEXT_WINDOW,
    maxContextWindow: MAX_CONTEXT_WINDOW,
    ...(isPlaceholderUrl(weights.roguardGguf) ? { urlIsPlaceholder: true } : {}),
  });
  entries.push({
    id: TINY_TEST_ID,
    label: 'Tiny test model (GGUF, CPU)',
    engine: 'wllama',
    kind: 'test',
    quantization: 'F32',
    ...(weights.tinyTestGguf ? { url: weights.tinyTestGguf } : {}),
    requiredFeatures: [],
    contextWindow: DEFAULT_CONTEXT_WINDOW,
    maxContextWindow: MAX_CONTEXT_WINDOW,
  });
  return entries;
}

/** The registry from the installed WebLLM, imported lazily so pages that only list models stay small. */
export async function loadRegistry(urls: Partial<WeightUrls> = {}): Promise<ModelEntry[]> {
  const { prebuiltAppConfig } = await import('@mlc-ai/web-llm');
  return buildRegistry(prebuiltAppConfig, urls);
}

export function findEntry(entries: ModelEntry[], id: string): ModelEntry | undefined {
  return entries.find((entry) => entry.id === id);
}

/**
 * GPU memory estimate at a context window: WebLLM's figure for the record's context plus the KV cache
 * of the extra tokens (f16 KV for q4f16_1, f32 KV for q4f32_1). Undefined when the model has no figure.
 */
export function estimateVramMB(entry: ModelEntry, contextWindow: number): number | undefined {
  if (entry.vramMB === undefined || entry.kvBytesPerToken === undefined) return undefined;
  return Math.round(entry.vramMB + ((contextWindow - entry.contextWindow) * entry.kvBytesPerToken) / 2 ** 20);
}
