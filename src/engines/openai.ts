/**
 * An engine that talks to any OpenAI-compatible server (vLLM, llama.cpp server, Ollama) through the
 * legacy `/v1/completions` endpoint, so the filled template goes to the model as raw text with no chat
 * template, like the reference harness. Runs in Node 20 (global fetch) and in a web worker.
 */
import type { Engine, GenerateRequest, Generation, ModelSpec, Progress } from '../core/engine';
import { GuardError, abortedError } from '../core/errors';
import { CompletionAccumulator, errorMessageOf, isContextOverflow, isObject, snippet, sseData } from './openai-wire';

export interface OpenAIEngineOptions {
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** Extra attempts after a 429, a 5xx or a dropped connection. Default 4. */
  retries?: number;
  /** First backoff delay; doubled per attempt. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest wait between attempts, Retry-After included. Default 60 s. */
  maxRetryDelayMs?: number;
  /** A request fails when no byte arrives for this long. Default 120 s (a long prompt's prefill on a slow server). */
  timeoutMs?: number;
  /** Waits between attempts; replaceable so tests can record the delays. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

interface Connection {
  baseUrl: string;
  model: string;
  headers: Record<string, string>;
  stream: boolean;
  contextWindow: number | undefined;
}

/** Why an attempt ended early, besides the server's answer. */
type Interrupt = 'user' | 'timeout' | 'early';

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError('The request'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError('The request'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** `http://host:8000`, `http://host:8000/`, `http://host:8000/v1` all name the same server. */
export function normalizeBaseUrl(url: string): string {
  const trimmed = url.trim().replace(/\/+$/, '').replace(/\/v1$/, '');
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    throw new GuardError('BAD_CONFIG', `The server URL "${url}" is not a valid URL; give one like http://127.0.0.1:8000.`, { url });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new GuardError('BAD_CONFIG', `The server URL "${url}" must start with http:// or https://.`, { url });
  }
  return trimmed;
}

/** The `code` of a network failure anywhere in an error's cause chain (Node's undici nests it). */
function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; (typeof e === 'object' && e !== null) && depth < 6; depth++) {
    const record = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof record.code === 'string') return record.code;
    if (Array.isArray(record.errors) && record.errors.length > 0) e = record.errors[0];
    else e = record.cause;
  }
  return undefined;
}

const NOT_RETRIED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ERR_INVALID_URL', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT']);

function unreachable(url: string, error: unknown): GuardError {
  const code = networkCode(error);
  const host = new URL(url).host;
  const reason =
    code === 'ECONNREFUSED'
      ? `connection refused: nothing is listening on ${host}`
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? `host name ${new URL(url).hostname} not found`
        : code
          ? `${code}`
          : `network error${error instanceof Error ? `: ${error.message}` : ''}; in a browser this can also be CORS or an http URL on an https page`;
  return new GuardError(
    'ENGINE_UNREACHABLE',
    `Cannot reach the OpenAI-compatible server at ${url} (${reason}). Check that the server is running, that the base URL (host, port, http/https) is right, and that nothing blocks the connection.`,
    { url, ...(code ? { cause: code } : {}) },
    { cause: error },
  );
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

class Retryable extends Error {
  constructor(
    readonly reason: GuardError,
    readonly delayMs: number | undefined,
  ) {
    super(reason.message);
  }
}

/** One HTTP exchange: the response, its body text or streamed completion, and whether stopWhen ended it. */
interface AttemptOutcome {
  response: Response;
  text: string;
  accumulator: CompletionAccumulator | null;
  early: boolean;
}

export class OpenAIEngine implements Engine {
  readonly kind = 'openai' as const;
  private connection: Connection | null = null;
  private readonly fetch: typeof fetch;
  private readonly retries: number;
  private readonly retryBaseMs: number;
  private readonly maxRetryDelayMs: number;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: OpenAIEngineOptions = {}) {
    this.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.retries = options.retries ?? 4;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.maxRetryDelayMs = options.maxRetryDelayMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.sleep = options.sleep ?? defaultSleep;
  }

  /**
   * Checks the server with GET `/v1/models` and picks the model: `options.model`, else the spec's `id`,
   * else (when both are empty) the one model the server lists.
   * @throws GuardError BAD_CONFIG (no or bad URL), ENGINE_UNREACHABLE, ENGINE_ERROR (error status or not
   *   JSON), MODEL_NOT_FOUND (the server lists models and this is not one of them), ABORTED.
   */
  async load(model: ModelSpec, onProgress?: (progress: Progress) => void, signal?: AbortSignal): Promise<void> {
    if (!model.url) throw new GuardError('BAD_CONFIG', 'The OpenAI-compatible engine needs the server URL (e.g. --base-url http://127.0.0.1:8000).');
    const baseUrl = normalizeBaseUrl(model.url);
    const options = model.options ?? {};
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (typeof options.apiKey === 'string' && options.apiKey !== '') headers.Authorization = `Bearer ${options.apiKey}`;
    const url = `${baseUrl}/v1/models`;
    onProgress?.({ phase: 'probe', loaded: 0, total: 1, text: `Contacting ${url}` });
    const { response, text } = await this.attempt(url, { method: 'GET', headers }, signal, null);
    if (!response.ok) {
      throw new GuardError('ENGINE_ERROR', `The server at ${url} answered ${response.status}: ${errorMessageOf(text)}. Is the base URL an OpenAI-compatible server, and is the API key right?`, { url, status: response.status });
    }
    let listed: unknown;
    try {
      listed = JSON.parse(text);
    } catch {
      throw new GuardError('ENGINE_ERROR', `The server at ${url} answered with something that is not JSON (status ${response.status}): "${snippet(text)}". Is the base URL an OpenAI-compatible server?`, { url, status: response.status });
    }
    const entries = isObject(listed) && Array.isArray(listed.data) ? listed.data.filter(isObject) : [];
    const ids = entries.map((entry) => String(entry.id ?? ''));
    const wanted = String(options.model ?? model.id ?? '');
    if (wanted === '' && ids.length !== 1) {
      const listing = ids.length === 0 ? 'lists no model' : `serves several models (${ids.join(', ')})`;
      throw new GuardError('MODEL_NOT_FOUND', `The server at ${baseUrl} ${listing}; name the one to use (--model).`, { url: baseUrl });
    }
    const name = wanted !== '' ? wanted : ids[0]!;
    if (ids.length > 0 && !ids.includes(name)) {
      throw new GuardError('MODEL_NOT_FOUND', `The server at ${baseUrl} does not serve the model "${name}"; it serves: ${ids.join(', ')}.`, { url: baseUrl, model: name });
    }
    const entry = entries[ids.indexOf(name)];
    const meta = entry && isObject(entry.meta) ? entry.meta : undefined;
    const served = entry?.max_model_len ?? meta?.n_ctx ?? meta?.n_ctx_train;
    this.connection = {
      baseUrl,
      model: name,
      headers: { ...headers, 'Content-Type': 'application/json' },
      stream: options.stream !== false,
      contextWindow: typeof served === 'number' ? served : model.contextWindow,
    };
    onProgress?.({ phase: 'ready', loaded: 1, total: 1, text: `Connected to ${baseUrl}, model ${name}` });
  }

  contextWindow(): number | undefined {
    return this.connection?.contextWindow;
  }

  async unload(): Promise<void> {
    this.connection = null;
  }

  /**
   * POSTs the raw prompt to `/v1/completions`, streaming so that `stopWhen` can end the request early.
   * @throws GuardError NOT_LOADED, CONTEXT_OVERFLOW, ENGINE_ERROR, ENGINE_UNREACHABLE, ABORTED.
   */
  async generate(request: GenerateRequest): Promise<Generation> {
    const connection = this.connection;
    if (!connection) throw new GuardError('NOT_LOADED', 'Connect to the server (load) before generating.');
    const { settings } = request;
    const body: Record<string, unknown> = {
      model: connection.model,
      prompt: request.prompt,
      max_tokens: settings.maxTokens,
      temperature: settings.temperature,
      top_p: settings.topP,
      stream: connection.stream,
    };
    if (connection.stream) body.stream_options = { include_usage: true };
    if (settings.seed !== undefined) body.seed = settings.seed;
    if (settings.topLogprobs !== undefined) body.logprobs = settings.topLogprobs;
    const url = `${connection.baseUrl}/v1/completions`;
    const init = { method: 'POST', headers: connection.headers, body: JSON.stringify(body) };
    const started = performance.now();
    const result = await this.attempt(url, init, request.signal, request.stopWhen ?? null);
    const { response, text, accumulator, early } = result;
    if (!response.ok) {
      const message = errorMessageOf(text);
      if (response.status === 400 && isContextOverflow(message)) {
        throw new GuardError('CONTEXT_OVERFLOW', `The prompt does not fit the model's context window (server: ${message}). Shorten the example or raise the server's context size.`, { url, status: 400 });
      }
      throw new GuardError('ENGINE_ERROR', `The server at ${url} answered ${response.status}: ${message}`, { url, status: response.status });
    }
    if (!accumulator) {
      throw new GuardError('ENGINE_ERROR', `The server at ${url} answered with something that is not a completion (status ${response.status}): "${snippet(text)}"`, { url, status: response.status });
    }
    const logprobs = accumulator.sawLogprobs ? { logprobs: accumulator.logprobs } : {};
    return {
      text: accumulator.text,
      finishReason: early ? 'early' : accumulator.finishReason,
      usage: accumulator.finalUsage(),
      ...logprobs,
      latencyMs: performance.now() - started,
    };
  }

  /** One request with retries; a non-retried error status comes back as `response` with its body `text`. */
  private async attempt(
    url: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    stopWhen: ((text: string) => boolean) | null,
  ): Promise<AttemptOutcome> {
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw abortedError('The request');
      try {
        return await this.once(url, init, signal, stopWhen);
      } catch (error) {
        if (!(error instanceof Retryable)) throw error;
        if (attempt >= this.retries) throw error.reason;
        const backoff = this.retryBaseMs * 2 ** attempt;
        await this.sleep(Math.min(this.maxRetryDelayMs, error.delayMs ?? backoff), signal);
      }
    }
  }

  private async once(
    url: string,
    init: RequestInit,
    signal: AbortSignal | undefined,
    stopWhen: ((text: string) => boolean) | null,
  ): Promise<AttemptOutcome> {
    const controller = new AbortController();
    let interrupt: Interrupt | null = null;
    const stop = (why: Interrupt) => {
      interrupt ??= why;
      controller.abort();
    };
    const onUserAbort = () => stop('user');
    signal?.addEventListener('abort', onUserAbort, { once: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => stop('timeout'), this.timeoutMs);
    };
    const failed = (error: unknown): never => {
      if (interrupt === 'user') throw abortedError('The request');
      if (interrupt === 'timeout') {
        throw new GuardError('ENGINE_ERROR', `The server at ${url} sent nothing for ${this.timeoutMs / 1000} s; it may be overloaded (raise the timeout for long prompts on a slow server).`, { url, timeoutMs: this.timeoutMs });
      }
      if (error instanceof GuardError) throw error;
      const code = networkCode(error);
      if (code !== undefined && NOT_RETRIED.has(code)) throw unreachable(url, error);
      if (code === undefined && error instanceof TypeError && !(error.cause instanceof Error)) throw unreachable(url, error);
      throw new Retryable(unreachable(url, error), undefined);
    };
    touch();
    try {
      let response: Response;
      try {
        response = await this.fetch(url, { ...init, signal: controller.signal });
      } catch (error) {
        return failed(error);
      }
      touch();
      const type = response.headers.get('content-type') ?? '';
      if (response.ok && type.includes('text/event-stream') && response.body) {
        const accumulator = new CompletionAccumulator();
        try {
          for await (const data of sseData(response.body, touch)) {
            if (data.trim() === '[DONE]') break;
            let chunk: unknown;
            try {
              chunk = JSON.parse(data);
            } catch {
              throw new GuardError('ENGINE_ERROR', `The server at ${url} streamed an event that is not JSON: "${snippet(data)}"`, { url });
            }
            const message = accumulator.add(chunk);
            if (message !== null) {
              const code = isContextOverflow(message) ? 'CONTEXT_OVERFLOW' : 'ENGINE_ERROR';
              throw new GuardError(code, `The server at ${url} reported an error mid-stream: ${message}`, { url });
            }
            if (stopWhen?.(accumulator.text)) {
              stop('early');
              return { response, text: '', accumulator, early: true };
            }
          }
        } catch (error) {
          return failed(error);
        }
        return { response, text: '', accumulator, early: false };
      }
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        return failed(error);
      }
      if (response.status === 429 || response.status >= 500) {
        const reason = new GuardError('ENGINE_ERROR', `The server at ${url} answered ${response.status}: ${errorMessageOf(text)}`, { url, status: response.status });
        throw new Retryable(reason, retryAfterMs(response.headers.get('retry-after')));
      }
      if (!response.ok || init.method === 'GET') return { response, text, accumulator: null, early: false };
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return { response, text, accumulator: null, early: false };
      }
      const accumulator = new CompletionAccumulator();
      const message = accumulator.add(parsed);
      if (message !== null || !isObject(parsed) || !Array.isArray(parsed.choices)) return { response, text, accumulator: null, early: false };
      return { response, text, accumulator, early: false };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onUserAbort);
    }
  }
}
