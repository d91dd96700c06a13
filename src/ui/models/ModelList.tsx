import { useId } from 'react';
import type { ModelEntry } from '../../engines/registry';
import { cachedFileUrls } from '../../engines/wllama-cache';
import { ErrorNotice } from '../components/ErrorNotice';
import { entriesFor } from '../guard/catalog';
import { useGuard } from '../guard/context';
import { ModelRow } from './ModelRow';
import type { ModelCacheState } from './useModelCache';

/** Why an entry cannot load on this device or with these settings, in a few words. */
function blockerOf(entry: ModelEntry, probe: { webgpu: boolean; shaderF16: boolean } | null): string | null {
  if (entry.kind === 'test' && !entry.url) return 'Set its URL below';
  if (entry.urlIsPlaceholder) return 'Weights URL not set';
  if (entry.engine === 'webllm' && probe && !probe.webgpu) return 'Needs WebGPU';
  if (probe?.webgpu && !probe.shaderF16 && entry.requiredFeatures.includes('shader-f16')) return 'No shader-f16: q4f32_1 loads instead';
  return null;
}

/** Whether what is stored of this model can be told: WebGPU models, and CPU models wllama downloads itself. */
function cacheKnown(entry: ModelEntry): boolean {
  return entry.engine === 'webllm' || cachedFileUrls(entry.url).length > 0;
}

/** The models the chosen engine can run, with the context window to allocate. */
export function ModelList({ cache }: { cache: ModelCacheState }) {
  const id = useId();
  const guard = useGuard();
  const { entries, registryError, engine, probe, model, load, selectedModelId, settings, updateSettings, loadModel } = guard;
  const shown = entries ? entriesFor(entries, engine) : [];
  return (
    <section className="panel" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Models for the {engine === 'webgpu' ? 'WebGPU' : 'CPU'} engine</h3>
      <div className="field context-field">
        <label htmlFor={`${id}-context`}>Context window</label>
        <select
          id={`${id}-context`}
          value={settings.contextWindow}
          onChange={(event) => updateSettings({ contextWindow: Number(event.target.value) === 8192 ? 8192 : 4096 })}
          aria-describedby={`${id}-context-hint`}
        >
          <option value={4096}>4,096 tokens (default)</option>
          <option value={8192}>8,192 tokens (more GPU memory)</option>
        </select>
        <p className="field-hint" id={`${id}-context-hint`}>
          The policy templates are about 2,500 tokens, so the prompt and response share what is left.
        </p>
      </div>
      {registryError && <ErrorNotice error={registryError} hideLinkTo="models" />}
      {cache.error && <ErrorNotice error={cache.error} hideLinkTo="models" />}
      {!entries && !registryError && <p role="status">Reading the model list…</p>}
      <ul className="model-list" aria-label="Models">
        {shown.map((entry) => (
          <ModelRow
            key={entry.id}
            entry={entry}
            contextWindow={settings.contextWindow}
            loaded={model?.spec.id === entry.id}
            selected={selectedModelId === entry.id}
            busy={load.phase === 'loading'}
            blocker={blockerOf(entry, probe)}
            cached={cacheKnown(entry) ? (cache.cached.get(entry.id)?.cached ?? false) : null}
            cachedBytes={cache.cached.get(entry.id)?.bytes}
            onLoad={() => void loadModel(entry.id)}
            {...(cacheKnown(entry) ? { onDelete: () => void cache.remove(entry) } : {})}
          />
        ))}
      </ul>
    </section>
  );
}
