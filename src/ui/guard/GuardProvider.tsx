/**
 * Owns the page's one guard worker: starts it, probes the device, keeps the settings, loads models
 * with progress, and gives pages `useGuard()`. Errors are kept as `GuardError`s for the page that
 * caused them to show.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ModelSpec, Progress } from '../../core/engine';
import { GuardError } from '../../core/errors';
import type { ClassifyOptions } from '../../core/result';
import type { DeviceProbe } from '../../engines/device';
import { findEntry, loadRegistry, type ModelEntry } from '../../engines/registry';
import { requestPersistentStorage } from '../../engines/storage';
import type { CheckInput, LoadedModel } from '../../worker/api';
import { createGuardClient } from '../../worker/client';
import { selectedModelId as pickModel, specFor, weightUrlsOf } from './catalog';
import { GuardContext, type GuardContextValue, type LoadState, type ProgressSample } from './context';
import { browserStorage } from './persisted';
import { effectiveEngine, loadSettings, saveSettings, type GuardSettings } from './settings';
import { toGuardError } from './to-guard-error';

type GuardClient = ReturnType<typeof createGuardClient>;

/** Progress older than this is dropped; speed is measured over what remains. */
const SAMPLE_WINDOW_MS = 8_000;
/** Progress reaches React at most this often, however fast the worker reports. */
const PROGRESS_FLUSH_MS = 150;

const IDLE: LoadState = { phase: 'idle', modelId: null, request: null, samples: [], error: null };

interface GuardProviderProps {
  children: ReactNode;
  /** Starts the worker; tests of page logic may pass another client. */
  createClient?: () => GuardClient;
}

export function GuardProvider({ children, createClient = createGuardClient }: GuardProviderProps) {
  const [client, setClient] = useState<GuardClient | null>(null);
  const [probe, setProbe] = useState<DeviceProbe | null>(null);
  const [probeError, setProbeError] = useState<GuardError | null>(null);
  const [settings, setSettings] = useState<GuardSettings>(() => loadSettings(browserStorage()));
  const [entries, setEntries] = useState<ModelEntry[] | null>(null);
  const [registryError, setRegistryError] = useState<GuardError | null>(null);
  const [model, setModel] = useState<LoadedModel | null>(null);
  const [load, setLoad] = useState<LoadState>(IDLE);
  const loadToken = useRef(0);
  const pending = useRef<ProgressSample[]>([]);
  const flushTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const started = createClient();
    setClient(started);
    return () => started.terminate();
  }, [createClient]);

  const api = client?.api ?? null;

  useEffect(() => {
    if (!api) return;
    let live = true;
    api.probe().then(
      (found) => live && setProbe(found),
      (error: unknown) => live && setProbeError(toGuardError(error, 'WEBGPU_UNAVAILABLE')),
    );
    return () => {
      live = false;
    };
  }, [api]);

  const [entriesWanted, setEntriesWanted] = useState(false);
  const requestEntries = useCallback(() => setEntriesWanted(true), []);
  const { mlcWeightsUrl, ggufWeightsUrl, tinyTestUrl } = settings;
  const urls = useMemo(
    () => weightUrlsOf({ mlcWeightsUrl, ggufWeightsUrl, tinyTestUrl }),
    [mlcWeightsUrl, ggufWeightsUrl, tinyTestUrl],
  );
  // The registry pulls in WebLLM's prebuilt list (a large chunk): read it only once a page needs it.
  useEffect(() => {
    if (!entriesWanted) return;
    let live = true;
    loadRegistry(urls).then(
      (list) => {
        if (!live) return;
        setEntries(list);
        setRegistryError(null);
      },
      (error: unknown) => live && setRegistryError(toGuardError(error, 'MODEL_NOT_FOUND')),
    );
    return () => {
      live = false;
    };
  }, [urls, entriesWanted]);

  const updateSettings = useCallback((patch: Partial<GuardSettings>) => {
    setSettings((current) => {
      const next = { ...current, ...patch };
      saveSettings(browserStorage(), next);
      return next;
    });
  }, []);

  const engine = effectiveEngine(settings, probe?.webgpu);
  const selectedModelId = pickModel(settings, engine, entries, probe);

  const flushProgress = useCallback((token: number) => {
    flushTimer.current = null;
    const fresh = pending.current;
    pending.current = [];
    if (token !== loadToken.current || fresh.length === 0) return;
    setLoad((state) => {
      const newest = fresh.at(-1)!.at;
      const samples = [...state.samples, ...fresh].filter((s) => newest - s.at <= SAMPLE_WINDOW_MS).slice(-60);
      return { ...state, samples };
    });
  }, []);

  const loadModel = useCallback(
    async (model?: string | ModelSpec): Promise<LoadedModel | null> => {
      const id = typeof model === 'object' ? model.id : (model ?? selectedModelId);
      const token = ++loadToken.current;
      pending.current = [];
      setLoad({ phase: 'loading', modelId: id, request: model ?? id, samples: [], error: null });
      setEntriesWanted(true);
      try {
        if (!api) throw new GuardError('ENGINE_ERROR', 'The guard worker has not started. Reload the page.');
        void requestPersistentStorage();
        let spec: string | ModelSpec = typeof model === 'object' ? model : id;
        if (typeof model !== 'object') {
          const entry = findEntry(entries ?? (await loadRegistry(urls)), id);
          if (entry) spec = specFor(entry, settings.contextWindow);
        }
        const onProgress = (progress: Progress) => {
          if (token !== loadToken.current) return;
          pending.current.push({ at: performance.now(), progress });
          flushTimer.current ??= setTimeout(() => flushProgress(token), PROGRESS_FLUSH_MS);
        };
        const loaded = await api.load(spec, onProgress);
        if (token !== loadToken.current) return null;
        setModel(loaded);
        setLoad((state) => ({ ...state, phase: 'ready', error: null }));
        if (typeof model !== 'object') updateSettings({ modelId: id });
        return loaded;
      } catch (error) {
        if (token !== loadToken.current) return null;
        const guardError = toGuardError(error, 'MODEL_LOAD_FAILED');
        setModel(null);
        setLoad((state) =>
          guardError.code === 'ABORTED' ? { ...IDLE, modelId: id, request: model ?? id } : { ...state, phase: 'failed', error: guardError },
        );
        return null;
      }
    },
    [api, entries, urls, selectedModelId, settings.contextWindow, flushProgress, updateSettings],
  );

  const cancelLoad = useCallback(async () => {
    await api?.abort();
  }, [api]);

  const unloadModel = useCallback(async () => {
    loadToken.current++;
    setModel(null);
    setLoad(IDLE);
    await api?.unload();
  }, [api]);

  const check = useCallback(
    async (input: CheckInput, options: ClassifyOptions) => {
      if (!api) throw new GuardError('NOT_LOADED', 'The guard worker has not started yet. Wait a moment and try again.');
      try {
        return await api.check(input, options);
      } catch (error) {
        throw toGuardError(error);
      }
    },
    [api],
  );

  const value: GuardContextValue = {
    api,
    probe,
    probeError,
    settings,
    updateSettings,
    engine,
    entries,
    requestEntries,
    registryError,
    selectedModelId,
    model,
    load,
    loadModel,
    cancelLoad,
    unloadModel,
    check,
  };
  return <GuardContext.Provider value={value}>{children}</GuardContext.Provider>;
}
