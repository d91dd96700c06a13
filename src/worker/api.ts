/**
 * The worker's API, declared once. The page, the embed library and the tests import it with
 * `import type` and talk to the worker through comlink's `Remote<GuardApi>`.
 */
import type { Progress, ModelSpec } from '../core/engine';
import type { Example } from '../core/example';
import type { ClassifyOptions, ClassifyResult } from '../core/result';
import type { DeviceProbe } from '../engines/device';

export interface LoadedModel {
  spec: ModelSpec;
  contextWindow: number | undefined;
  /** What the worker decided on the way (e.g. "no shader-f16: using the q4f32_1 build"). */
  notes: string[];
}

export interface RunSummary {
  done: number;
  failed: number;
  aborted: boolean;
}

export interface WorkerStatus {
  model: LoadedModel | null;
  busy: boolean;
  queued: number;
}

/** A check input: a prompt and optionally the response to judge. */
export type CheckInput = Pick<Example, 'prompt'> & Partial<Pick<Example, 'response' | 'index'>>;

export interface GuardApi {
  probe(): Promise<DeviceProbe>;
  /** @throws GuardError */
  load(model: ModelSpec | string, onProgress?: (progress: Progress) => void): Promise<LoadedModel>;
  /** @throws GuardError */
  check(input: CheckInput, options: ClassifyOptions): Promise<ClassifyResult>;
  /** Streams each result as it finishes; an example that fails yields a result with `error` and the run goes on. */
  checkMany(examples: Example[], options: ClassifyOptions, onResult: (result: ClassifyResult) => void): Promise<RunSummary>;
  /** Ends the running load or generation promptly; finished results are kept. */
  abort(): Promise<void>;
  unload(): Promise<void>;
  status(): Promise<WorkerStatus>;
}
