/**
 * Pre-flight before a benchmark run: does the model suit this device, does the longest example fit
 * the context window, is there room to store the results, and about how long will it take.
 */
import type { Example } from '../../core/example';
import { fillTemplate } from '../../core/template';
import type { DeviceProbe } from '../../engines/device';
import type { ModelEntry } from '../../engines/registry';
import type { LoadedModel } from '../../worker/api';
import { formatBytes } from '../../store/quota';
import type { StorageInfo } from '../../store/quota';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'unknown';

export interface PreflightCheck {
  id: 'device' | 'context' | 'storage' | 'time';
  title: string;
  status: CheckStatus;
  detail: string;
}

/** What a short run on the first few examples measured. */
export interface Trial {
  examples: number;
  /** Wall time of the trial, ms. */
  ms: number;
  promptTokens: number;
  /** Characters of the filled prompts the trial sent. */
  promptChars: number;
}

/** The longest filled prompt of the dataset, in characters. */
export interface LongestPrompt {
  index: number;
  chars: number;
}

/** Llama 3's tokenizer averages about four characters of English per token; three leaves room for other text. */
const CHARS_PER_TOKEN_GUESS = 3;
/** Stored bytes per result beyond the raw output (verdict, usage, keys, cache entry). */
const RESULT_OVERHEAD_BYTES = 1_200;

/**
 * The length of each example's filled prompt without filling every one: the template's fixed part
 * plus each placeholder's count times its value's length (the fill inserts values verbatim).
 * @throws GuardError BAD_TEMPLATE when the template is invalid
 */
export function promptLengthOf(template: string, nullResponseText: 'None' | ''): (example: Example) => number {
  const base = fillTemplate(template, { prompt: '', response: '' }).length;
  const prompts = fillTemplate(template, { prompt: 'x', response: '' }).length - base;
  const responses = fillTemplate(template, { prompt: '', response: 'x' }).length - base;
  return (example) => base + prompts * example.prompt.length + responses * (example.response ?? nullResponseText).length;
}

/** The longest filled prompt, and how many prompts are longer than `limitChars`. */
export function longestPrompt(
  examples: readonly Example[],
  lengthOf: (example: Example) => number,
  limitChars = Infinity,
): { longest: LongestPrompt | null; overLimit: number } {
  let longest: LongestPrompt | null = null;
  let overLimit = 0;
  for (const example of examples) {
    const chars = lengthOf(example);
    if (chars > limitChars) overLimit++;
    if (!longest || chars > longest.chars) longest = { index: example.index, chars };
  }
  return { longest, overLimit };
}

export function deviceCheck(probe: DeviceProbe | null, model: LoadedModel | null, entry: ModelEntry | undefined): PreflightCheck {
  const title = 'Model fits this device';
  if (!model) return { id: 'device', title, status: 'fail', detail: 'No model is loaded. Load one on the Models page, then come back.' };
  const name = entry?.label ?? model.spec.id;
  if (model.spec.engine === 'webllm') {
    if (probe && !probe.webgpu) return { id: 'device', title, status: 'fail', detail: `${name} needs WebGPU, which this browser lacks: ${probe.reason ?? 'no adapter'}. Choose the CPU engine on the Models page.` };
    if (probe && entry?.requiredFeatures.includes('shader-f16') && !probe.shaderF16) {
      return { id: 'device', title, status: 'fail', detail: `${name} needs the shader-f16 feature, which this GPU lacks. Load the q4f32_1 build instead.` };
    }
    const vram = entry?.vramMB === undefined ? '' : ` It needs about ${formatBytes(entry.vramMB * 2 ** 20)} of GPU memory.`;
    return { id: 'device', title, status: 'ok', detail: `${name} is loaded on ${probe?.adapter?.description || probe?.adapter?.vendor || 'the GPU'}.${vram}` };
  }
  if (model.spec.engine === 'wllama') {
    const threads = probe?.crossOriginIsolated ? `${probe.hardwareConcurrency} threads` : 'one thread (the page is not cross-origin isolated)';
    return { id: 'device', title, status: 'ok', detail: `${name} is loaded on the CPU engine, ${threads}.` };
  }
  return { id: 'device', title, status: 'ok', detail: `${name} runs on a server (${model.spec.url ?? 'OpenAI-compatible'}); this device only sends prompts.` };
}

/** Tokens of a prompt of `chars` characters: measured by the trial when there is one, else a cautious guess. */
export function estimateTokens(chars: number, trial: Trial | null): { tokens: number; measured: boolean } {
  if (trial && trial.promptChars > 0 && trial.promptTokens > 0) {
    return { tokens: Math.ceil((chars * trial.promptTokens) / trial.promptChars), measured: true };
  }
  return { tokens: Math.ceil(chars / CHARS_PER_TOKEN_GUESS), measured: false };
}

export function contextCheck(
  longest: LongestPrompt | null,
  contextWindow: number | undefined,
  maxOutputTokens: number,
  trial: Trial | null,
  overLimit: number,
): PreflightCheck {
  const title = 'Longest example fits the context window';
  if (!longest) return { id: 'context', title, status: 'unknown', detail: 'The dataset has no examples.' };
  const { tokens, measured } = estimateTokens(longest.chars, trial);
  const how = measured ? 'about' : 'an estimated';
  if (contextWindow === undefined) {
    return { id: 'context', title, status: 'unknown', detail: `The longest prompt (example ${longest.index}) is ${how} ${tokens} tokens; the model's context window is not known until it is loaded.` };
  }
  const needed = tokens + maxOutputTokens;
  const basis = measured ? 'measured on the trial rows' : 'estimated from its length; a trial run measures it';
  if (needed <= contextWindow) {
    return { id: 'context', title, status: 'ok', detail: `Example ${longest.index} is the longest: ${how} ${tokens} prompt tokens + ${maxOutputTokens} output tokens of ${contextWindow} (${basis}).` };
  }
  return {
    id: 'context',
    title,
    status: 'warn',
    detail: `Example ${longest.index} needs ${how} ${needed} tokens, more than the ${contextWindow}-token window; ${overLimit} example(s) may not fit. They will be reported with CONTEXT_OVERFLOW and the run goes on. Load the model with a larger context window to avoid it.`,
  };
}

export function storageCheck(storage: StorageInfo | null, examples: number, avgOutputChars: number): PreflightCheck {
  const title = 'Storage has room for the results';
  const needed = examples * (RESULT_OVERHEAD_BYTES + 2 * avgOutputChars);
  if (!storage) return { id: 'storage', title, status: 'unknown', detail: `This browser does not report its storage; the results need about ${formatBytes(needed)}.` };
  if (storage.available >= needed * 2) {
    return { id: 'storage', title, status: 'ok', detail: `About ${formatBytes(needed)} needed, ${formatBytes(storage.available)} free.` };
  }
  if (storage.available >= needed) {
    return { id: 'storage', title, status: 'warn', detail: `About ${formatBytes(needed)} needed and only ${formatBytes(storage.available)} free: delete old runs or cached models if the run pauses for space.` };
  }
  return { id: 'storage', title, status: 'fail', detail: `About ${formatBytes(needed)} needed but only ${formatBytes(storage.available)} free. Delete old runs, datasets or cached models first.` };
}

export function timeCheck(trial: Trial | null, examples: number): PreflightCheck {
  const title = 'Estimated time';
  if (!trial || trial.examples === 0) return { id: 'time', title, status: 'unknown', detail: 'Run the trial to estimate the total time.' };
  const perExample = trial.ms / trial.examples;
  const total = perExample * examples;
  return {
    id: 'time',
    title,
    status: 'ok',
    detail: `${formatDuration(perExample)} per example on the first ${trial.examples}: about ${formatDuration(total)} for ${examples} examples (less for examples already in the cache).`,
  };
}

/** `850 ms`, `12 s`, `4 min 10 s`, `2 h 5 min`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '–';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1_000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
