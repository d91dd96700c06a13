import { useCallback, useEffect, useState } from 'react';
import type { GuardError } from '../../core/errors';
import { deleteCachedModel, listCachedModels, type CachedModel } from '../../engines/cache';
import type { ModelEntry } from '../../engines/registry';
import { specFor } from '../guard/catalog';
import { toGuardError } from '../guard/to-guard-error';

export interface ModelCacheState {
  /** Model id → what is stored; WebGPU models only (the CPU engine keeps its own cache). */
  cached: Map<string, CachedModel>;
  error: GuardError | null;
  refresh(): void;
  remove(entry: ModelEntry): Promise<void>;
}

/** What of each WebGPU model is downloaded, re-read after loads, deletions and imports. */
export function useModelCache(entries: ModelEntry[] | null, refreshKey: unknown): ModelCacheState {
  const [cached, setCached] = useState(new Map<string, CachedModel>());
  const [error, setError] = useState<GuardError | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (!entries || typeof caches === 'undefined') return;
    let live = true;
    listCachedModels(entries).then(
      (list) => {
        if (!live) return;
        setCached(new Map(list.map((item) => [item.id, item])));
        setError(null);
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
        await deleteCachedModel(specFor(entry, entry.contextWindow));
      } catch (failure) {
        setError(toGuardError(failure, 'STORAGE_QUOTA'));
      }
      refresh();
    },
    [refresh],
  );
  return { cached, error, refresh, remove };
}
