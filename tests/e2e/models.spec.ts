import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { makeTinyModel } from '../../scripts/make-tiny-model';
import type { Route } from '../../src/cli/static-server';
import { chromiumLaunchOptions } from './browser';
import { expect, test } from './fixtures';
import { ARTIFACTS, expectNoSidewaysScroll, loadTinyModel, PHONE } from './support/app-pages';
import { serveTinyModel } from './support/harness';

/** An MLC-style folder: config, tensor cache and one shard of `shardBytes` (the cache says 64). */
function mlcFolder(shardBytes: number): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'roguard-h7-')), 'RoGuard-q4f32_1');
  mkdirSync(dir);
  writeFileSync(join(dir, 'mlc-chat-config.json'), JSON.stringify({ tokenizer_files: ['tokenizer.json'], context_window_size: 4096 }));
  writeFileSync(join(dir, 'tensor-cache.json'), JSON.stringify({ records: [{ dataPath: 'params_shard_0.bin', nbytes: 64, records: [] }] }));
  writeFileSync(join(dir, 'params_shard_0.bin'), Buffer.alloc(shardBytes, 7));
  writeFileSync(join(dir, 'tokenizer.json'), '{"model": {}}');
  return dir;
}

test.describe('Models page', () => {
  test('shows the device the probe found', async ({ page, app }) => {
    await page.goto(`${app.url}/#/models`);
    await expect(page.getByRole('heading', { level: 2, name: 'Models' })).toBeVisible();
    const facts = page.getByTestId('device-facts');
    await expect(facts).toBeVisible({ timeout: 60_000 });
    await expect(facts.locator('dt', { hasText: 'WebGPU' }).locator('+ dd')).toContainText('Yes');
    await expect(facts.locator('dt', { hasText: 'Adapter' }).locator('+ dd')).toContainText(/swiftshader|google/i);
    await expect(facts.locator('dt', { hasText: 'shader-f16' }).locator('+ dd')).toContainText('No');
    await expect(facts.locator('dt', { hasText: 'Cross-origin isolated' }).locator('+ dd')).toContainText('Yes');
    await expect(facts.locator('dt', { hasText: 'Largest buffer' })).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/models.png`, fullPage: true });
  });

  test('lists models per engine, remembers the choice, and explains what blocks a load', async ({ page, app }) => {
    await page.goto(`${app.url}/#/models`);
    await expect(page.getByLabel('WebGPU (WebLLM)')).toBeChecked({ timeout: 60_000 });
    const models = page.getByRole('list', { name: 'Models' });
    const f32 = models.getByRole('listitem').filter({ hasText: 'roguard-1.0-q4f32_1-MLC' });
    await expect(f32.getByText('Weights URL not set')).toBeVisible();
    await expect(f32.getByText('Selected')).toBeVisible();
    await expect(f32.getByText(/GPU memory at 4,096 tokens/)).toBeVisible();
    await expect(models.getByRole('listitem').filter({ hasText: 'Llama-3.2-1B-Instruct-q4f32_1-MLC' })).toBeVisible();

    await f32.getByRole('button', { name: 'Load' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'BAD_CONFIG' });
    await expect(alert).toContainText(/not configured/);
    await expect(alert.getByRole('button', { name: 'Try again' })).toBeVisible();

    await page.getByLabel('Context window').selectOption('8192');
    await expect(f32.getByText(/GPU memory at 8,192 tokens/)).toBeVisible();

    await page.getByLabel('CPU (wllama)').check();
    await expect(models.getByRole('listitem').filter({ hasText: 'roguard-1.0-Q4_K_M-GGUF' })).toBeVisible();
    await expect(models.getByRole('listitem').filter({ hasText: 'Tiny test model' }).getByText('Set its URL below')).toBeVisible();
    await expect(models.getByText('roguard-1.0-q4f32_1-MLC')).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel('CPU (wllama)')).toBeChecked();
    await expect(page.getByLabel('Context window')).toHaveValue('8192');
  });

  test('validates and keeps the weights URLs', async ({ page, app }) => {
    await page.goto(`${app.url}/#/models`);
    const mlc = page.getByLabel('RoGuard MLC weights URL (WebGPU)');
    await mlc.fill('ftp://example.org/roguard');
    await expect(page.getByText('Only http and https URLs can be loaded, not ftp:')).toBeVisible();
    await expect(mlc).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('button', { name: 'Save URLs' })).toBeDisabled();

    await mlc.fill('https://weights.example.org/RoGuard-1.0-{quant}-MLC');
    await page.getByRole('button', { name: 'Save URLs' }).click();
    await expect(page.getByText('Saved. Load a model to use them.')).toBeVisible();
    const f32 = page.getByRole('list', { name: 'Models' }).getByRole('listitem').filter({ hasText: 'roguard-1.0-q4f32_1-MLC' });
    await expect(f32.getByText('https://weights.example.org/RoGuard-1.0-q4f32_1-MLC')).toBeVisible();
    await expect(f32.getByText('Weights URL not set')).toHaveCount(0);
    await page.reload();
    await expect(page.getByLabel('RoGuard MLC weights URL (WebGPU)')).toHaveValue('https://weights.example.org/RoGuard-1.0-{quant}-MLC');
  });

  test('imports a local MLC folder only when it is whole', async ({ page, app }) => {
    await page.goto(`${app.url}/#/models`);
    const importPanel = page.getByRole('region', { name: 'Import a model folder' });
    await expect(importPanel.getByLabel('Import as')).toHaveValue('roguard-1.0-q4f16_1-MLC', { timeout: 60_000 });
    await importPanel.getByLabel('Import as').selectOption('roguard-1.0-q4f32_1-MLC');

    await importPanel.getByLabel('Model folder').setInputFiles(mlcFolder(50));
    await expect(importPanel.getByText(/RoGuard-q4f32_1: 4 files/)).toBeVisible();
    await importPanel.getByRole('button', { name: 'Import folder' }).click();
    await expect(importPanel.getByRole('alert')).toContainText('params_shard_0.bin has 50 bytes');

    await importPanel.getByLabel('Model folder').setInputFiles(mlcFolder(64));
    await importPanel.getByRole('button', { name: 'Import folder' }).click();
    await expect(importPanel.getByText(/Imported 4 files/)).toBeVisible();
    await expect(page.getByLabel('RoGuard MLC weights URL (WebGPU)')).toHaveValue(/\/local-models\/roguard-1\.0-\{quant\}-MLC\/$/);
    const f32 = page.getByRole('list', { name: 'Models' }).getByRole('listitem').filter({ hasText: 'roguard-1.0-q4f32_1-MLC' });
    await expect(f32.getByText(/Cached|Partly cached/)).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/models-import.png`, fullPage: true });

    await f32.getByRole('button', { name: 'Delete download' }).click();
    await f32.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(f32.getByText('Not cached')).toBeVisible();
  });

  test('loads a custom WebGPU model by URL and shows why it failed', async ({ page, app }) => {
    await page.goto(`${app.url}/#/models`);
    const form = page.getByRole('form', { name: 'Custom WebGPU model' });
    await form.getByRole('button', { name: 'Load custom model' }).click();
    await expect(form.getByRole('alert')).toContainText('BAD_CONFIG');
    await expect(form.getByRole('alert')).toContainText(/weights URL/);

    await form.getByLabel('Name').fill('my-guard-q4f32_1');
    await form.getByLabel('Weights folder URL').fill(`${app.url}/missing/my-guard/`);
    await form.getByLabel('Model library URL (.wasm)').fill(`${app.url}/missing/my-guard.wasm`);
    await form.getByRole('button', { name: 'Load custom model' }).click();
    const failure = form.getByRole('alert');
    await expect(failure).toContainText(/MODEL_LOAD_FAILED|DOWNLOAD_FAILED|MODEL_NOT_FOUND/, { timeout: 60_000 });
    await expect(failure).toContainText('my-guard');
    const current = page.getByRole('region', { name: 'Current model' });
    await expect(current.getByRole('button', { name: 'Try again' })).toBeVisible();
    await current.getByRole('button', { name: 'Try again' }).click();
    await expect(failure).toContainText(/MODEL_LOAD_FAILED|DOWNLOAD_FAILED|MODEL_NOT_FOUND/, { timeout: 60_000 });
    await expect(current.getByRole('alert')).not.toContainText('No model "my-guard-q4f32_1" in the registry');
  });

  test('fits a phone and follows the dark setting', async ({ page, app }) => {
    await page.setViewportSize(PHONE);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`${app.url}/#/models`);
    await expect(page.getByTestId('device-facts')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('list', { name: 'Models' }).getByRole('listitem').first()).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${ARTIFACTS}/models-phone-dark.png`, fullPage: true });
  });
});

test('without WebGPU the probe says so and the CPU engine is chosen', async ({ app }) => {
  const browser = await chromium.launch(chromiumLaunchOptions({ webgpu: false }));
  try {
    const page = await browser.newPage();
    await page.goto(`${app.url}/#/models`);
    const notice = page.getByTestId('no-webgpu');
    await expect(notice).toBeVisible({ timeout: 60_000 });
    await expect(notice).toContainText(/WebGPU/);
    await expect(page.getByLabel('CPU (wllama)')).toBeChecked();
    await expect(page.getByText('Not available in this browser.')).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/models-no-webgpu.png`, fullPage: true });
  } finally {
    await browser.close();
  }
});

test.describe('Models page loading the tiny model slowly', () => {
  const tiny = Buffer.from(makeTinyModel());
  /** Serves the tiny model in 30 pieces over about 4.5 s, so the download can be watched and cancelled. */
  const slowTiny: Route = (req, res) => {
    if (!req.url?.startsWith('/slow/tiny.gguf')) return false;
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': tiny.length });
    if (req.method === 'HEAD') {
      res.end();
      return true;
    }
    const piece = Math.ceil(tiny.length / 30);
    let sent = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      res.write(tiny.subarray(sent, sent + piece));
      sent += piece;
      if (sent >= tiny.length) {
        clearInterval(timer);
        res.end();
      }
    }, 150);
    return true;
  };
  test.use({ routes: [slowTiny] });

  test('shows download progress in bytes, cancels, then loads', async ({ page, app }) => {
    await page.goto(`${app.url}/#/models`);
    await page.getByLabel('CPU (wllama)').check();
    await page.getByLabel('Tiny test model URL (GGUF)').fill(`${app.url}/slow/tiny.gguf`);
    await page.getByRole('button', { name: 'Save URLs' }).click();
    const row = page.getByRole('list', { name: 'Models' }).getByRole('listitem').filter({ hasText: 'Tiny test model' });

    await row.getByRole('button', { name: 'Load' }).click();
    const bar = page.getByRole('progressbar', { name: /Downloading tiny-test/ });
    await expect(bar).toBeVisible();
    await expect(page.getByText(/\d+(\.\d+)? [KM]B of \d+(\.\d+)? [KM]B/)).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/models-loading.png`, fullPage: true });
    await page.getByRole('button', { name: 'Cancel load' }).click();
    await expect(bar).toHaveCount(0);
    await expect(page.getByText('No model loaded.')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);

    // The cut-off download is kept (and offered for deletion), so "Load" must not match "Delete download".
    await expect(row.getByText(/^Partly cached · /)).toBeVisible();
    await row.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(row.getByText('Loaded')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('banner').getByText('tiny-test')).toBeVisible();
    await page.getByRole('button', { name: 'Unload tiny-test' }).click();
    await expect(row.getByText('Loaded')).toHaveCount(0);
  });
});

test.describe('Models page with the CPU engine cache', () => {
  let downloads = 0;
  /** The tiny model, counting the GETs that fetch its bytes (HEAD checks are not downloads). */
  const countedTiny: Route = (req, res) => {
    const served = serveTinyModel(req, res);
    if (served && req.method === 'GET') downloads++;
    return served;
  };
  test.use({ routes: [countedTiny] });

  test('lists the downloaded GGUF model with its size, deletes it, and the next load downloads again', async ({ page, app }) => {
    const usage = page.getByTestId('storage-usage');
    const usageNow = async () => Number(await usage.getAttribute('data-usage'));
    await page.goto(`${app.url}/#/models`);
    await expect(usage).toBeVisible({ timeout: 60_000 });
    const before = await usageNow();

    await loadTinyModel(page, app.url);
    expect(downloads).toBe(1);
    const row = page.getByRole('list', { name: 'Models' }).getByRole('listitem').filter({ hasText: 'Tiny test model' });
    await expect(row.getByText(/^Cached · 1\.70 MB$/)).toBeVisible();
    await expect.poll(usageNow).toBeGreaterThan(before + 1_000_000);
    const loaded = await usageNow();

    await expect(row.getByRole('button', { name: 'Delete download' })).toBeDisabled();
    await page.getByRole('button', { name: 'Unload tiny-test' }).click();
    await row.getByRole('button', { name: 'Delete download' }).click();
    await expect(row.getByRole('group', { name: /^Delete Tiny test model/ })).toContainText('Delete 1.70 MB?');
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await expect(row.getByText('Not cached')).toBeVisible();
    await expect(row.getByRole('button', { name: 'Delete download' })).toHaveCount(0);
    await expect.poll(usageNow).toBeLessThan(loaded - 1_000_000);
    await page.screenshot({ path: `${ARTIFACTS}/models-gguf-deleted.png`, fullPage: true });

    await row.getByRole('button', { name: 'Load', exact: true }).click();
    await expect(row.getByText('Loaded')).toBeVisible({ timeout: 120_000 });
    expect(downloads).toBe(2);
    await expect(row.getByText(/^Cached · 1\.70 MB$/)).toBeVisible();
  });
});
