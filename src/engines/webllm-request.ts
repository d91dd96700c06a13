/** Pure translations between our engine types and WebLLM's: model record, completion request, output. */
import type {
  AppConfig,
  ChatCompletionTokenLogprob,
  CompletionCreateParamsStreaming,
  InitProgressReport,
  ModelRecord,
} from '@mlc-ai/web-llm';
import type { FinishReason, GenerateRequest, ModelSpec, Progress, TokenLogprob } from '../core/engine';
import { GuardError } from '../core/errors';
import { requiredFeaturesOf } from './registry-resolve';

/** WebLLM's rule for weights URLs: `resolve/main/` is appended unless the URL already has `/resolve/<rev>/`. */
export function cleanModelUrl(url: string, base?: string): string {
  let value = url.endsWith('/') ? url : `${url}/`;
  if (!/.+\/resolve\/.+\//.test(value)) value += 'resolve/main/';
  return new URL(value, base).href;
}

/** The WebLLM model record of a spec; f16 builds list `shader-f16` so WebLLM refuses them up front. */
export function modelRecordOf(spec: ModelSpec): ModelRecord {
  if (!spec.url || !spec.modelLibUrl) {
    throw new GuardError('BAD_CONFIG', `Model "${spec.id}" needs a weights URL and a model library URL for WebGPU.`, { model: spec.id });
  }
  const features = requiredFeaturesOf(spec);
  return {
    model: spec.url,
    model_id: spec.id,
    model_lib: spec.modelLibUrl,
    overrides: { context_window_size: spec.contextWindow ?? 4096 },
    ...(features.length ? { required_features: features } : {}),
  };
}

/** One-model app config on the Cache Storage backend (the one our cache checks understand). */
export function appConfigOf(spec: ModelSpec): AppConfig {
  return { model_list: [modelRecordOf(spec)], cacheBackend: 'cache' };
}

/** WebLLM accepts 0–5 alternatives and collects none unless at least one is asked for. */
export const MAX_TOP_LOGPROBS = 5;

/** The raw-text completion request (no chat template, like the reference harness). */
export function completionParams(request: GenerateRequest, modelId: string): CompletionCreateParamsStreaming {
  const { settings } = request;
  const wantLogprobs = settings.topLogprobs !== undefined;
  const greedy = settings.temperature === 0;
  // Greedy WITH logprobs: temperature 0 makes every logprob 0 or -inf (useless as a score), while
  // temperature 1 with top_p 1e-5 keeps only the most likely token and still reports real logprobs.
  const sampling = greedy && wantLogprobs ? { temperature: 1, top_p: 1e-5 } : { temperature: settings.temperature, top_p: settings.topP };
  return {
    model: modelId,
    prompt: request.prompt,
    stream: true,
    stream_options: { include_usage: true },
    max_tokens: settings.maxTokens,
    ...sampling,
    ...(settings.seed !== undefined ? { seed: Math.trunc(settings.seed) } : {}),
    ...(wantLogprobs
      ? { logprobs: true, top_logprobs: Math.min(MAX_TOP_LOGPROBS, Math.max(1, Math.trunc(settings.topLogprobs ?? 1))) }
      : {}),
  };
}

/** WebLLM's per-token logprobs as ours; JSON `null` (a -inf logprob) becomes `-Infinity`. */
export function toTokenLogprobs(content: ChatCompletionTokenLogprob[], topN: number): TokenLogprob[] {
  const value = (x: number | null | undefined): number => (typeof x === 'number' ? x : -Infinity);
  return content.map((entry) => ({
    token: entry.token,
    logprob: value(entry.logprob),
    top: (entry.top_logprobs ?? []).slice(0, Math.max(0, topN)).map((t) => ({ token: t.token, logprob: value(t.logprob) })),
  }));
}

export function finishReasonOf(reason: string | null | undefined, stoppedEarly: boolean): FinishReason {
  if (stoppedEarly) return 'early';
  if (reason === 'length') return 'length';
  if (reason === 'abort') return 'abort';
  return 'stop';
}

/**
 * WebLLM's load report as our `Progress`. Its text names the phase; `totalBytes` (from the model's
 * tensor-cache.json) turns the download fraction into bytes.
 */
export function toProgress(report: InitProgressReport, totalBytes: number): Progress {
  const text = report.text;
  const fraction = Math.min(1, Math.max(0, Number.isFinite(report.progress) ? report.progress : 0));
  if (/^Fetching param cache|^Start to fetch params/.test(text)) {
    return { phase: 'download', loaded: Math.round(fraction * totalBytes), total: totalBytes, text };
  }
  if (/^Loading model from cache/.test(text)) {
    return { phase: 'load', loaded: Math.round(fraction * totalBytes), total: totalBytes, text };
  }
  if (/^Loading GPU shader modules/.test(text)) return { phase: 'compile', loaded: Math.round(fraction * 100), total: 100, text };
  if (/^Finish loading/.test(text)) return { phase: 'ready', loaded: 1, total: 1, text };
  return { phase: 'load', loaded: Math.round(fraction * 100), total: 100, text };
}
