/** What `useGuard()` gives every page: the one worker, the device, the model and its load state. */
import { createContext, useContext } from 'react';
import type { Remote } from 'comlink';
import type { ModelSpec, Progress } from '../../core/engine';
import type { GuardError } from '../../core/errors';
import type { ClassifyOptions, ClassifyResult } from '../../core/result';
import type { DeviceProbe } from '../../engines/device';
import type { ModelEntry } from '../../engines/registry';
import type { CheckInput, GuardApi, LoadedModel } from '../../worker/api';
import type { EngineChoice, GuardSettings } from './settings';

/** One progress report with the time it arrived, for speed and time left. */
export interface ProgressSample {
  at: number;
  progress: Progress;
}

export type LoadPhase = 'idle' | 'loading' | 'ready' | 'failed';

export interface LoadState {
  phase: LoadPhase;
  /** The model being loaded, loaded, or that failed. */
  modelId: string | null;
  /** What was asked for (an id or a custom spec), so a failed load can be tried again as it was. */
  request: string | ModelSpec | null;
  /** Recent progress reports, oldest first (a few seconds' worth). */
  samples: ProgressSample[];
  error: GuardError | null;
}

export interface GuardContextValue {
  /** The worker's API; null until the worker has started. */
  api: Remote<GuardApi> | null;
  probe: DeviceProbe | null;
  probeError: GuardError | null;
  settings: GuardSettings;
  updateSettings(patch: Partial<GuardSettings>): void;
  /** The engine in effect (the user's choice, else WebGPU when present, else CPU). */
  engine: EngineChoice;
  /** The registry with the user's weights URLs; null until requested and read. */
  entries: ModelEntry[] | null;
  /** Asks for `entries` (a large chunk, so only pages that list models ask). */
  requestEntries(): void;
  registryError: GuardError | null;
  /** The model a Load button loads. */
  selectedModelId: string;
  /** The model the worker holds now. */
  model: LoadedModel | null;
  load: LoadState;
  /**
   * Loads a registry model by id (the selected one by default) or a custom model spec; failures land
   * in `load.error`, never thrown.
   */
  loadModel(model?: string | ModelSpec): Promise<LoadedModel | null>;
  /** Cancels a running load. */
  cancelLoad(): Promise<void>;
  unloadModel(): Promise<void>;
  /**
   * Classifies one input with the loaded model.
   * @throws GuardError (NOT_LOADED, ABORTED, CONTEXT_OVERFLOW, DEVICE_LOST, …)
   */
  check(input: CheckInput, options: ClassifyOptions): Promise<ClassifyResult>;
}

export const GuardContext = createContext<GuardContextValue | null>(null);

/** The guard of the page. @throws Error when used outside `<GuardProvider>`. */
export function useGuard(): GuardContextValue {
  const value = useContext(GuardContext);
  if (!value) throw new Error('useGuard() needs a <GuardProvider> above it.');
  return value;
}
