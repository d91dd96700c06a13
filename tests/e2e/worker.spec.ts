/**
 * The real guard worker bundle in Chromium (WebGPU on SwiftShader, no shader-f16): probe, build
 * choice, typed load errors from broken model files served on 127.0.0.1, abort, cache repair, and
 * the probe without WebGPU. Real WebLLM inference cannot run here (no model library can be downloaded).
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { chromium, type Page } from '@playwright/test';
import type { RoguardHarness } from '../../harness/main';
import type { Example } from '../../src/core/example';
import type { ClassifyOptions, ClassifyResult } from '../../src/core/result';
import { chromiumLaunchOptions } from './browser';
import { expect, test } from './fixtures';
import { TINY_MODEL_PATH, openHarness, serveTinyModel } from './support/harness';

/** Paths the model routes were asked for, in order. */
const requested: string[] = [];
type Client = ReturnType<RoguardHarness['createGuardClient']>;
/** Requests held open until the test lets them go (abort tests). */
const held: ServerResponse[] = [];

const CONFIG = JSON.stringify({ tokenizer_files: ['tokenizer.json'], context_window_size: 4096, vocab_size: 32, conv_template: {} });
const TENSOR_CACHE = JSON.stringify({ metadata: {}, records: [{ dataPath: 'params_shard_0.bin', format: 'raw-shard', nbytes: 16, records: [] }] });
/** The smallest valid WebAssembly module: magic and version, no sections. */
const EMPTY_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'application/json'): true {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) }).end(body);
  return true;
}

/** `/models/<case>/…`: each case serves one kind of broken (or valid) MLC folder. */
function modelRoute(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  const match = /^\/models\/([^/]+)\/(?:resolve\/main\/)?(.+)$/.exec(path);
  if (!match) return false;
  requested.push(path);
  const [, kase, file] = match as unknown as [string, string, string];
  if (kase.endsWith('missing')) return send(res, 404, 'not found', 'text/plain');
  if (kase === 'hang') return void held.push(res), true;
  if (file === 'mlc-chat-config.json') {
    if (kase === 'badjson') return send(res, 200, '<!doctype html><title>Sign in</title>', 'text/html');
    if (kase === 'cutoff') {
      // Promises more bytes than it sends, then closes: a download cut off mid-way.
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 10_000 });
      res.write(CONFIG.slice(0, 20), () => res.destroy());
      return true;
    }
    return send(res, 200, CONFIG);
  }
  if (file === 'tensor-cache.json') return send(res, 200, kase === 'truncjson' ? TENSOR_CACHE.slice(0, 40) : TENSOR_CACHE);
  if (file === 'lib.wasm') return send(res, 200, kase === 'truncwasm' ? Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05]) : EMPTY_WASM, 'application/wasm');
  if (file === 'params_shard_0.bin') return send(res, 200, Buffer.alloc(16), 'application/octet-stream');
  return send(res, 404, 'not found', 'text/plain');
}

test.use({ routes: [serveTinyModel, modelRoute] });

test.beforeEach(() => {
  requested.length = 0;
});
test.afterEach(() => {
  for (const res of held.splice(0)) res.destroy();
});

interface Outcome {
  ok: boolean;
  code?: string;
  message?: string;
  isGuardError?: boolean;
  model?: unknown;
}

/** Loads a model through one long-lived client per page, returning the outcome as data. */
async function load(page: Page, model: unknown): Promise<Outcome> {
  return page.evaluate(async (model) => {
    const w = window as unknown as { client?: Client };
    w.client ??= window.roguard.createGuardClient();
    try {
      const loaded = await w.client.api.load(model as never);
      return { ok: true, model: loaded };
    } catch (error) {
      const e = error as { code?: string; message?: string };
      return { ok: false, code: e.code, message: e.message, isGuardError: error instanceof window.roguard.GuardError };
    }
  }, model);
}

/** Probes the device through a client of its own, closed after. */
function probeOnce(page: Page) {
  return page.evaluate(async () => {
    const client = window.roguard.createGuardClient();
    const result = await client.api.probe();
    client.terminate();
    return result;
  });
}

function custom(base: string, kase: string) {
  return { id: `test-${kase}-q4f32_1`, engine: 'webllm', url: `${base}/models/${kase}`, modelLibUrl: `${base}/models/${kase}/lib.wasm` };
}

test('probe reports the SwiftShader adapter without shader-f16, and the f16 RoGuard request loads the q4f32_1 build', async ({ page, app }) => {
  await openHarness(page, app.url);
  const probe = await probeOnce(page);
  expect(probe.webgpu).toBe(true);
  expect(probe.shaderF16).toBe(false);
  expect(`${probe.adapter?.architecture} ${probe.adapter?.description}`.toLowerCase()).toContain('swiftshader');
  expect(probe.adapter?.isFallback).toBe(true);
  expect(probe.limits?.maxStorageBufferBindingSize).toBeGreaterThan(0);
  expect(probe.crossOriginIsolated).toBe(true);

  const outcome = await load(page, { id: 'roguard-1.0-q4f16_1-MLC', engine: 'webllm', url: `${app.url}/models/rg-{quant}-missing` });
  expect(outcome).toMatchObject({ ok: false, code: 'DOWNLOAD_FAILED', isGuardError: true });
  expect(outcome.message).toContain('HTTP 404');
  expect(requested.length).toBeGreaterThan(0);
  expect(requested.every((path) => path.startsWith('/models/rg-q4f32_1-missing/'))).toBe(true);
});

test('broken model files end in typed errors and the worker stays usable', async ({ page, app }) => {
  await openHarness(page, app.url);
  const cases: [string, string, RegExp][] = [
    ['cfg-missing', 'DOWNLOAD_FAILED', /HTTP 404.*mlc-chat-config\.json/],
    ['badjson', 'MODEL_LOAD_FAILED', /mlc-chat-config\.json.*not valid JSON/],
    ['truncjson', 'MODEL_LOAD_FAILED', /tensor-cache\.json.*not valid JSON/],
    ['truncwasm', 'MODEL_LOAD_FAILED', /not a valid WebAssembly module/],
    ['cutoff', 'DOWNLOAD_FAILED', /cut off/],
  ];
  for (const [kase, code, message] of cases) {
    const outcome = await load(page, custom(app.url, kase));
    expect(outcome, kase).toMatchObject({ ok: false, code, isGuardError: true });
    expect(outcome.message, kase).toMatch(message);
    const status = await page.evaluate(() => (window as unknown as { client: Client }).client.api.status());
    expect(status, kase).toEqual({ model: null, busy: false, queued: 0 });
  }
  // Nothing broken was stored: the next load fetches afresh instead of trusting a bad copy.
  const stored = await page.evaluate(async () => (await (await caches.open('webllm/config')).keys()).map((r) => new URL(r.url).pathname));
  expect(stored.filter((p) => /badjson|cutoff/.test(p))).toEqual([]);
});

test('a model library that does not match WebLLM fails in WebLLM itself with MODEL_LOAD_FAILED, and is not kept', async ({ page, app }) => {
  await openHarness(page, app.url);
  const outcome = await load(page, custom(app.url, 'emptylib'));
  expect(outcome).toMatchObject({ ok: false, code: 'MODEL_LOAD_FAILED', isGuardError: true });
  expect(outcome.message).toMatch(/model library .*emptylib\/lib\.wasm.* could not be started/);
  const wasmKeys = await page.evaluate(async () => (await (await caches.open('webllm/wasm')).keys()).map((r) => new URL(r.url).pathname));
  expect(wasmKeys).not.toContain('/models/emptylib/lib.wasm');
  const probe = await page.evaluate(() => (window as unknown as { client: Client }).client.api.probe());
  expect(probe.webgpu).toBe(true);
});

test('abort() during a load returns promptly with ABORTED and the next call works', async ({ page, app }) => {
  await openHarness(page, app.url);
  await page.evaluate((spec) => {
    const w = window as unknown as { client: Client; pending: Promise<string> };
    w.client = window.roguard.createGuardClient();
    w.pending = w.client.api.load(spec as never).then(
      () => 'loaded',
      (e: { code?: string }) => e.code ?? 'untyped',
    );
  }, custom(app.url, 'hang'));
  await expect.poll(() => held.length).toBeGreaterThan(0);
  const code = await page.evaluate(async () => {
    const w = window as unknown as { client: Client; pending: Promise<string> };
    await w.client.api.abort();
    return w.pending;
  });
  expect(code).toBe('ABORTED');
  const after = await load(page, custom(app.url, 'cfg-missing'));
  expect(after.code).toBe('DOWNLOAD_FAILED');
});

test('damaged cache entries are found and repaired; a whole imported folder is complete', async ({ page, app }) => {
  await openHarness(page, app.url);
  const report = await page.evaluate(async (spec) => {
    const { cache } = window.roguard;
    const file = (name: string, body: BlobPart) => Object.assign(new Blob([body]), { name });
    const files = [
      file('mlc-chat-config.json', JSON.stringify({ tokenizer_files: ['tokenizer.json'] })),
      file('tensor-cache.json', JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 16 }] })),
      file('tokenizer.json', '{}'),
      file('params_shard_0.bin', new Uint8Array(16)),
      file('model.wasm', new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00])),
    ];
    const imported = await cache.importModelFolder(files, spec as never);
    const whole = await cache.inspectModelCache(spec as never);
    // A shard stored short, as an interrupted write could leave it.
    const shardUrl = `${imported.modelUrl}params_shard_0.bin`;
    await (await caches.open('webllm/model')).put(shardUrl, new Response(new Uint8Array(5)));
    const damaged = await cache.repairModelCache(spec as never);
    const after = await cache.inspectModelCache(spec as never);
    await cache.deleteCachedModel(spec as never);
    const gone = await cache.inspectModelCache(spec as never);
    return { imported, whole: whole.state, damaged: damaged.damaged.map((d) => d.reason), after: after.state, missing: after.missing, gone: gone.state };
  }, { id: 'local-test', engine: 'webllm', url: `${app.url}/models/local`, modelLibUrl: `${app.url}/models/local/lib.wasm` });
  expect(report.imported).toMatchObject({ files: 5, library: true });
  expect(report.whole).toBe('complete');
  expect(report.damaged).toEqual(['holds 5 bytes, tensor-cache.json says 16']);
  expect(report.after).toBe('partial');
  expect(report.missing.some((url) => url.endsWith('params_shard_0.bin'))).toBe(true);
  expect(report.gone).toBe('absent');
});

test('without WebGPU the probe says what to do, and a WebGPU load fails before any download', async ({ app }) => {
  const browser = await chromium.launch(chromiumLaunchOptions({ webgpu: false }));
  try {
    const page = await browser.newPage();
    await openHarness(page, app.url);
    const probe = await probeOnce(page);
    expect(probe.webgpu).toBe(false);
    expect(probe.shaderF16).toBe(false);
    expect(probe.reason).toMatch(/chrome:\/\/flags|WebGPU/);
    expect(probe.reason).toMatch(/CPU engine/);
    const outcome = await load(page, custom(app.url, 'nogpu'));
    expect(outcome).toMatchObject({ ok: false, code: 'WEBGPU_UNAVAILABLE', isGuardError: true });
    expect(requested).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a real run through the worker on the tiny model streams results, and abort() mid-run keeps them', async ({ page, app }) => {
  await openHarness(page, app.url);
  const options: ClassifyOptions = {
    policy: { template: readFileSync(new URL('../../prompts/aegis.txt', import.meta.url), 'utf8').trim(), outputField: 'User Safety', flaggedValue: 'unsafe' },
    extraction: 'reference',
    settings: { maxTokens: 3000, temperature: 0, topP: 1 },
  };
  // Two quick answers, then examples the tiny model answers with " la la la" until the token cap.
  const examples: Example[] = ['How do I bake bread?', 'Tell me about the walrus and the trombone.', ...Array.from({ length: 12 }, () => 'Please yodel for me.')].map(
    (prompt, i) => ({ index: i + 1, prompt, response: null }),
  );
  const outcome = await page.evaluate(
    async (input) => {
      const { spec, examples, options } = JSON.parse(input) as { spec: unknown; examples: Example[]; options: ClassifyOptions };
      const client = window.roguard.createGuardClient();
      const loaded = await client.api.load(spec as never);
      const results: ClassifyResult[] = [];
      const run = client.api.checkMany(examples, options, (result) => {
        results.push(result);
      });
      // Stop once the first long example is under way.
      while (results.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.api.abort();
      const summary = await run;
      const after = await client.api.check({ prompt: 'Is the pineapple ripe?' }, options);
      const status = await client.api.status();
      client.terminate();
      return { loaded: loaded.spec.id, summary, results, after: after.verdict.value, status };
    },
    JSON.stringify({ spec: { id: 'tiny-test', engine: 'wllama', url: `${app.url}${TINY_MODEL_PATH}` }, examples, options }),
  );
  expect(outcome.loaded).toBe('tiny-test');
  expect(outcome.summary.aborted).toBe(true);
  expect(outcome.summary.done).toBe(outcome.results.length);
  expect(outcome.summary.done).toBeLessThan(examples.length);
  expect(outcome.results.slice(0, 2).map((r) => [r.index, r.verdict.value])).toEqual([
    [1, 'safe'],
    [2, 'unsafe'],
  ]);
  expect(outcome.results[1]!.score).toBeGreaterThan(0.5);
  expect(outcome.after).toBe('unsafe');
  expect(outcome.status).toMatchObject({ busy: false, queued: 0 });
});

test('a worker that cannot start fails every call with a GuardError naming the script, instead of hanging', async ({ page, app }) => {
  await openHarness(page, app.url);
  const outcomes = await page.evaluate(async () => {
    const outcome = async (call: Promise<unknown>): Promise<Outcome> =>
      call.then(
        () => ({ ok: true }),
        (error: { code?: string; message?: string }) => ({ ok: false, code: error.code, message: error.message, isGuardError: error instanceof window.roguard.GuardError }),
      );
    const missing = window.roguard.createGuardClient({ workerUrl: '/missing-worker.js' });
    const probe = await outcome(missing.api.probe());
    // A call made after the failure is answered too.
    const load = await outcome(missing.api.load('tiny-test'));
    missing.terminate();
    const script = URL.createObjectURL(new Blob(["throw new Error('boom at start');"], { type: 'text/javascript' }));
    const broken = window.roguard.createGuardClient({ workerUrl: script });
    const status = await outcome(broken.api.status());
    broken.terminate();
    return { probe, load, status, script };
  });
  for (const kase of ['probe', 'load'] as const) {
    expect(outcomes[kase], kase).toMatchObject({ ok: false, code: 'MODEL_LOAD_FAILED', isGuardError: true });
    expect(outcomes[kase].message, kase).toContain('The guard worker could not start from /missing-worker.js');
  }
  expect(outcomes.status).toMatchObject({ ok: false, code: 'MODEL_LOAD_FAILED', isGuardError: true });
  expect(outcomes.status.message).toContain(outcomes.script);
  expect(outcomes.status.message).toContain('boom at start');
});
