// Real llama.cpp (wllama, WebAssembly) inference in Chromium on the tiny model the repo generates.
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from '@playwright/test';
import type { GenerationSettings } from '../../src/core/engine';
import { TINY_MODEL_OUTPUTS, makeTinyModel, tinyModelUnsafeProbability } from '../../scripts/make-tiny-model';
import type { WllamaHarness } from '../../harness/wllama';
import { expect, test } from './fixtures';

const MODEL = Buffer.from(makeTinyModel());
const MODEL_PATH = '/models/tiny-guard.gguf';
const STALLED_PATH = '/models/stalled.gguf';
const AEGIS = readFileSync(new URL('../../prompts/aegis.txt', import.meta.url), 'utf8');

/** Python `str.format(prompt=…, response=…)` on the template, as the reference harness fills it. */
function fill(prompt: string, response = ''): string {
  return AEGIS.trim().replace(/\{\{|\}\}|\{(prompt|response)\}/g, (m, name?: string) => (name === 'prompt' ? prompt : name === 'response' ? response : m[0]!));
}

const GREEDY: GenerationSettings = { maxTokens: 100, temperature: 0, topP: 1, topLogprobs: 2 };
const INPUTS = {
  flagged: fill('Tell me everything about the walrus.', 'It lives in the Arctic.'),
  safe: fill('How do I bake bread at home?', 'Mix flour, water, yeast and salt.'),
  unparsed: fill('Where does the zeppelin land?'),
  loop: fill('Please yodel for me.'),
};

function serveModel(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path === MODEL_PATH) {
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': MODEL.length });
    res.end(req.method === 'HEAD' ? undefined : MODEL);
    return true;
  }
  if (path === STALLED_PATH) {
    // Sends the first bytes, then never finishes: only an abort ends this download.
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': MODEL.length });
    if (req.method === 'HEAD') res.end();
    else res.write(MODEL.subarray(0, 64 * 1024));
    return true;
  }
  return false;
}

test.use({ routes: [serveModel] });

async function openHarness(page: Page, baseUrl: string): Promise<void> {
  await page.goto(`${baseUrl}/harness/wllama.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
}

const harness = <K extends keyof WllamaHarness>(page: Page, method: K, ...args: Parameters<WllamaHarness[K]>) =>
  page.evaluate(
    ([m, a]) => (window.wllamaHarness[m] as (...x: unknown[]) => unknown)(...a),
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<WllamaHarness[K]>>>;

/** P(token) at a position, from the chosen token or its alternatives. */
function probabilityOf(entry: { token: string; logprob: number; top: { token: string; logprob: number }[] }, token: string): number {
  const hit = entry.token === token ? entry : entry.top.find((t) => t.token === token);
  if (!hit) throw new Error(`${token} is not among the alternatives at this position`);
  return Math.exp(hit.logprob);
}

test('loads the generated model with progress, multi-threaded in an isolated page', async ({ page, app }) => {
  await openHarness(page, app.url);
  const result = await harness(page, 'load', `${app.url}${MODEL_PATH}`);
  expect(result.ok, JSON.stringify(result)).toBe(true);
  if (!result.ok) return;
  const { info, progress, crossOriginIsolated } = result.value;
  expect(crossOriginIsolated).toBe(true);
  expect(info.multiThread).toBe(true);
  expect(info.threads).toBeGreaterThanOrEqual(2);
  expect(info.gpuLayers).toBe(0);
  expect(info.contextWindow).toBe(4096);
  expect(info.trainedContextWindow).toBe(8192);
  const phases = progress.map((p) => p.phase);
  expect(phases).toContain('download');
  expect(phases.at(-1)).toBe('ready');
  const lastDownload = progress.filter((p) => p.phase === 'download').at(-1)!;
  expect(lastDownload.loaded).toBe(MODEL.length);
  expect(lastDownload.total).toBe(MODEL.length);
});

test('greedy decoding gives the flagged, safe and unparsed answers, deterministically, with logprobs', async ({ page, app }) => {
  await openHarness(page, app.url);
  expect((await harness(page, 'load', `${app.url}${MODEL_PATH}`)).ok).toBe(true);

  const flagged = await harness(page, 'generate', INPUTS.flagged, GREEDY);
  const safe = await harness(page, 'generate', INPUTS.safe, GREEDY);
  const unparsed = await harness(page, 'generate', INPUTS.unparsed, GREEDY);
  const again = await harness(page, 'generate', INPUTS.flagged, GREEDY);
  for (const r of [flagged, safe, unparsed, again]) expect(r.ok, JSON.stringify(r)).toBe(true);
  if (!flagged.ok || !safe.ok || !unparsed.ok || !again.ok) return;

  expect(flagged.value.text).toBe(TINY_MODEL_OUTPUTS.flagged);
  expect(safe.value.text).toBe(TINY_MODEL_OUTPUTS.safe);
  expect(unparsed.value.text).toBe(TINY_MODEL_OUTPUTS.unparsed);
  expect(again.value.text).toBe(flagged.value.text);
  for (const r of [flagged, safe, unparsed]) expect(r.value.finishReason).toBe('stop');

  // Usage: the whole template was read; the second run reused the cached template prefix.
  expect(flagged.value.usage.promptTokens).toBeGreaterThan(500);
  expect(flagged.value.usage.completionTokens).toBeGreaterThanOrEqual(7);
  expect(again.value.usage.promptTokens).toBe(flagged.value.usage.promptTokens);
  expect(again.value.usage.cachedPromptTokens).toBeGreaterThan(500);

  // Logprobs: one entry per answer token (EOS left out), the verdict value with its alternative.
  const flaggedLogprobs = flagged.value.logprobs!;
  expect(flaggedLogprobs.map((l) => l.token).join('')).toBe(flagged.value.text);
  expect(flaggedLogprobs[1]!.token).toBe('unsafe');
  expect(flaggedLogprobs[1]!.top.map((t) => t.token).sort()).toEqual(['safe', 'unsafe']);
  const pFlagged = probabilityOf(flaggedLogprobs[1]!, 'unsafe');
  const pSafe = probabilityOf(safe.value.logprobs![1]!, 'unsafe');
  expect(pFlagged).toBeCloseTo(tinyModelUnsafeProbability(1), 2);
  expect(pSafe).toBeCloseTo(tinyModelUnsafeProbability(0), 2);
  expect(pFlagged - pSafe).toBeGreaterThan(0.5);
  expect(probabilityOf(again.value.logprobs![1]!, 'unsafe')).toBeCloseTo(pFlagged, 4);
});

test('stopWhen ends early, the token cap gives length, sampling is reproducible with a seed', async ({ page, app }) => {
  await openHarness(page, app.url);
  expect((await harness(page, 'load', `${app.url}${MODEL_PATH}`)).ok).toBe(true);

  const early = await harness(page, 'generate', INPUTS.flagged, GREEDY, '"User Safety": "unsafe');
  expect(early.ok && early.value.finishReason).toBe('early');
  expect(early.ok && early.value.text).toBe('{"User Safety": "unsafe');
  expect(early.ok && early.value.usage.completionTokens).toBe(2);
  expect(early.ok && early.value.logprobs!.length).toBe(2);

  const capped = await harness(page, 'generate', INPUTS.loop, { maxTokens: 5, temperature: 0, topP: 1 });
  expect(capped.ok && capped.value.finishReason).toBe('length');
  expect(capped.ok && capped.value.text).toBe(TINY_MODEL_OUTPUTS.loopPiece.repeat(5));
  expect(capped.ok && capped.value.logprobs).toBeUndefined();

  const sampled = { maxTokens: 40, temperature: 1.5, topP: 1, seed: 7 };
  const first = await harness(page, 'generate', fill('kazoo kazoo kazoo'), sampled);
  const second = await harness(page, 'generate', fill('kazoo kazoo kazoo'), sampled);
  expect(first.ok && second.ok).toBe(true);
  expect(second.ok && second.value.text).toBe(first.ok && first.value.text);
});

test('abort during generation ends it with ABORTED and the engine keeps working', async ({ page, app }) => {
  await openHarness(page, app.url);
  expect((await harness(page, 'load', `${app.url}${MODEL_PATH}`, { contextWindow: 8192 })).ok).toBe(true);
  const outcome = await page.evaluate(async (prompt) => {
    // The loop trigger never emits EOS: unaborted, this runs to the context limit (over 7000 tokens).
    const running = window.wllamaHarness.generate(prompt, { maxTokens: 7000, temperature: 0, topP: 1 });
    await new Promise((done) => setTimeout(done, 300));
    window.wllamaHarness.abort();
    return running;
  }, INPUTS.loop);
  expect(outcome.ok).toBe(false);
  expect(!outcome.ok && outcome.error.code).toBe('ABORTED');

  const after = await harness(page, 'generate', INPUTS.flagged, GREEDY);
  expect(after.ok && after.value.text).toBe(TINY_MODEL_OUTPUTS.flagged);
});

test('countTokens matches the prompt usage; a prompt over the context gives CONTEXT_OVERFLOW', async ({ page, app }) => {
  await openHarness(page, app.url);
  expect((await harness(page, 'load', `${app.url}${MODEL_PATH}`, { contextWindow: 512 })).ok).toBe(true);
  const template = fill('hi');
  const counted = await harness(page, 'countTokens', 'Tell me about the walrus.');
  const generated = await harness(page, 'generate', 'Tell me about the walrus.', GREEDY);
  expect(counted.ok && generated.ok).toBe(true);
  expect(counted.ok && counted.value).toBe(generated.ok && generated.value.usage.promptTokens);

  const overCount = await harness(page, 'countTokens', template);
  expect(overCount.ok && overCount.value).toBeGreaterThan(512);
  const overflow = await harness(page, 'generate', template, GREEDY);
  expect(overflow.ok).toBe(false);
  if (overflow.ok) return;
  expect(overflow.error.code).toBe('CONTEXT_OVERFLOW');
  expect(overflow.error.details?.contextWindow).toBe(512);
  expect(overflow.error.details?.promptTokens).toBeGreaterThan(512);
});

test('a missing model URL gives MODEL_LOAD_FAILED naming the URL and status', async ({ page, app }) => {
  await openHarness(page, app.url);
  const url = `${app.url}/models/missing.gguf`;
  const result = await harness(page, 'load', url);
  expect(result.ok).toBe(false);
  if (result.ok) return;
  expect(result.error.code).toBe('MODEL_LOAD_FAILED');
  expect(result.error.message).toContain(url);
  expect(result.error.details).toMatchObject({ url, status: 404 });
});

test('abort during a download gives ABORTED', async ({ page, app }) => {
  await openHarness(page, app.url);
  const outcome = await page.evaluate(async (url) => {
    const loading = window.wllamaHarness.load(url);
    await new Promise((done) => setTimeout(done, 500));
    window.wllamaHarness.abort();
    return loading;
  }, `${app.url}${STALLED_PATH}`);
  expect(outcome.ok).toBe(false);
  expect(!outcome.ok && outcome.error.code).toBe('ABORTED');
});

test('loads from a local File and from a blob: URL, with the same answers', async ({ page, app }) => {
  await openHarness(page, app.url);
  for (const load of [() => harness(page, 'loadFile', `${app.url}${MODEL_PATH}`, 'tiny-guard.gguf'), () => harness(page, 'loadBlobUrl', `${app.url}${MODEL_PATH}`)]) {
    const loaded = await load();
    expect(loaded.ok, JSON.stringify(loaded)).toBe(true);
    const flagged = await harness(page, 'generate', INPUTS.flagged, GREEDY);
    expect(flagged.ok && flagged.value.text).toBe(TINY_MODEL_OUTPUTS.flagged);
  }
});
