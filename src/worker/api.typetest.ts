/**
 * Pins the types the page sees through comlink (checked by `tsc -p tsconfig.worker.json`; never run).
 * If `GuardApi` changes shape, these assignments stop compiling.
 */
import type { Remote } from 'comlink';
import type { Progress } from '../core/engine';
import type { ClassifyResult } from '../core/result';
import type { DeviceProbe } from '../engines/device';
import type { GuardApi, LoadedModel, RunSummary, WorkerStatus } from './api';
import type { GuardClient } from './client';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;

type Api = Remote<GuardApi>;

export type Checks = [
  Expect<Equal<GuardClient['api'], Api>>,
  Expect<Equal<ReturnType<Api['probe']>, Promise<DeviceProbe>>>,
  Expect<Equal<ReturnType<Api['load']>, Promise<LoadedModel>>>,
  Expect<Equal<ReturnType<Api['check']>, Promise<ClassifyResult>>>,
  Expect<Equal<ReturnType<Api['checkMany']>, Promise<RunSummary>>>,
  Expect<Equal<ReturnType<Api['status']>, Promise<WorkerStatus>>>,
  Expect<Equal<ReturnType<Api['abort']>, Promise<void>>>,
  Expect<Equal<Parameters<Api['load']>[0], Parameters<GuardApi['load']>[0]>>,
];

/** Callbacks stay plain functions on the page side (the client makes them proxies). */
export function usage(api: Api): void {
  void api.load('roguard-1.0-q4f32_1-MLC', (progress: Progress) => progress.loaded / Math.max(1, progress.total));
  void api.checkMany([], {} as Parameters<Api['checkMany']>[1], (result: ClassifyResult) => result.index);
  // @ts-expect-error the model is a registry id or a ModelSpec, not a number
  void api.load(42);
}
