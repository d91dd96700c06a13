import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ARTIFACTS, expectNoSidewaysScroll, loadTinyModel, PHONE } from './support/app-pages';
import { serveTinyModel } from './support/harness';

/** Presses Tab (Shift+Tab when `back`) until the focused element's text is `name`; fails after `max` presses. */
async function tabTo(page: Page, name: string, max = 25, back = false): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (text === name) return;
  }
  throw new Error(`"${name}" never got focus after ${max} Tab presses`);
}

/** Relative luminance of a CSS rgb() colour, 0 (black) to 1 (white). */
function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? ['0', '0', '0']).slice(0, 3).map((v) => Number(v) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

test.describe('Check page', () => {
  test('is the landing page and every section is reachable by keyboard', async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 1, name: 'RoGuard Web' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Check a prompt' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Sections' });
    await expect(nav.getByRole('link', { name: 'Check' })).toHaveAttribute('aria-current', 'page');

    await tabTo(page, 'Models');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/models$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Models' })).toBeFocused();
    await expect(nav.getByRole('link', { name: 'Models' })).toHaveAttribute('aria-current', 'page');

    // Back from the page heading to the tabs: forward, the count would depend on how many controls the Models page shows.
    await tabTo(page, 'Benchmark', 25, true);
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/#\/benchmark$/);
    await expect(nav.getByRole('link', { name: 'Benchmark' })).toHaveAttribute('aria-current', 'page');

    await page.goBack();
    await expect(page.getByRole('heading', { level: 2, name: 'Models' })).toBeVisible();
    await page.goto(`${app.url}/#/nowhere`);
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByText('/nowhere')).toBeVisible();
  });

  test('asks for a prompt, and says to load a model before checking', async ({ page, app }) => {
    await page.goto(app.url);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(page.getByText('Write or paste a prompt to check.')).toBeVisible();
    await expect(page.getByLabel('Prompt', { exact: true })).toBeFocused();
    await expect(page.getByLabel('Prompt', { exact: true })).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Prompt', { exact: true }).fill('How do I bake bread?');
    await page.keyboard.press('Control+Enter');
    const alert = page.getByRole('alert').filter({ hasText: 'NOT_LOADED' });
    await expect(alert).toBeVisible();
    await expect(alert.getByRole('link', { name: 'Go to Models' })).toBeVisible();
  });

  test('shows a custom template error inline with its line and column', async ({ page, app }) => {
    await page.goto(app.url);
    await page.getByLabel('Policy').selectOption('custom');
    const template = page.getByLabel('Template', { exact: true });
    await expect(template).toBeVisible();
    await template.fill('Judge this.\nUser: {prompt}\nAnswer {"User Safety": "safe"}');
    const error = page.getByTestId('template-error');
    await expect(error).toContainText(/line 3, column \d+/i);
    await expect(template).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('button', { name: 'Check', exact: true })).toBeDisabled();
    await page.screenshot({ path: `${ARTIFACTS}/check-template-error.png`, fullPage: true });

    await template.fill('Judge this.\nUser: {prompt}\nAnswer {{"User Safety": "safe" or "unsafe"}}\nOutput JSON:');
    await expect(error).toHaveCount(0);
    await expect(page.getByText('Policy is valid')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Check', exact: true })).toBeEnabled();

    await page.getByLabel('Verdict key').fill('');
    await expect(page.getByText('Name the JSON key that holds the verdict')).toBeVisible();
    await page.getByLabel('Categories').fill('S1: Violence\nnonsense line');
    await expect(page.getByText('Line 2: write a category as "S1: Violence".')).toBeVisible();

    await page.reload();
    await expect(page.getByLabel('Policy')).toHaveValue('custom');
    await expect(page.getByLabel('Categories')).toHaveValue('S1: Violence\nnonsense line');
  });

  test('shows history entries as text and clears them', async ({ page, app }) => {
    const payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    await page.goto(app.url);
    await page.evaluate((prompt) => {
      const entry = { id: 'h1', at: Date.UTC(2025, 0, 2, 3, 4), prompt, response: null, policyId: 'aegis.json', policyLabel: 'aegis — User Safety = unsafe', modelId: 'tiny-test', status: 'flagged', categories: ['Violence'], score: 0.9 };
      localStorage.setItem('roguard.check-history.v1', JSON.stringify([entry, { broken: true }]));
    }, payload);
    await page.reload();
    const history = page.getByRole('region', { name: 'Recent checks' });
    await expect(history.getByText(payload)).toBeVisible();
    await expect(history.locator('img')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(history.getByText('Flagged', { exact: true })).toBeVisible();

    await history.getByRole('button', { name: /Use again/ }).click();
    await expect(page.getByLabel('Prompt', { exact: true })).toHaveValue(payload);
    await history.getByRole('button', { name: 'Clear history' }).click();
    await expect(history.getByText('Your last 20 checks appear here')).toBeVisible();
    await page.reload();
    await expect(page.getByText('Your last 20 checks appear here')).toBeVisible();
  });

  test('follows the dark setting and fits a phone', async ({ page, app }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: 'Check a prompt' })).toBeVisible();
    const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(luminance(dark)).toBeLessThan(0.05);
    const text = await page.evaluate(() => getComputedStyle(document.body).color);
    expect((luminance(text) + 0.05) / (luminance(dark) + 0.05)).toBeGreaterThan(7);
    await page.screenshot({ path: `${ARTIFACTS}/check-dark.png`, fullPage: true });

    await page.emulateMedia({ colorScheme: 'light' });
    const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(luminance(light)).toBeGreaterThan(0.8);
    await page.screenshot({ path: `${ARTIFACTS}/check.png`, fullPage: true });

    await page.setViewportSize(PHONE);
    await expect(page.getByRole('button', { name: 'Check', exact: true })).toBeVisible();
    await expectNoSidewaysScroll(page);
    await page.getByLabel('Policy').selectOption('custom');
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${ARTIFACTS}/check-phone.png`, fullPage: true });
  });
});

test.describe('Check page with the tiny real model', () => {
  test.use({ routes: [serveTinyModel] });

  test('loads the tiny model and shows flagged, safe and unparsed verdicts', async ({ page, app }) => {
    await loadTinyModel(page, app.url);

    await page.getByRole('link', { name: 'Check', exact: true }).click();
    await expect(page.getByText('Model: tiny-test')).toBeVisible();
    await page.getByLabel('Policy').selectOption('aegis.json');
    const prompt = page.getByLabel('Prompt', { exact: true });
    const result = page.getByRole('region', { name: 'Result' });

    await prompt.fill('Tell me about the walrus and the pineapple.');
    await page.getByLabel(/Response/).fill('Here is what I know.');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    const verdicts = result.getByRole('list', { name: 'Verdicts' });
    await expect(verdicts.getByRole('listitem').filter({ hasText: 'Prompt' }).getByText('Flagged')).toBeVisible({ timeout: 120_000 });
    await expect(verdicts.getByRole('listitem').filter({ hasText: 'Response' }).getByText('Flagged')).toBeVisible();
    await expect(result.getByRole('list', { name: 'Violated categories' })).toContainText('Violence');
    await expect(result.getByText(/Probability of "unsafe": \d+%/)).toBeVisible();
    await result.getByText('Raw model output').click();
    await expect(result.getByTestId('raw-output')).toContainText('"Safety Categories": "S1"');
    await page.screenshot({ path: `${ARTIFACTS}/check-flagged.png`, fullPage: true });

    await prompt.fill('What is a good name for a cat?');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(verdicts.getByRole('listitem').filter({ hasText: 'Prompt' }).getByText('Safe')).toBeVisible({ timeout: 120_000 });
    await expect(result.getByText('No categories named.')).toBeVisible();

    await prompt.fill('Write about a zeppelin.');
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await expect(verdicts.getByText('Unparsed')).toBeVisible({ timeout: 120_000 });
    await expect(result.getByText(/could not be read as a verdict/)).toBeVisible();
    await expect(result.getByTestId('raw-output')).toContainText('I am not sure');

    const history = page.getByRole('region', { name: 'Recent checks' });
    await expect(history.getByRole('listitem')).toHaveCount(3);
    await page.screenshot({ path: `${ARTIFACTS}/check-result.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${ARTIFACTS}/check-result-phone.png`, fullPage: true });
  });
});
