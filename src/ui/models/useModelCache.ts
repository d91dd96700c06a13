import { useCallback, useEffect, useState } from 'react';
import type { GuardError } from '../../core/errors';
import { deleteCachedModel, listCachedModels, type CachedModel } from '../../engines/cache';
import type { ModelEntry } from '../../engines/registry';
import { deleteGgufCache, listCachedGgufModels } from '../../engines/wllama-cache';
import { specFor } from '../guard/catalog';
import { toGuardError } from '../guard/to-guard-error';

export interface ModelCacheState {
  /** Model id → what is stored: WebGPU models from Cache Storage, CPU models from wllama's OPFS cache. */
  cached: Map<string, CachedModel>;
  error: GuardError | null;
  /** Counts the listings read so far: changes after each load, deletion or import, once the list is current. */
  version: number;
  refresh(): void;
  remove(entry: ModelEntry): Promise<void>;
}

async function listAll(entries: ModelEntry[]): Promise<CachedModel[]> {
  const webgpu = typeof caches === 'undefined' ? [] : await listCachedModels(entries);
  return [...webgpu, ...(await listCachedGgufModels(entries))];
}

/** What of each model is downloaded, re-read after loads, deletions and imports. */
export function useModelCache(entries: ModelEntry[] | null, refreshKey: unknown): ModelCacheState {
  const [cached, setCached] = useState(new Map<string, CachedModel>());
  const [error, setError] = useState<GuardError | null>(null);
  const [tick, setTick] = useState(0);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    if (!entries) return;
    let live = true;
    listAll(entries).then(
      (list) => {
        if (!live) return;
        setCached(new Map(list.map((item) => [item.id, item])));
        setError(null);
        setVersion((n) => n + 1);
      },
      (failure: unknown) => live && setError(toGuardError(failure, 'STORAGE_QUOTA')),
    );
    return () => {
      live = false;
    };
  }, [entries, refreshKey, tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const remove = useCallback(
    async (entry: ModelEntry) => {
      try {
        if (entry.engine === 'wllama') await deleteGgufCache(entry.url);
        else await deleteCachedModel(specFor(entry, entry.contextWindow));
      } catch (failure) {
        setError(toGuardError(failure, 'STORAGE_QUOTA'));
      }
      refresh();
    },
    [refresh],
  );
  return { cached, error, version, refresh, remove };
}
