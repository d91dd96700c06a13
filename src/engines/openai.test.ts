import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeServer, listenLocal, refusedPort } from '../../tests/support/http';
import type { GenerateRequest, Progress } from '../core/engine';
import { GuardError } from '../core/errors';
import { OpenAIEngine, normalizeBaseUrl } from './openai';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

let server: Server;
let base: string;
let handler: Handler;
let requests: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, res, body);
    });
  });
  base = await listenLocal(server);
});

afterAll(() => closeServer(server));

beforeEach(() => {
  requests = [];
  handler = models(['roguard']);
});

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(value));
}

function models(ids: string[], next?: Handler): Handler {
  return (req, res, body) => {
    if (req.url === '/v1/models') return json(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', max_model_len: 8192 })) });
    if (next) return next(req, res, body);
    res.writeHead(404).end();
  };
}

function sse(res: ServerResponse, events: unknown[], done = true) {
  res.writeHead(200, { 'Content-Type': 'text/event-stream' });
  for (const event of events) res.write(`data: ${JSON.stringify(event)}\n\n`);
  if (done) res.end('data: [DONE]\n\n');
}

const chunk = (text: string, extra: Record<string, unknown> = {}) => ({ object: 'text_completion', choices: [{ index: 0, text, finish_reason: null, ...extra }] });

const SETTINGS = { maxTokens: 100, temperature: 0, topP: 1 };

async function loaded(options: ConstructorParameters<typeof OpenAIEngine>[0] = {}, model = 'roguard', extra: Record<string, string | boolean> = {}) {
  const engine = new OpenAIEngine({ retryBaseMs: 1, ...options });
  await engine.load({ id: model, engine: 'openai', url: base, options: extra });
  return engine;
}

async function rejection(promise: Promise<unknown>): Promise<GuardError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(GuardError);
    return error as GuardError;
  }
  throw new Error('expected a rejection');
}

describe('normalizeBaseUrl', () => {
  it('accepts the base with or without /v1 and slashes, and rejects non-http URLs', () => {
    expect(normalizeBaseUrl('http://h:8000/v1/')).toBe('http://h:8000');
    expect(normalizeBaseUrl(' http://h:8000/ ')).toBe('http://h:8000');
    expect(() => normalizeBaseUrl('ftp://h')).toThrow(/must start with http/);
    expect(() => normalizeBaseUrl('localhost 8000')).toThrow(/not a valid URL/);
  });
});

describe('OpenAIEngine.load', () => {
  it('checks /v1/models, reports progress and reads the context window', async () => {
    const progress: Progress[] = [];
    const engine = new OpenAIEngine();
    await engine.load({ id: 'roguard', engine: 'openai', url: `${base}/v1`, options: { apiKey: 'k1' } }, (p) => progress.push(p));
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /v1/models']);
    expect(requests[0]!.headers.authorization).toBe('Bearer k1');
    expect(progress.map((p) => p.phase)).toEqual(['probe', 'ready']);
    expect(progress[1]!.text).toBe(`Connected to ${base}, model roguard`);
    expect(engine.contextWindow()).toBe(8192);
  });

  it('names the served models when the wanted one is not among them', async () => {
    handler = models(['llama', 'qwen']);
    const error = await rejection(new OpenAIEngine().load({ id: 'roguard', engine: 'openai', url: base }));
    expect(error.code).toBe('MODEL_NOT_FOUND');
    expect(error.message).toBe(`The server at ${base} does not serve the model "roguard"; it serves: llama, qwen.`);
  });

  it('asks for a name when none is given and the server lists several', async () => {
    handler = models(['llama', 'qwen']);
    const error = await rejection(new OpenAIEngine().load({ id: '', engine: 'openai', url: base }));
    expect(error.message).toBe(`The server at ${base} serves several models (llama, qwen); name the one to use (--model).`);
  });

  it('takes the one listed model when none is named', async () => {
    handler = models(['only-one'], (_req, res) => sse(res, [chunk('ok')]));
    const engine = await loaded({}, '');
    await engine.generate({ prompt: 'p', settings: SETTINGS });
    expect(JSON.parse(requests[1]!.body).model).toBe('only-one');
  });

  it('says so when the server answers with something that is not JSON', async () => {
    handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<!doctype html><title>Router login</title>');
    const error = await rejection(new OpenAIEngine().load({ id: 'm', engine: 'openai', url: base }));
    expect(error.code).toBe('ENGINE_ERROR');
    expect(error.message).toBe(
      `The server at ${base}/v1/models answered with something that is not JSON (status 200): "<!doctype html><title>Router login</title>". Is the base URL an OpenAI-compatible server?`,
    );
  });

  it('reports an error status with the server message', async () => {
    handler = (_req, res) => json(res, 401, { error: { message: 'invalid api key' } });
    const error = await rejection(new OpenAIEngine().load({ id: 'm', engine: 'openai', url: base }));
    expect(error.code).toBe('ENGINE_ERROR');
    expect(error.details).toMatchObject({ status: 401 });
    expect(error.message).toMatch(/answered 401: invalid api key\./);
  });

  it('reports a refused connection with the URL and what to check, without retrying', async () => {
    const port = await refusedPort();
    const sleeps: number[] = [];
    const engine = new OpenAIEngine({ sleep: async (ms) => void sleeps.push(ms) });
    const error = await rejection(engine.load({ id: 'm', engine: 'openai', url: `http://127.0.0.1:${port}` }));
    expect(error.code).toBe('ENGINE_UNREACHABLE');
    expect(error.message).toBe(
      `Cannot reach the OpenAI-compatible server at http://127.0.0.1:${port}/v1/models (connection refused: nothing is listening on 127.0.0.1:${port}). Check that the server is running, that the base URL (host, port, http/https) is right, and that nothing blocks the connection.`,
    );
    expect(sleeps).toEqual([]);
  });

  it('needs a URL', async () => {
    expect((await rejection(new OpenAIEngine().load({ id: 'm', engine: 'openai' }))).code).toBe('BAD_CONFIG');
  });
});

describe('OpenAIEngine.generate', () => {
  it('refuses before load', async () => {
    expect((await rejection(new OpenAIEngine().generate({ prompt: 'p', settings: SETTINGS }))).code).toBe('NOT_LOADED');
  });

  it('streams the raw prompt and maps text, usage, finish reason and legacy logprobs', async () => {
    handler = models(['roguard'], (_req, res) =>
      sse(res, [
        chunk('{"User', { logprobs: { tokens: ['{"User'], token_logprobs: [-0.5], top_logprobs: [{ '{"User': -0.5, '{': -1.2 }] } }),
        chunk(' Safety": "unsafe"}', { logprobs: { tokens: [' Safety": "unsafe"}'], token_logprobs: [null], top_logprobs: [null] } }),
        { choices: [{ index: 0, text: '', finish_reason: 'length' }] },
        { choices: [], usage: { prompt_tokens: 812, completion_tokens: 2, total_tokens: 814 } },
      ]),
    );
    const engine = await loaded();
    const generation = await engine.generate({ prompt: 'Judge {this}\nOutput JSON:', settings: { ...SETTINGS, seed: 7, topLogprobs: 2 } });
    expect(JSON.parse(requests[1]!.body)).toEqual({
      model: 'roguard',
      prompt: 'Judge {this}\nOutput JSON:',
      max_tokens: 100,
      temperature: 0,
      top_p: 1,
      stream: true,
      stream_options: { include_usage: true },
      seed: 7,
      logprobs: 2,
    });
    expect(requests[1]!.url).toBe('/v1/completions');
    expect(generation.text).toBe('{"User Safety": "unsafe"}');
    expect(generation.finishReason).toBe('length');
    expect(generation.usage).toEqual({ promptTokens: 812, completionTokens: 2 });
    expect(generation.logprobs).toEqual([
      { token: '{"User', logprob: -0.5, top: [{ token: '{"User', logprob: -0.5 }, { token: '{', logprob: -1.2 }] },
      { token: ' Safety": "unsafe"}', logprob: Number.NEGATIVE_INFINITY, top: [] },
    ]);
    expect(generation.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('reads a plain JSON reply (stream off, or a server that ignores it) with chat-form logprobs', async () => {
    handler = models(['roguard'], (_req, res) =>
      json(res, 200, {
        choices: [{ text: 'safe', finish_reason: 'stop', logprobs: { content: [{ token: 'safe', logprob: -0.1, top_logprobs: [{ token: 'unsafe', logprob: -2.4 }] }] } }],
        usage: { prompt_tokens: 10, completion_tokens: 1, prompt_tokens_details: { cached_tokens: 8 } },
      }),
    );
    const engine = await loaded({}, 'roguard', { stream: false });
    const generation = await engine.generate({ prompt: 'p', settings: SETTINGS });
    expect(JSON.parse(requests[1]!.body).stream).toBe(false);
    expect(JSON.parse(requests[1]!.body).logprobs).toBeUndefined();
    expect(generation).toMatchObject({
      text: 'safe',
      finishReason: 'stop',
      usage: { promptTokens: 10, completionTokens: 1, cachedPromptTokens: 8 },
      logprobs: [{ token: 'safe', logprob: -0.1, top: [{ token: 'unsafe', logprob: -2.4 }] }],
    });
  });

  it('ends the request when stopWhen says so, and counts streamed tokens when usage never came', async () => {
    let closedEarly = false;
    handler = models(['roguard'], (req, res) => {
      res.on('close', () => (closedEarly = !res.writableEnded));
      sse(res, [chunk('{"Response'), chunk(' Safety": '), chunk('"unsafe"'), chunk(', "Safety Categories": "S1"}')], false);
    });
    const engine = await loaded();
    const seen: string[] = [];
    const generation = await engine.generate({
      prompt: 'p',
      settings: SETTINGS,
      stopWhen: (text) => (seen.push(text), text.includes('"unsafe"')),
    });
    expect(seen).toEqual(['{"Response', '{"Response Safety": ', '{"Response Safety": "unsafe"']);
    expect(generation).toMatchObject({ text: '{"Response Safety": "unsafe"', finishReason: 'early', usage: { promptTokens: 0, completionTokens: 3 } });
    expect(generation.logprobs).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).toBe(true);
  });

  it('retries 429 and 5xx with exponential backoff, honouring Retry-After', async () => {
    let calls = 0;
    handler = models(['roguard'], (_req, res) => {
      calls++;
      if (calls === 1) return json(res, 503, { error: { message: 'loading' } }, { 'Retry-After': '2' });
      if (calls === 2) return json(res, 429, { error: { message: 'slow down' } });
      if (calls === 3) return res.writeHead(502).end('bad gateway');
      sse(res, [chunk('safe')]);
    });
    const sleeps: number[] = [];
    const engine = await loaded({ retryBaseMs: 100, sleep: async (ms) => void sleeps.push(ms) });
    const generation = await engine.generate({ prompt: 'p', settings: SETTINGS });
    expect(generation.text).toBe('safe');
    expect(sleeps).toEqual([2000, 200, 400]);
  });

  it('retries a connection dropped mid-stream from the start', async () => {
    let calls = 0;
    handler = models(['roguard'], (req, res) => {
      calls++;
      if (calls === 1) {
        sse(res, [chunk('{"Us')], false);
        setTimeout(() => req.socket.destroy(), 20);
        return;
      }
      sse(res, [chunk('unsafe')]);
    });
    const sleeps: number[] = [];
    const engine = await loaded({ retryBaseMs: 100, sleep: async (ms) => void sleeps.push(ms) });
    const generation = await engine.generate({ prompt: 'p', settings: SETTINGS });
    expect(generation.text).toBe('unsafe');
    expect(sleeps).toEqual([100]);
  });

  it('gives up after the retries with the last status and message', async () => {
    handler = models(['roguard'], (_req, res) => json(res, 500, { error: { message: 'CUDA out of memory' } }));
    const sleeps: number[] = [];
    const engine = await loaded({ retries: 2, sleep: async (ms) => void sleeps.push(ms) });
    const error = await rejection(engine.generate({ prompt: 'p', settings: SETTINGS }));
    expect(error.code).toBe('ENGINE_ERROR');
    expect(error.message).toBe(`The server at ${base}/v1/completions answered 500: CUDA out of memory`);
    expect(sleeps).toHaveLength(2);
  });

  it('maps a too-long prompt to CONTEXT_OVERFLOW and other 400s to ENGINE_ERROR', async () => {
    const vllm = "This model's maximum context length is 8192 tokens. However, you requested 9100 tokens (9000 in the messages, 100 in the completion).";
    handler = models(['roguard'], (_req, res) => json(res, 400, { object: 'error', message: vllm, type: 'BadRequestError', code: 400 }));
    const engine = await loaded();
    const overflow = await rejection(engine.generate({ prompt: 'p', settings: SETTINGS }));
    expect(overflow.code).toBe('CONTEXT_OVERFLOW');
    expect(overflow.message).toContain(vllm);
    handler = models(['roguard'], (_req, res) => json(res, 400, { error: { message: 'the request exceeds the available context size, try increasing it', type: 'exceed_context_size_error' } }));
    expect((await rejection(engine.generate({ prompt: 'p', settings: SETTINGS }))).code).toBe('CONTEXT_OVERFLOW');
    handler = models(['roguard'], (_req, res) => json(res, 400, { error: { message: 'temperature must be non-negative' } }));
    const other = await rejection(engine.generate({ prompt: 'p', settings: SETTINGS }));
    expect(other.code).toBe('ENGINE_ERROR');
    expect(other.message).toBe(`The server at ${base}/v1/completions answered 400: temperature must be non-negative`);
  });

  it('reports a non-JSON reply and an error sent inside the stream', async () => {
    handler = models(['roguard'], (_req, res) => res.writeHead(200, { 'Content-Type': 'text/plain' }).end('Hello from nginx'));
    const engine = await loaded();
    const notJson = await rejection(engine.generate({ prompt: 'p', settings: SETTINGS }));
    expect(notJson.message).toBe(`The server at ${base}/v1/completions answered with something that is not a completion (status 200): "Hello from nginx"`);
    handler = models(['roguard'], (_req, res) => sse(res, [chunk('{"'), { error: { message: 'engine crashed', code: 500 } }]));
    const midStream = await rejection(engine.generate({ prompt: 'p', settings: SETTINGS }));
    expect(midStream.code).toBe('ENGINE_ERROR');
    expect(midStream.message).toBe(`The server at ${base}/v1/completions reported an error mid-stream: engine crashed`);
  });

  it('ends with ABORTED when the caller aborts before or during the request', async () => {
    handler = models(['roguard'], (_req, res) => sse(res, [chunk('{"User')], false));
    const engine = await loaded();
    const before = new AbortController();
    before.abort();
    expect((await rejection(engine.generate({ prompt: 'p', settings: SETTINGS, signal: before.signal }))).code).toBe('ABORTED');
    const during = new AbortController();
    const request: GenerateRequest = { prompt: 'p', settings: SETTINGS, signal: during.signal, stopWhen: () => (during.abort(), false) };
    expect((await rejection(engine.generate(request))).code).toBe('ABORTED');
  });

  it('fails with a clear message when the server goes silent', async () => {
    handler = models(['roguard'], () => undefined);
    const engine = await loaded({ timeoutMs: 100 });
    const error = await rejection(engine.generate({ prompt: 'p', settings: SETTINGS }));
    expect(error.code).toBe('ENGINE_ERROR');
    expect(error.message).toBe(`The server at ${base}/v1/completions sent nothing for 0.1 s; it may be overloaded (raise the timeout for long prompts on a slow server).`);
  });
});
