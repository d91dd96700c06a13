/**
 * The WebGPU engine: WebLLM's `MLCEngine`, owned directly inside our worker (not WebLLM's own worker,
 * whose handler flattens errors to strings). The filled template is sent as a raw completion.
 */
import type { MLCEngine } from '@mlc-ai/web-llm';
import type { Engine, GenerateRequest, Generation, ModelSpec, Progress } from '../core/engine';
import { abortedError, GuardError } from '../core/errors';
import { forgetModelMetadata } from './cache';
import { probeDevice } from './probe';
import { requiredFeaturesOf } from './registry-resolve';
import { prepareModelFiles } from './webllm-files';
import { toGuardError } from './webllm-errors';
import { appConfigOf, completionParams, finishReasonOf, toProgress, toTokenLogprobs } from './webllm-request';

type Logprob = Parameters<typeof toTokenLogprobs>[0][number];

/** The pipeline's tokenizer is not public API; read defensively so a WebLLM change degrades to "unknown". */
interface PipelineInternals {
  loadedModelIdToPipeline?: Map<string, { tokenizer?: { encode(text: string): ArrayLike<number> } }>;
}

function rejectOnAbort(signal: AbortSignal | undefined, what: string): { promise: Promise<never>; dispose(): void } {
  let onAbort = (): void => {};
  const promise = new Promise<never>((_, reject) => {
    onAbort = () => reject(abortedError(what));
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
  promise.catch(() => {});
  return { promise, dispose: () => signal?.removeEventListener('abort', onAbort) };
}

export class WebLLMEngine implements Engine {
  readonly kind = 'webllm' as const;
  private mlc: MLCEngine | null = null;
  private spec: ModelSpec | null = null;

  /** @throws GuardError WEBGPU_UNAVAILABLE, SHADER_F16_UNSUPPORTED, DOWNLOAD_FAILED, MODEL_LOAD_FAILED, STORAGE_QUOTA, DEVICE_LOST, ABORTED */
  async load(spec: ModelSpec, onProgress?: (progress: Progress) => void, signal?: AbortSignal): Promise<void> {
    await this.unload();
    if (signal?.aborted) throw abortedError('Loading the model');
    onProgress?.({ phase: 'probe', loaded: 0, total: 1, text: 'Checking WebGPU…' });
    // WebLLM 0.2.86 downloads the model library before it looks for a GPU: probe first.
    const probe = await probeDevice();
    if (!probe.webgpu) throw new GuardError('WEBGPU_UNAVAILABLE', probe.reason ?? 'WebGPU is not available.', { model: spec.id });
    if (requiredFeaturesOf(spec).includes('shader-f16') && !probe.shaderF16) {
      throw new GuardError(
        'SHADER_F16_UNSUPPORTED',
        `${spec.id} is a q4f16_1 build and this GPU lacks shader-f16. Load the q4f32_1 build of the same model instead.`,
        { model: spec.id },
      );
    }
    const aborted = rejectOnAbort(signal, 'Loading the model');
    let mlc: MLCEngine | undefined;
    // WebLLM reports progress only once the library runs: a failure before the first report is the library's.
    let reported = false;
    try {
      const files = await Promise.race([prepareModelFiles(spec, signal, onProgress), aborted.promise]);
      const { MLCEngine } = await Promise.race([import('@mlc-ai/web-llm'), aborted.promise]);
      mlc = new MLCEngine({
        appConfig: appConfigOf(spec),
        initProgressCallback: (report) => {
          reported = true;
          onProgress?.(toProgress(report, files.weightBytes));
        },
        logLevel: 'WARN',
      });
      await Promise.race([mlc.reload(spec.id), aborted.promise]);
      // WebLLM's reload returns quietly when its downloads were aborted.
      if (signal?.aborted) throw abortedError('Loading the model');
      this.mlc = mlc;
      this.spec = spec;
    } catch (error) {
      if (mlc) this.discard(mlc);
      const stage = mlc && !reported ? 'library' : 'weights';
      const typed = toGuardError(error, { phase: 'load', modelId: spec.id, url: stage === 'library' ? spec.modelLibUrl : spec.url, stage });
      // A library or config that failed to start may be stored; forget it so a fixed upload is fetched.
      if (typed.code === 'MODEL_LOAD_FAILED') await forgetModelMetadata(spec).catch(() => {});
      throw typed;
    } finally {
      aborted.dispose();
    }
  }

  /** Unloads an engine we gave up on; a load still running in it is cancelled and cleaned up when it ends. */
  private discard(mlc: MLCEngine): void {
    void mlc.unload().catch(() => {});
  }

  /** @throws GuardError NOT_LOADED, CONTEXT_OVERFLOW, DEVICE_LOST, ABORTED, ENGINE_ERROR */
  async generate(request: GenerateRequest): Promise<Generation> {
    const mlc = this.mlc;
    const spec = this.spec;
    if (!mlc || !spec) throw new GuardError('NOT_LOADED', 'No WebGPU model is loaded. Load a model first.');
    if (request.signal?.aborted) throw abortedError('Generation');
    const started = performance.now();
    const prefix = typeof spec.options?.promptPrefix === 'string' ? spec.options.promptPrefix : '';
    const params = completionParams({ ...request, prompt: prefix + request.prompt }, spec.id);
    const state = { text: '', finish: null as string | null, early: false, aborted: false, usage: undefined as undefined | { prompt_tokens: number; completion_tokens: number } };
    const logprobs: Logprob[] = [];
    const interrupt = (): void => void mlc.interruptGenerate();
    const onAbort = (): void => {
      state.aborted = true;
      interrupt();
    };
    request.signal?.addEventListener('abort', onAbort, { once: true });
    const aborted = rejectOnAbort(request.signal, 'Generation');
    const run = async (): Promise<void> => {
      const stream = await mlc.completions.create(params);
      for await (const chunk of stream) {
        const choice = chunk.choices[0];
        if (choice) {
          state.text += choice.text;
          if (choice.logprobs?.content) logprobs.push(...choice.logprobs.content);
          if (choice.finish_reason) state.finish = choice.finish_reason;
        }
        if (chunk.usage) state.usage = chunk.usage;
        // An interrupt raised before WebLLM's generator started is reset by it: raise it again.
        if (state.aborted || state.early) interrupt();
        else if (request.stopWhen?.(state.text)) {
          state.early = true;
          interrupt();
        }
      }
    };
    try {
      // Prefill cannot be interrupted; the abort answers at once and the engine stops at its next step.
      const running = run();
      running.catch(() => {});
      await Promise.race([running, aborted.promise]);
    } catch (error) {
      throw this.generationError(error, spec);
    } finally {
      aborted.dispose();
      request.signal?.removeEventListener('abort', onAbort);
    }
    if (state.aborted) throw abortedError('Generation');
    const topN = request.settings.topLogprobs;
    return {
      text: state.text,
      finishReason: finishReasonOf(state.finish, state.early),
      usage: { promptTokens: state.usage?.prompt_tokens ?? 0, completionTokens: state.usage?.completion_tokens ?? 0 },
      ...(topN !== undefined ? { logprobs: toTokenLogprobs(logprobs, topN) } : {}),
      latencyMs: performance.now() - started,
    };
  }

  private generationError(error: unknown, spec: ModelSpec): GuardError {
    const typed = toGuardError(error, { phase: 'generate', modelId: spec.id });
    // WebLLM unloads the model itself when the device is lost; the next call then finds nothing loaded.
    if (typed.code === 'NOT_LOADED' || typed.code === 'DEVICE_LOST') {
      this.mlc = null;
      this.spec = null;
      return new GuardError('DEVICE_LOST', `The GPU device was lost while running ${spec.id}; the model must be loaded again.`, {
        model: spec.id,
        cause: typed.message,
      });
    }
    return typed;
  }

  /** Tokens the model sees for `text`, counted as the completion does (prompt prefix included). */
  async countTokens(text: string): Promise<number> {
    if (!this.mlc || !this.spec) throw new GuardError('NOT_LOADED', 'No WebGPU model is loaded. Load a model first.');
    const pipeline = (this.mlc as unknown as PipelineInternals).loadedModelIdToPipeline?.get(this.spec.id);
    if (!pipeline?.tokenizer) throw new GuardError('ENGINE_ERROR', 'This WebLLM version does not let us count tokens.');
    const prefix = typeof this.spec.options?.promptPrefix === 'string' ? this.spec.options.promptPrefix : '';
    return pipeline.tokenizer.encode(prefix + text).length;
  }

  contextWindow(): number | undefined {
    return this.spec ? (this.spec.contextWindow ?? 4096) : undefined;
  }

  async unload(): Promise<void> {
    const mlc = this.mlc;
    this.mlc = null;
    this.spec = null;
    if (mlc) await mlc.unload().catch(() => {});
  }
}
