/**
 * The one interface every inference engine implements (WebLLM, wllama, OpenAI-compatible HTTP).
 * Declared in core because the classify step, written once here, drives any engine through it.
 */

export interface GenerationSettings {
  /** Cap on new tokens (the config's `max_output_tokens`). */
  maxTokens: number;
  /** 0 means greedy decoding. The reference harness samples with 0.2. */
  temperature: number;
  topP: number;
  seed?: number;
  /** Ask for logprobs of the chosen token and up to `topLogprobs` alternatives at each position (0–5). */
  topLogprobs?: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  top: { token: string; logprob: number }[];
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from a kept KV-cache prefix instead of being computed again. */
  cachedPromptTokens?: number;
}

export type FinishReason = 'stop' | 'length' | 'abort' | 'early';

export interface GenerateRequest {
  /** The filled template, sent as raw text (no chat template). */
  prompt: string;
  settings: GenerationSettings;
  signal?: AbortSignal;
  /**
   * Called with the text generated so far; returning true ends generation there (finishReason `early`).
   * Engines that cannot stop mid-stream may ignore it.
   */
  stopWhen?: (textSoFar: string) => boolean;
  /** The template's fixed part before the first placeholder, a hint for engines that keep a prefix cache. */
  prefixHint?: string;
}

export interface Generation {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  logprobs?: TokenLogprob[];
  /** Wall time of this request inside the engine, milliseconds. */
  latencyMs: number;
}

/** Progress of a long operation (a model load, a download, a run). */
export interface Progress {
  phase: 'probe' | 'download' | 'compile' | 'load' | 'ready' | 'run';
  loaded: number;
  total: number;
  text: string;
}

export type EngineKind = 'webllm' | 'wllama' | 'openai';

/** What to load: a registry id or a custom model given by URLs. */
export interface ModelSpec {
  /** Registry id (e.g. `roguard-1.0-q4f32_1-MLC`) or a custom id. */
  id: string;
  engine: EngineKind;
  /** MLC weights folder URL, GGUF file URL(s), or the OpenAI-compatible base URL. */
  url?: string;
  /** MLC model library (.wasm) URL, for custom WebLLM models. */
  modelLibUrl?: string;
  /** Context window to allocate, tokens. */
  contextWindow?: number;
  /** Engine-specific extras (e.g. the OpenAI `model` name, an API key). */
  options?: Record<string, string | number | boolean>;
}

export interface Engine {
  readonly kind: EngineKind;
  /** @throws GuardError (MODEL_LOAD_FAILED, DOWNLOAD_FAILED, WEBGPU_UNAVAILABLE, ABORTED, …) */
  load(model: ModelSpec, onProgress?: (progress: Progress) => void, signal?: AbortSignal): Promise<void>;
  /** @throws GuardError (NOT_LOADED, CONTEXT_OVERFLOW, DEVICE_LOST, ABORTED, ENGINE_ERROR, …) */
  generate(request: GenerateRequest): Promise<Generation>;
  /** Number of tokens the model sees for this text, when the engine can tell. */
  countTokens?(text: string): Promise<number>;
  /** Context window of the loaded model, tokens. */
  contextWindow?(): number | undefined;
  unload(): Promise<void>;
}
