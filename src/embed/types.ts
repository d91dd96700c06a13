/** The public types of the embeddable guard (`roguard-web`): options, results, the moderation shape. */
import type { EngineKind, Progress } from '../core/engine';
import type { GuardErrorData } from '../core/errors';
import type { VerdictStatus } from '../core/result';
import type { DeviceProbe } from '../engines/device';

/** The shipped configs (`configs/<name>.json` with their templates), usable as `config: 'aegis'`. */
export type BuiltInPolicyName =
  | 'RoGuardEval'
  | 'aegis'
  | 'aegis2_prompt'
  | 'aegis2_response'
  | 'beaverTails'
  | 'harmbench'
  | 'openai_mod'
  | 'safeRLHF'
  | 'simpleST'
  | 'toxic_chat'
  | 'wildguard_prompt'
  | 'wildguard_response'
  | 'xstest';

/** A policy of your own: a template and how to read the model's JSON answer. */
export interface CustomPolicy {
  /** Template with `{prompt}` and `{response}` (Python `str.format` syntax: write `{{` and `}}` for braces). */
  template: string;
  /** The JSON key holding the verdict on the prompt, e.g. `"User Safety"`. */
  outputField: string;
  /** The value of a verdict that means flagged, e.g. `"unsafe"`. */
  flaggedValue: string;
  /** The JSON key holding the verdict on the response, when the template asks for one, e.g. `"Response Safety"`. */
  responseField?: string;
  /** Category id → name, so violated categories are reported by name, e.g. `{ S1: 'Violence' }`. */
  categories?: Record<string, string>;
  /** Cap on the tokens the model may write per check. Default 100. */
  maxTokens?: number;
}

/** What an unreadable answer or a failed engine means: `closed` blocks (flagged), `open` lets through. */
export type FailMode = 'closed' | 'open';

export interface GuardOptions {
  /** A model id from the registry (e.g. `roguard-1.0-q4f16_1-MLC`, `roguard-1.0-Q4_K_M-GGUF`), or an id of your own with `weightsUrl`. */
  model: string;
  /** Inference engine for a model of your own (default `webllm`); a registry model keeps its own engine. */
  engine?: EngineKind;
  /** Where the weights are: an MLC folder (webllm), a `.gguf` file (wllama) or a server base URL (openai). */
  weightsUrl?: string;
  /** The MLC model library (`.wasm`) for a WebLLM model of your own. */
  modelLibUrl?: string;
  /** Context window to allocate, tokens. */
  contextWindow?: number;
  /** A shipped policy by name (default `aegis`) or a policy of your own. */
  config?: BuiltInPolicyName | CustomPolicy;
  /** Shorthand for a template that asks for one of the shipped verdict formats (e.g. `"User Safety"` … `"unsafe"`). */
  template?: string;
  /** Default `closed`. */
  failMode?: FailMode;
  /** Model download and load progress (also replayed to a guard that joins a model already loading). */
  onProgress?: (progress: Progress) => void;
  /** The guard worker script, when it is not served beside the library (e.g. from a CDN). */
  workerUrl?: string | URL;
}

export interface CheckInput {
  /** What the user wrote. */
  prompt: string;
  /** The chat model's answer to judge along with the prompt. */
  response?: string | null;
}

export interface CheckOptions {
  /** Stops the check: a queued one never runs, a running one ends; the promise rejects with code `ABORTED`. */
  signal?: AbortSignal;
}

export interface CheckManyOptions extends CheckOptions {
  /** Called with each result as it finishes, with the item's position in the input. */
  onResult?: (result: GuardCheckResult, index: number) => void;
}

/** The guard's reading of one verdict key. */
export interface GuardVerdict {
  /** `unparsed` when the model's answer had no readable value for this key. */
  status: VerdictStatus;
  /** The value as the model wrote it, e.g. `"unsafe"` (`""` when absent). */
  value: string;
  /** The JSON key it was read from, e.g. `"User Safety"`. */
  field: string;
}

export interface GuardCategory {
  id: string;
  /** The policy's name for it (the id again when the policy names no categories). */
  name: string;
}

export interface GuardCheckResult {
  /** The decision: a verdict said flagged, or the check failed and `failMode` is `closed`. */
  flagged: boolean;
  /** The verdict on the prompt; absent only for policies that judge the response alone (beaverTails). */
  prompt?: GuardVerdict;
  /** The verdict on the response, when one was given and the policy judges responses. */
  response?: GuardVerdict;
  /** Violated categories the model named. */
  categories: GuardCategory[];
  /** P(flagged) the model put on the verdict it was asked last (the response's when one was given), when the engine gives logprobs. */
  scores: { prompt?: number | null; response?: number | null };
  /** The model's answer, as text. */
  raw: string;
  /** Time the model spent on this check, milliseconds (queue wait not included). */
  latencyMs: number;
  /** Why `flagged` was decided by `failMode` rather than by a verdict. */
  reason?: string;
  /** The failure behind `reason`, when the engine or the model load failed. */
  error?: GuardErrorData;
}

/** The shape of one result of OpenAI's moderation API, for apps that already consume it. */
export interface ModerationResult {
  flagged: boolean;
  /** Category name → whether it was violated; every category the policy names is present. */
  categories: Record<string, boolean>;
  /** Category name → the guard's P(flagged) for a violated category (1 when unknown), 0 for the others. */
  category_scores: Record<string, number>;
}

export interface Guard {
  /** Resolves once the model is loaded. @throws GuardError (rejects) with the load failure's code. */
  readonly ready: Promise<void>;
  /** The policy's categories, id → name (empty when it names none); pass to `toModeration` for every key. */
  readonly categories: Readonly<Record<string, string>>;
  /**
   * Checks a prompt, and a response with it. Checks run one at a time, in call order, on the shared worker.
   * An unreadable answer or a failed engine resolves by `failMode`, with `reason` and `error`.
   * @throws GuardError (rejects) ABORTED when stopped or disposed; BAD_INPUT for input that is not text.
   */
  check(input: CheckInput, options?: CheckOptions): Promise<GuardCheckResult>;
  /**
   * Checks many items as one queued task; results stream to `onResult` and come back in input order.
   * @throws GuardError (rejects) ABORTED when stopped or disposed (results already given to `onResult` stand); BAD_INPUT naming the item.
   */
  checkMany(items: readonly CheckInput[], options?: CheckManyOptions): Promise<GuardCheckResult[]>;
  /** What the browser's GPU can do. @throws GuardError (rejects) when the worker cannot start or the guard was disposed. */
  probe(): Promise<DeviceProbe>;
  /** Stops this guard's pending checks; the last guard on a model also stops the worker and frees the model. Calling it again does nothing. @throws never */
  dispose(): void;
}
