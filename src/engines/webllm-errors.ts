/**
 * WebLLM's failures as our typed error. WebLLM throws one class per failure and names each one
 * (`error.name`), so we map by name (classes do not survive bundling reliably) and fall back to what
 * the browser throws underneath (fetch, Cache Storage, WebAssembly, JSON).
 */
import { GuardError, isGuardError, type GuardErrorCode } from '../core/errors';
import { NO_WEBGPU_REASON } from './probe';

export type EnginePhase = 'load' | 'generate';

export interface ErrorContext {
  phase: EnginePhase;
  modelId?: string;
  /** The URL being fetched when known (weights folder, model library). */
  url?: string;
  /** Where a load was: starting the model library (before any progress report) or the weights. */
  stage?: 'library' | 'weights';
}

const SMALLER =
  'Try the 4096-token context instead of 8192, close other GPU-heavy tabs, or pick a smaller model (Llama-3.2-3B or -1B); ' +
  'the CPU engine (wllama) works without a GPU.';

const BY_NAME: Record<string, (e: Error, c: ErrorContext) => [GuardErrorCode, string]> = {
  WebGPUNotAvailableError: () => ['WEBGPU_UNAVAILABLE', NO_WEBGPU_REASON],
  WebGPUNotFoundError: () => ['WEBGPU_UNAVAILABLE', NO_WEBGPU_REASON],
  ShaderF16SupportError: () => [
    'SHADER_F16_UNSUPPORTED',
    'This GPU or browser lacks the WebGPU feature shader-f16 that q4f16_1 builds need. Load the q4f32_1 build of the same model instead.',
  ],
  FeatureSupportError: (e) => ['MODEL_LOAD_FAILED', `${e.message} Pick a build that does not need it (a q4f32_1 build), or another browser.`],
  DeviceLostError: () => ['DEVICE_LOST', `The GPU device was lost, usually because it ran out of memory. ${SMALLER}`],
  ContextWindowSizeExceededError: (e) => [
    'CONTEXT_OVERFLOW',
    `This input does not fit the model's context window (${e.message.split('\n')[0]}). Shorten it or load the model with a larger context window (8192).`,
  ],
  ModelNotFoundError: (_e, c) => ['MODEL_NOT_FOUND', `WebLLM has no model record "${c.modelId ?? ''}".`],
  MissingModelError: (_e, c) => ['BAD_CONFIG', `Model "${c.modelId ?? ''}" has no model library URL (.wasm).`],
  ModelNotLoadedError: () => ['NOT_LOADED', 'No model is loaded. Load a model first.'],
  EngineNotLoadedError: () => ['NOT_LOADED', 'No model is loaded. Load a model first.'],
  UnsupportedTokenizerFilesError: (e) => ['MODEL_LOAD_FAILED', `${e.message}. The MLC folder needs tokenizer.json (re-run mlc_llm gen_config).`],
  IntegrityError: (e) => ['DOWNLOAD_FAILED', `${e.message} The file changed or was corrupted in transit; load again to download it anew.`],
  ArtifactManifestError: (e) => ['MODEL_LOAD_FAILED', `The model's manifest is invalid: ${e.message}`],
  WindowSizeConfigurationError: (e) => ['BAD_CONFIG', e.message],
  UnsupportedFieldsError: (e) => ['ENGINE_ERROR', e.message],
  QuotaExceededError: () => [
    'STORAGE_QUOTA',
    'The browser ran out of storage while saving the model. Delete cached models on the Models page or free disk space, then load again.',
  ],
};

const CONFIG_VALUE_ERRORS = new Set(['ConfigValueError', 'MinValueError', 'NonNegativeError', 'InvalidNumberStringError', 'DependencyError', 'SeedTypeError']);

/** WebLLM's own `RangeError` shares its name with JavaScript's; its messages start with "Make sure". */
function isConfigValueError(error: Error): boolean {
  return CONFIG_VALUE_ERRORS.has(error.name) || (error.name === 'RangeError' && error.message.startsWith('Make sure'));
}

function classify(error: Error, context: ErrorContext): [GuardErrorCode, string] {
  const byName = BY_NAME[error.name];
  if (byName) return byName(error, context);
  if (isConfigValueError(error)) return ['BAD_CONFIG', `Invalid generation setting: ${error.message}`];
  const message = error.message;
  const where = context.url ? ` (${context.url})` : '';
  if (/Unable to find a compatible GPU|no (WebGPU )?adapter/i.test(message)) return ['WEBGPU_UNAVAILABLE', NO_WEBGPU_REASON];
  if (/device (was |is |has been )?(lost|destroyed)|lost the (GPU )?device/i.test(message)) {
    return ['DEVICE_LOST', `The GPU device was lost, usually because it ran out of memory. ${SMALLER}`];
  }
  if (/Failed to fetch|NetworkError|network error|ERR_|Load failed|Request failed|Failed to execute 'add' on 'Cache'|Cannot fetch|Failed to store/i.test(message)) {
    return ['DOWNLOAD_FAILED', `Downloading the model failed${where}: ${message}. Check the connection and the model URL, then load again (finished files are kept).`];
  }
  if (error.name === 'CompileError' || error.name === 'LinkError' || /WebAssembly|wasm/i.test(message)) {
    return [
      'MODEL_LOAD_FAILED',
      `The model library${where} could not be started: ${message}. It must be a .wasm built for this WebLLM version; check the model library URL.`,
    ];
  }
  if (error.name === 'SyntaxError' || /JSON/i.test(message)) {
    return ['MODEL_LOAD_FAILED', `A model file${where} is not valid JSON: ${message}. Check that the URL points at an MLC model folder.`];
  }
  if (context.phase === 'load' && context.stage === 'library') {
    return [
      'MODEL_LOAD_FAILED',
      `The model library${where} could not be started (${message}). It must be a library built for this WebLLM version and for the model's ` +
        'architecture and quantization; check the model library URL (see docs/webllm.md).',
    ];
  }
  if (context.phase === 'load') return ['MODEL_LOAD_FAILED', `Loading the model failed${where}: ${message}`];
  return ['ENGINE_ERROR', `The WebGPU engine failed: ${message}`];
}

/** Any thrown value as a GuardError with a message that says what to do; GuardErrors pass through. */
export function toGuardError(error: unknown, context: ErrorContext): GuardError {
  if (isGuardError(error)) return error;
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError') {
    return new GuardError('ABORTED', context.phase === 'load' ? 'Loading the model was cancelled.' : 'Generation was cancelled.');
  }
  const err = error instanceof Error ? error : new Error(typeof error === 'string' ? error : String(error));
  if (!(error instanceof Error) && typeof error === 'object' && error !== null && 'name' in error) {
    err.name = String((error as { name: unknown }).name);
    err.message = String((error as { message?: unknown }).message ?? err.message);
  }
  const [code, message] = classify(err, context);
  const details: Record<string, string> = { cause: `${err.name}: ${err.message}`.slice(0, 500) };
  if (context.modelId) details.model = context.modelId;
  if (context.url) details.url = context.url;
  return new GuardError(code, message, details, { cause: error });
}
