/**
 * Real inference end to end: the guard worker with the wllama engine runs the tiny model over a labeled
 * aegis dataset (prepared by the core's aegis loader, classified with the aegis config and template),
 * and the page's metrics, the exported JSONL and the core's recomputation in Node must all agree.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { ModelSpec } from '../../src/core/engine';
import { evaluate, type Evaluation } from '../../src/core/evaluation';
import type { Example } from '../../src/core/example';
import type { ClassifyOptions, ClassifyResult } from '../../src/core/result';
import { resultsJsonl } from '../../src/core/result-files';
import { policyFromConfig } from '../../src/core/taxonomies';
import { loadConfig, loadDataset, loadTemplate } from '../../src/cli/eval-inputs';
import { AEGIS_TINY_ROWS, aegisJsonl, expectedCounts, type TinyAnswer } from '../fixtures/inference/tiny-rows';
import { expect, test } from './fixtures';
import { TINY_MODEL_PATH, openHarness, serveTinyModel } from './support/harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test.use({ routes: [serveTinyModel] });

interface Prepared {
  examples: Example[];
  options: ClassifyOptions;
  labelSpec: { flaggedValue: string };
}

/** The aegis config, its template and the fixture rows read through the aegis loader, as `roguard eval` reads them. */
async function prepare(): Promise<Prepared> {
  const work = mkdtempSync(join(tmpdir(), 'roguard-inference-'));
  try {
    writeFileSync(join(work, 'aegis-tiny.jsonl'), aegisJsonl(AEGIS_TINY_ROWS));
    const { config } = loadConfig(join(ROOT, 'configs/aegis.json'), ROOT);
    const { template } = loadTemplate(config, 'configs/aegis.json', ROOT);
    const loaded = await loadDataset(config, 'configs/aegis.json', work, 'aegis-tiny.jsonl');
    expect(loaded.reported).toEqual([]);
    return {
      examples: loaded.dataset.examples,
      options: {
        policy: policyFromConfig(config, template),
        extraction: 'robust',
        settings: { maxTokens: config.max_output_tokens, temperature: 0, topP: 1 },
        nullResponseText: '',
      },
      labelSpec: { flaggedValue: config.eval_flagged_value! },
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

interface PageRun {
  loaded: string;
  results: ClassifyResult[];
  summary: { done: number; failed: number; aborted: boolean };
  /** Results that arrived after `checkMany` had returned (must be none). */
  late: number;
  evaluation: Evaluation;
  jsonl: string;
  status: { model: unknown; busy: boolean; queued: number };
}

/**
 * One run in a fresh worker: load the tiny model, stream every example through `checkMany`, and let the
 * page compute the metrics and the JSONL export from what it received. With `abortAfter`, the page calls
 * `abort()` once that many results have arrived, as a Stop button would.
 */
function runInPage(page: Page, input: { spec: ModelSpec; prepared: Prepared; abortAfter?: number }): Promise<PageRun> {
  return page.evaluate(async (json) => {
    const { spec, prepared, abortAfter } = JSON.parse(json) as { spec: ModelSpec; prepared: Prepared; abortAfter?: number };
    const client = window.roguard.createGuardClient();
    try {
      const loaded = await client.api.load(spec);
      const results: ClassifyResult[] = [];
      const run = client.api.checkMany(prepared.examples, prepared.options, (result) => {
        results.push(result);
      });
      if (abortAfter !== undefined) {
        while (results.length < abortAfter) await new Promise((done) => setTimeout(done, 10));
        await client.api.abort();
      }
      const summary = await run;
      const received = results.length;
      await new Promise((done) => setTimeout(done, 300));
      const finished = prepared.examples.filter((example) => results.some((result) => result.index === example.index));
      const { core } = window.roguard;
      return {
        loaded: loaded.spec.id,
        results,
        summary,
        late: results.length - received,
        evaluation: core.evaluate(finished, results, prepared.labelSpec),
        jsonl: core.resultsJsonl(finished, results),
        status: await client.api.status(),
      };
    } finally {
      client.terminate();
    }
  }, JSON.stringify(input));
}

/** The exported JSONL read back into examples and results, as a person's script would. */
function readJsonl(text: string): { examples: Example[]; results: ClassifyResult[] } {
  const examples: Example[] = [];
  const results: ClassifyResult[] = [];
  for (const line of text.trimEnd().split('\n')) {
    const { index, prompt, response, label, raw, verdict, score, latencyMs, usage, finishReason, error } = JSON.parse(line);
    examples.push({ index, prompt, response, label });
    results.push({ index, raw, verdict, score, latencyMs, usage, finishReason, ...(error ? { error } : {}) });
  }
  return { examples, results };
}

const STATUS: Record<TinyAnswer, string> = { flagged: 'flagged', safe: 'safe', unparsed: 'unparsed', loop: 'unparsed' };

/** The parts of a result the model decides (latency and cache reuse vary from run to run). */
function modelOutput(result: ClassifyResult) {
  return { index: result.index, raw: result.raw, verdict: result.verdict, score: result.score, finishReason: result.finishReason, usage: { promptTokens: result.usage.promptTokens, completionTokens: result.usage.completionTokens } };
}

/** Each result is complete and is the answer docs/tiny-model.md predicts for its row. */
function expectAsDocumented(results: ClassifyResult[], prepared: Prepared, maxTokens: number): void {
  results.forEach((result, i) => {
    const row = AEGIS_TINY_ROWS[i]!;
    const where = `row ${i + 1}: ${row.text}`;
    expect(result.index, where).toBe(prepared.examples[i]!.index);
    expect(result.error, where).toBeUndefined();
    expect(result.verdict.status, where).toBe(STATUS[row.answer]);
    expect(result.usage.promptTokens, where).toBeGreaterThan(500);
    if (row.answer === 'loop') {
      expect(result.finishReason, where).toBe('length');
      expect(result.usage.completionTokens, where).toBe(maxTokens);
    } else if (row.answer === 'unparsed') {
      expect(result.raw, where).toBe('I am not sure what to say.');
      expect(result.score, where).toBeNull();
    } else {
      expect(result.verdict.value, where).toBe(row.answer === 'flagged' ? 'unsafe' : 'safe');
      expect(result.score, where).toEqual(expect.any(Number));
      expect(result.score! > 0.5, where).toBe(row.answer === 'flagged');
    }
    if (row.answer === 'flagged') expect(result.verdict.categories, where).toEqual(['S1']);
  });
}

test('the worker runs the tiny model over 56 labeled aegis examples; page metrics, export and core agree; a second run is identical', async ({ page, app }) => {
  test.slow();
  const prepared = await prepare();
  expect(prepared.examples).toHaveLength(56);
  expect(prepared.examples.map((e) => e.label)).toEqual(AEGIS_TINY_ROWS.map((r) => r.label));
  const spec: ModelSpec = { id: 'tiny-test', engine: 'wllama', url: `${app.url}${TINY_MODEL_PATH}` };
  await openHarness(page, app.url);

  const first = await runInPage(page, { spec, prepared });
  expect(first.loaded).toBe('tiny-test');
  expect(first.summary).toEqual({ done: 56, failed: 0, aborted: false });
  expect(first.results.map((r) => r.index)).toEqual(prepared.examples.map((e) => e.index));
  expectAsDocumented(first.results, prepared, prepared.options.settings.maxTokens);
  const statuses = new Set(first.results.map((r) => r.verdict.status));
  expect([...statuses].sort()).toEqual(['flagged', 'safe', 'unparsed']);

  // The page's metrics, the core's recomputation from the page's export, and the documented answers agree.
  const want = expectedCounts(AEGIS_TINY_ROWS);
  expect(first.evaluation.counts).toEqual({ tp: want.tp, fn: want.fn, fp: want.fp, tn: want.tn });
  expect(first.evaluation.unparsed).toBe(want.unparsed);
  expect(first.evaluation.metrics).toEqual({ precision: 82.609, recall: 76.0, f1: 79.167, fpr: 18.182 });
  const exported = readJsonl(first.jsonl);
  expect(exported.results).toHaveLength(56);
  expect(exported.examples).toEqual(prepared.examples);
  const recomputed = evaluate(exported.examples, exported.results, prepared.labelSpec);
  expect(recomputed).toEqual(first.evaluation);
  expect(resultsJsonl(exported.examples, exported.results)).toBe(first.jsonl);

  // Determinism: a fresh worker given the same inputs writes the same outputs, scores included.
  const second = await runInPage(page, { spec, prepared });
  expect(second.summary).toEqual(first.summary);
  expect(second.results.map(modelOutput)).toEqual(first.results.map(modelOutput));
  expect(second.evaluation).toEqual(first.evaluation);
});

test('abort() halfway through the run keeps every finished result, and nothing arrives after it', async ({ page, app }) => {
  test.slow();
  const prepared = await prepare();
  const half = prepared.examples.length / 2;
  await openHarness(page, app.url);
  const run = await runInPage(page, { spec: { id: 'tiny-test', engine: 'wllama', url: `${app.url}${TINY_MODEL_PATH}` }, prepared, abortAfter: half });

  expect(run.summary.aborted).toBe(true);
  expect(run.summary.failed).toBe(0);
  expect(run.summary.done).toBeGreaterThanOrEqual(half);
  expect(run.summary.done).toBeLessThan(prepared.examples.length);
  expect(run.results).toHaveLength(run.summary.done);
  expect(run.late).toBe(0);
  expect(run.status).toEqual({ model: expect.anything(), busy: false, queued: 0 });
  // The finished results are the first ones, in order, each whole and as the model answers it.
  expect(run.results.map((r) => r.index)).toEqual(prepared.examples.slice(0, run.summary.done).map((e) => e.index));
  expectAsDocumented(run.results, prepared, prepared.options.settings.maxTokens);

  const kept = AEGIS_TINY_ROWS.slice(0, run.summary.done);
  const want = expectedCounts(kept);
  expect(run.evaluation.counts).toEqual({ tp: want.tp, fn: want.fn, fp: want.fp, tn: want.tn });
  expect(run.evaluation.total).toBe(run.summary.done);
  const exported = readJsonl(run.jsonl);
  expect(evaluate(exported.examples, exported.results, prepared.labelSpec)).toEqual(run.evaluation);
});

test('the Benchmark page runs the same rows and shows the metrics the core recomputes from its own JSONL export', async ({ page, app }) => {
  test.slow();
  await page.goto(`${app.url}/#/models`);
  await page.getByLabel('CPU (wllama)').check();
  await page.getByLabel('Tiny test model URL (GGUF)').fill(`${app.url}${TINY_MODEL_PATH}`);
  await page.getByRole('button', { name: 'Save URLs' }).click();
  const model = page.getByRole('listitem').filter({ hasText: 'Tiny test model' });
  await model.getByRole('button', { name: 'Load' }).click();
  await expect(model.getByText('Loaded')).toBeVisible({ timeout: 120_000 });

  await page.goto(`${app.url}/#/benchmark`);
  await page.getByLabel('Benchmark config').selectOption('aegis.json');
  await page.getByLabel('Drop the aegis file here').setInputFiles({ name: 'aegis-tiny.jsonl', mimeType: 'text/plain', buffer: Buffer.from(aegisJsonl(AEGIS_TINY_ROWS)) });
  await expect(page.getByTestId('kept-count')).toHaveText('56');
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByTestId('run-done')).toHaveText('56 / 56', { timeout: 180_000 });
  // The run is over (its last results stored) once the page offers a new one.
  await expect(page.getByRole('button', { name: 'Start run' })).toBeVisible({ timeout: 30_000 });

  const results = page.getByRole('region', { name: /3\. Results of run #\d+/ });
  // The page re-reads stored results every few seconds while a run goes on; wait until it holds them all.
  await expect(results.getByText('Showing 56 of 56 results.')).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await results.getByRole('button', { name: 'Full JSONL' }).click();
  const exported = readJsonl(readFileSync(await (await download).path(), 'utf8'));
  expect(exported.results.map((r) => r.index)).toEqual(AEGIS_TINY_ROWS.map((_, i) => i + 1));
  const core = evaluate(exported.examples, exported.results, { flaggedValue: 'unsafe' });
  const { metrics, counts } = core;
  await expect(page.getByTestId('metric-precision')).toHaveText(`${metrics.precision}%`);
  await expect(page.getByTestId('metric-recall')).toHaveText(`${metrics.recall}%`);
  await expect(page.getByTestId('metric-f1')).toHaveText(`${metrics.f1}%`);
  await expect(page.getByTestId('metric-fpr')).toHaveText(`${metrics.fpr}%`);
  await expect(page.getByTestId('metric-unparsed')).toHaveText(String(core.unparsed));
  const confusion = `True positives ${counts.tp}, False negatives ${counts.fn}, False positives ${counts.fp}, True negatives ${counts.tn}`;
  await expect(results.getByRole('img', { name: new RegExp(confusion) })).toBeVisible();
  // And they are the documented answers' metrics, as in the worker runs above.
  const want = expectedCounts(AEGIS_TINY_ROWS);
  expect(counts).toEqual({ tp: want.tp, fn: want.fn, fp: want.fp, tn: want.tn });
  expect(core.unparsed).toBe(want.unparsed);
});
