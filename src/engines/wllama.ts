/**
 * The wllama engine: llama.cpp compiled to WebAssembly, running GGUF models on the CPU (several
 * threads when the page is cross-origin isolated) or on WebGPU. Behind it sits llama-server's
 * completion loop, so the raw prompt is sent with no chat template and logprobs come with each token.
 * Prefix reuse (on unless `options.prefixReuse` is false, see wllama-prefix.ts): the KV cache of the
 * prompt's longest matching start is kept between requests, so a template's fixed part is computed once.
 */
import { Wllama, type LoadModelParams, type WllamaLogger } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import type { Engine, GenerateRequest, Generation, ModelSpec, Progress } from '../core/engine';
import { GuardError, abortedError } from '../core/errors';
import { generationError, isAbortError, loadError, overflowTokens } from './wllama-errors';
import { EXACT_REUSE_PARAMS, prefixReuseOf } from './wllama-prefix';
import { chooseRuntime } from './wllama-runtime';
import { fetchFiles, parseModelUrls, planSource, preflight } from './wllama-source';
import { StreamCollector, type WireChunk } from './wllama-stream';

/** Context allocated when the spec names none: fits the longest shipped template plus a long conversation. */
export const DEFAULT_CONTEXT_WINDOW = 4096;

export interface WllamaRuntimeInfo {
  multiThread: boolean;
  threads: number;
  gpuLayers: number;
  contextWindow: number;
  trainedContextWindow: number;
  /** Whether the KV cache of a shared prompt start is reused between requests. */
  prefixReuse: boolean;
  /** What was decided on the way (threads, GPU), for the person loading the model. */
  notes: string[];
}

type ProgressFn = (progress: Progress) => void;

const quietLogger: WllamaLogger = { debug: () => {}, log: () => {}, warn: console.warn, error: console.error };

/** Rejects with ABORTED as soon as `signal` fires, without waiting for `work`. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortedError(what));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

const megabytes = (bytes: number) => (bytes / 1e6).toFixed(1);

export class WllamaEngine implements Engine {
  readonly kind = 'wllama' as const;
  private wllama: Wllama | null = null;
  private info: WllamaRuntimeInfo | null = null;
  private endTokens = new Set<number>();
  private prefixReuse = true;

  /**
   * Loads a GGUF model from `model.url`: one URL, the first shard of a gguf-split set, several URLs
   * separated by whitespace, or a `blob:` URL. Options: `threads`, `gpuLayers`, `cache` (false skips
   * wllama's OPFS model cache lookup), `prefixReuse` (false computes every prompt in full).
   * @throws GuardError MODEL_LOAD_FAILED (with url and HTTP status), DOWNLOAD_FAILED, BAD_CONFIG, ABORTED
   */
  async load(model: ModelSpec, onProgress?: ProgressFn, signal?: AbortSignal): Promise<void> {
    await this.unload();
    if (signal?.aborted) throw abortedError('Loading the model');
    const urls = parseModelUrls(model.url);
    const source = planSource(urls);
    const total = await preflight(source.urls, signal);
    const download = (loaded: number, size: number) =>
      onProgress?.({ phase: 'download', loaded, total: size, text: `Downloading model: ${megabytes(loaded)} / ${megabytes(size)} MB` });
    if (source.kind === 'fetch') {
      const files = await fetchFiles(source.urls, download, signal, total);
      return this.start(model, urls[0]!, onProgress, signal, (w, params) => w.loadModel(files, params));
    }
    let loadingAnnounced = false;
    return this.start(model, source.url, onProgress, signal, (w, params) =>
      w.loadModelFromUrl(source.url, {
        ...params,
        signal,
        useCache: model.options?.cache !== false,
        progressCallback: ({ loaded, total: size }) => {
          download(loaded, size || total);
          if (!loadingAnnounced && size > 0 && loaded >= size) {
            loadingAnnounced = true;
            onProgress?.({ phase: 'load', loaded: 0, total: 1, text: 'Loading the model into llama.cpp (WebAssembly)…' });
          }
        },
      }),
    );
  }

  /**
   * Loads a GGUF model from local files (all shards of a split model, in any order).
   * @throws GuardError MODEL_LOAD_FAILED, ABORTED
   */
  async loadFiles(files: Blob[], model: Partial<ModelSpec> = {}, onProgress?: ProgressFn, signal?: AbortSignal): Promise<void> {
    await this.unload();
    if (signal?.aborted) throw abortedError('Loading the model');
    const names = files.map((f) => (f instanceof File ? f.name : 'blob')).join(', ');
    const spec: ModelSpec = { id: model.id ?? names, engine: 'wllama', ...model };
    return this.start(spec, names, onProgress, signal, (w, params) => w.loadModel(files, params));
  }

  private async start(model: ModelSpec, source: string, onProgress: ProgressFn | undefined, signal: AbortSignal | undefined, run: (w: Wllama, params: LoadModelParams) => Promise<void>): Promise<void> {
    const runtime = await chooseRuntime(model.options);
    let wllama: Wllama;
    try {
      wllama = new Wllama({ default: wasmUrl }, { suppressNativeLog: model.options?.debug !== true, logger: quietLogger });
    } catch (error) {
      throw loadError(error, source);
    }
    const params: LoadModelParams = {
      n_ctx: model.contextWindow ?? DEFAULT_CONTEXT_WINDOW,
      n_threads: runtime.threads,
      n_gpu_layers: runtime.gpuLayers,
      // One sequence: requests run one at a time and keep one prompt cache.
      n_parallel: 1,
      // Smaller batches let an abort land between them during a long prompt.
      n_batch: 512,
      ...EXACT_REUSE_PARAMS,
    };
    if (model.url === undefined) onProgress?.({ phase: 'load', loaded: 0, total: 1, text: 'Loading the model into llama.cpp (WebAssembly)…' });
    const loading = run(wllama, params);
    try {
      await untilAborted(loading, signal, 'Loading the model');
    } catch (error) {
      loading.catch(() => {});
      // Not awaited: exit waits for the worker, which may still be busy loading.
      wllama.exit().catch(() => {});
      throw isAbortError(error) ? abortedError('Loading the model') : loadError(error, source);
    }
    const info = wllama.getLoadedContextInfo();
    this.wllama = wllama;
    this.endTokens = new Set(info.list_tokens_eog);
    this.prefixReuse = prefixReuseOf(model.options);
    this.info = {
      multiThread: wllama.isMultithread(),
      threads: wllama.getNumThreads(),
      gpuLayers: runtime.gpuLayers,
      contextWindow: info.n_ctx,
      trainedContextWindow: info.n_ctx_train,
      prefixReuse: this.prefixReuse,
      notes: [
        `llama.cpp on ${wllama.isMultithread() ? `${wllama.getNumThreads()} threads` : '1 thread'}`,
        runtime.gpuNote,
        this.prefixReuse ? 'prompt prefix reuse on' : 'prompt prefix reuse off: every prompt is computed in full',
      ],
    };
    onProgress?.({ phase: 'ready', loaded: 1, total: 1, text: `Model ready (${this.info.notes.join('; ')})` });
  }

  /** @throws GuardError NOT_LOADED, CONTEXT_OVERFLOW, ABORTED, ENGINE_ERROR */
  async generate(request: GenerateRequest): Promise<Generation> {
    const wllama = this.loaded();
    if (request.signal?.aborted) throw abortedError('Generation');
    const { settings } = request;
    const wantLogprobs = settings.topLogprobs !== undefined;
    const collector = new StreamCollector(this.endTokens, wantLogprobs ? Math.max(0, Math.min(5, settings.topLogprobs!)) : undefined);
    const stop = new AbortController();
    let early = false;
    let cancelled = false;
    const onAbort = () => {
      cancelled = true;
      stop.abort();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const started = performance.now();
    try {
      await wllama.createCompletion({
        prompt: request.prompt,
        stream: true,
        max_tokens: settings.maxTokens,
        temperature: settings.temperature,
        top_p: settings.topP,
        // Hugging Face generate() samples with top-k 50 and no min-p; llama-server's defaults differ.
        top_k: 50,
        min_p: 0,
        ...(settings.seed !== undefined ? { seed: settings.seed } : {}),
        ...(wantLogprobs ? { logprobs: Math.max(1, settings.topLogprobs!) } : {}),
        cache_prompt: this.prefixReuse,
        timings_per_token: true,
        return_progress: true,
        abortSignal: stop.signal,
        onData: (chunk) => {
          const piece = collector.add(chunk as unknown as WireChunk);
          if (!early && piece !== '' && request.stopWhen?.(collector.text)) {
            early = true;
            stop.abort();
          }
        },
      } as Parameters<Wllama['createCompletion']>[0] & { stream: true; onData: (chunk: unknown) => void });
    } catch (error) {
      if (cancelled) throw abortedError('Generation');
      if (!(early && isAbortError(error))) throw generationError(error);
    } finally {
      request.signal?.removeEventListener('abort', onAbort);
    }
    return {
      text: collector.text,
      finishReason: collector.finishReason(early),
      usage: collector.tokenUsage(),
      ...(wantLogprobs ? { logprobs: collector.logprobs } : {}),
      latencyMs: performance.now() - started,
    };
  }

  /**
   * Tokens the model sees for `text` (BOS included). llama.cpp is asked for one token after it, so
   * this costs one prompt pass; the prompt stays in the KV cache, so generating from the same text
   * next reuses it.
   * @throws GuardError NOT_LOADED, ENGINE_ERROR
   */
  async countTokens(text: string): Promise<number> {
    const wllama = this.loaded();
    try {
      const response = await wllama.createCompletion({ prompt: text, max_tokens: 1, temperature: 0, cache_prompt: this.prefixReuse } as Parameters<Wllama['createCompletion']>[0] & { stream?: false });
      return response.usage.prompt_tokens;
    } catch (error) {
      const overflow = overflowTokens(error);
      if (overflow) return overflow.promptTokens;
      throw generationError(error);
    }
  }

  contextWindow(): number | undefined {
    return this.info?.contextWindow;
  }

  /** Threads, GPU offload and context of the loaded model; null before a load. */
  runtimeInfo(): WllamaRuntimeInfo | null {
    return this.info ? { ...this.info, notes: [...this.info.notes] } : null;
  }

  async unload(): Promise<void> {
    const wllama = this.wllama;
    this.wllama = null;
    this.info = null;
    if (wllama) await wllama.exit().catch(() => {});
  }

  private loaded(): Wllama {
    if (!this.wllama) throw new GuardError('NOT_LOADED', 'No model is loaded in the wllama engine. Load a GGUF model first.');
    return this.wllama;
  }
}
