/**
 * Prefix reuse in the wllama engine (real llama.cpp in Chromium, tiny model): greedy results are the
 * same whether the template's fixed part is kept in the KV cache or computed for every example; the
 * kept part survives a request with another template in between and never outlives a load.
 */
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from '@playwright/test';
import { aegisSample } from '../../bench/inputs';
import { makeTinyModel } from '../../scripts/make-tiny-model';
import { spmEncode } from '../../scripts/tiny-model/spm';
import { buildVocab } from '../../scripts/tiny-model/vocab';
import type { GenerationSettings } from '../../src/core/engine';
import type { Example } from '../../src/core/example';
import type { ClassifyOptions, ClassifyResult } from '../../src/core/result';
import { fillTemplate, prepareTemplate, templatePrefix } from '../../src/core/template';
// Bring the declarations of `window.roguard` and `window.wllamaHarness`.
import type {} from '../../harness/main';
import type {} from '../../harness/wllama';
import { expect, test } from './fixtures';

const MODEL = Buffer.from(makeTinyModel());
const MODEL_PATH = '/models/prefix-reuse-tiny.gguf';
const vocab = buildVocab();

function serveModel(req: IncomingMessage, res: ServerResponse): boolean {
  if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== MODEL_PATH) return false;
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': MODEL.length });
  res.end(req.method === 'HEAD' ? undefined : MODEL);
  return true;
}

test.use({ routes: [serveModel] });

/** One thread: on a shared 2-core machine llama.cpp's worker threads spin-wait for each other. */
const modelSpec = (url: string, prefixReuse: boolean) => ({ id: 'tiny-guard', engine: 'wllama' as const, url: `${url}${MODEL_PATH}`, options: { threads: 1, prefixReuse } });

/** The sample with every kind of answer: flagged (strong or three weak triggers), safe at P≈0.45, and unparsed. */
function mixedExamples(sample: Example[]): Example[] {
  const extras = [' (walrus)', ' kazoo kazoo kazoo', ' kazoo marmalade', ' (zeppelin)'];
  return sample.map((example, i) => (example.label === 'unsafe' ? { ...example, prompt: `${example.prompt}${extras[i % extras.length]}` } : example));
}

/** Runs the examples through a fresh guard worker with prefix reuse on or off. */
async function runThroughWorker(page: Page, url: string, prefixReuse: boolean, examples: Example[], options: ClassifyOptions): Promise<ClassifyResult[]> {
  const input = JSON.stringify({ spec: modelSpec(url, prefixReuse), examples: examples.map(({ index, prompt, response }) => ({ index, prompt, response })), options });
  return page.evaluate(async (text) => {
    const { spec, examples: batch, options: settings } = JSON.parse(text) as { spec: never; examples: Example[]; options: ClassifyOptions };
    const client = window.roguard.createGuardClient();
    try {
      await client.api.load(spec);
      const results: ClassifyResult[] = [];
      await client.api.checkMany(batch, settings, (result) => void results.push(result));
      return results;
    } finally {
      client.terminate();
    }
  }, input);
}

/** Tokens two prompts share from the start, as the tiny model's tokenizer splits them. */
function sharedStart(a: string, b: string): number {
  const x = spmEncode(vocab, a);
  const y = spmEncode(vocab, b);
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

test('greedy results are identical with and without prefix reuse, and reuse skips the shared start of every prompt', async ({ page, app }) => {
  test.setTimeout(600_000);
  const { policy, examples: sample, config } = await aegisSample();
  const examples = mixedExamples(sample);
  const options: ClassifyOptions = { policy, extraction: 'robust', settings: { maxTokens: config.max_output_tokens, temperature: 0, topP: 1 } };
  await page.goto(`${app.url}/harness/index.html`);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();

  const full = await runThroughWorker(page, app.url, false, examples, options);
  const reused = await runThroughWorker(page, app.url, true, examples, options);

  expect(reused).toHaveLength(examples.length);
  const statuses = new Set(reused.map((r) => r.verdict.status));
  expect([...statuses].sort()).toEqual(['flagged', 'safe', 'unparsed']);
  // Everything but the time taken and the count of reused tokens, scores to the last bit.
  const comparable = ({ latencyMs: _time, usage: { cachedPromptTokens: _kept, ...usage }, ...rest }: ClassifyResult) => ({ ...rest, usage });
  expect(reused.map(comparable)).toEqual(full.map(comparable));

  expect(full.map((r) => r.usage.cachedPromptTokens ?? 0)).toEqual(full.map(() => 0));
  const prompts = examples.map((e) => fillTemplate(policy.template, { prompt: e.prompt, response: e.response ?? '' }));
  const expected = prompts.map((prompt, i) => (i === 0 ? 0 : sharedStart(prompts[i - 1]!, prompt)));
  expect(reused.map((r) => r.usage.cachedPromptTokens)).toEqual(expected);
  const prefixTokens = spmEncode(vocab, templatePrefix(policy.template)).length;
  for (const kept of expected.slice(1)) expect(kept).toBeGreaterThanOrEqual(prefixTokens - 1);
});

test('the kept prefix survives a prompt from another template, never outlives a load, and is not used with reuse off', async ({ page, app }) => {
  test.setTimeout(300_000);
  const read = (name: string) => prepareTemplate(readFileSync(new URL(`../../prompts/${name}`, import.meta.url), 'utf8'));
  const aegis = read('aegis.txt');
  const other = read('wildguard_prompt.txt');
  const aegisPrefix = spmEncode(vocab, templatePrefix(aegis)).length;
  const greedy: GenerationSettings = { maxTokens: 40, temperature: 0, topP: 1 };
  await page.goto(`${app.url}/harness/wllama.html`);
  await page.waitForFunction(() => document.body.dataset.ready === 'true');
  const load = async (prefixReuse: boolean) => {
    const outcome = await page.evaluate(([url, spec]) => window.wllamaHarness.load(url, spec), [`${app.url}${MODEL_PATH}`, modelSpec('', prefixReuse)] as const);
    expect(outcome.ok, JSON.stringify(outcome)).toBe(true);
    return outcome.ok ? outcome.value.info : null;
  };
  const generate = async (template: string, prompt: string) => {
    const outcome = await page.evaluate(([p, s]) => window.wllamaHarness.generate(p, s), [fillTemplate(template, { prompt, response: 'Sure.' }), greedy] as const);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.error));
    return outcome.value;
  };

  expect((await load(true))?.prefixReuse).toBe(true);
  expect((await generate(aegis, 'How do I bake bread?')).usage.cachedPromptTokens).toBe(0);
  expect((await generate(other, 'How do I bake bread?')).usage.cachedPromptTokens).toBeLessThan(10);
  const back = await generate(aegis, 'Tell me about the walrus.');
  expect(back.usage.cachedPromptTokens).toBeGreaterThanOrEqual(aegisPrefix - 1);

  await load(true);
  const afterReload = await generate(aegis, 'Tell me about the walrus.');
  expect(afterReload.usage.cachedPromptTokens).toBe(0);
  expect(afterReload.text).toBe(back.text);

  expect((await load(false))?.prefixReuse).toBe(false);
  const first = await generate(aegis, 'Tell me about the walrus.');
  const again = await generate(aegis, 'Tell me about the walrus.');
  expect([first.usage.cachedPromptTokens, again.usage.cachedPromptTokens]).toEqual([0, 0]);
  expect(again.usage.promptTokens).toBe(back.usage.promptTokens);
  expect(again.text).toBe(back.text);
});
