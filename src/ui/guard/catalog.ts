/** The model list as the page sees it: the registry with the user's weights URLs, and the default pick. */
import type { ModelSpec } from '../../core/engine';
import type { DeviceProbe } from '../../engines/device';
import { chooseBuild } from '../../engines/registry-resolve';
import { ROGUARD_GGUF_ID, ROGUARD_MLC_ID, type ModelEntry, type WeightUrls } from '../../engines/registry';
import type { EngineChoice, GuardSettings } from './settings';

/** The registry's URL overrides from the settings; empty settings keep the build-time defaults. */
export function weightUrlsOf(settings: Pick<GuardSettings, 'mlcWeightsUrl' | 'ggufWeightsUrl' | 'tinyTestUrl'>): Partial<WeightUrls> {
  return {
    ...(settings.mlcWeightsUrl ? { roguardMlc: settings.mlcWeightsUrl } : {}),
    ...(settings.ggufWeightsUrl ? { roguardGguf: settings.ggufWeightsUrl } : {}),
    ...(settings.tinyTestUrl ? { tinyTestGguf: settings.tinyTestUrl } : {}),
  };
}

/** Which registry engine serves an engine choice. */
function engineKindOf(choice: EngineChoice): ModelEntry['engine'] {
  return choice === 'webgpu' ? 'webllm' : 'wllama';
}

/** Models the chosen engine can run, RoGuard first, then baselines, then the test model. */
export function entriesFor(entries: readonly ModelEntry[], choice: EngineChoice): ModelEntry[] {
  const rank: Record<ModelEntry['kind'], number> = { roguard: 0, baseline: 1, test: 2 };
  return entries.filter((entry) => entry.engine === engineKindOf(choice)).sort((a, b) => rank[a.kind] - rank[b.kind]);
}

/** RoGuard for the engine: the MLC build this GPU can run, or the GGUF build on the CPU. */
export function defaultModelId(choice: EngineChoice, probe: Pick<DeviceProbe, 'shaderF16'> | null): string {
  if (choice === 'cpu') return ROGUARD_GGUF_ID;
  return ROGUARD_MLC_ID(chooseBuild({ shaderF16: probe?.shaderF16 ?? false }).quantization);
}

/** The selected model when it fits the engine, else the engine's default. */
export function selectedModelId(settings: GuardSettings, choice: EngineChoice, entries: readonly ModelEntry[] | null, probe: DeviceProbe | null): string {
  const wanted = settings.modelId;
  if (wanted && (!entries || entries.some((entry) => entry.id === wanted && entry.engine === engineKindOf(choice)))) return wanted;
  return defaultModelId(choice, probe);
}

/** What the worker is asked to load: the entry as the page sees it (URLs included) and the context window. */
export function specFor(entry: ModelEntry, contextWindow: number): ModelSpec {
  return {
    id: entry.id,
    engine: entry.engine,
    ...(entry.url ? { url: entry.url } : {}),
    ...(entry.modelLibUrl ? { modelLibUrl: entry.modelLibUrl } : {}),
    contextWindow: Math.min(contextWindow, entry.maxContextWindow),
  };
}
