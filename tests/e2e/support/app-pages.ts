/** Steps the app's page specs share: load the tiny model from the Models page, open a page, check phone fit. */
import type { Page } from '@playwright/test';
import { expect } from '../fixtures';
import { TINY_MODEL_PATH } from './harness';

/** Where the specs save screenshots for a person to look at. */
export const ARTIFACTS = 'tests/.artifacts';

/** The narrowest phone the app is laid out for. */
export const PHONE = { width: 360, height: 780 };

/** Loads the tiny model on the CPU engine from the Models page (add `serveTinyModel` to the routes). */
export async function loadTinyModel(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/models`);
  await expect(page.getByTestId('device-facts')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('CPU (wllama)').check();
  await expect(page.getByLabel('CPU (wllama)')).toBeChecked();
  await page.getByLabel('Tiny test model URL (GGUF)').fill(`${url}${TINY_MODEL_PATH}`);
  await page.getByRole('button', { name: 'Save URLs' }).click();
  const row = page.getByRole('listitem').filter({ hasText: 'Tiny test model' });
  // Exact: a model already downloaded also offers "Delete download".
  await row.getByRole('button', { name: 'Load', exact: true }).click();
  await expect(row.getByText('Loaded')).toBeVisible({ timeout: 120_000 });
}

export async function openBenchmark(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/benchmark`);
  await expect(page.getByRole('heading', { level: 2, name: 'Benchmark' })).toBeVisible();
}

/**
 * The page is no wider than the window: nothing makes the whole document scroll sideways. Polled,
 * because charts redraw at the new width a frame or two after the window changes.
 */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  await expect.poll(overflow, { message: 'px by which the document is wider than the window' }).toBeLessThanOrEqual(0);
}
