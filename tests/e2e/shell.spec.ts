import { test, expect } from './fixtures';
import { expectNoSidewaysScroll, PHONE } from './support/app-pages';

test('the app shell loads cross-origin isolated, so wllama can use threads', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'RoGuard Web', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});

test('no page scrolls sideways on a phone, light or dark, and every section tab shows whole', async ({ page, app }) => {
  await page.setViewportSize(PHONE);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [hash, heading] of [
      ['#/check', 'Check a prompt'],
      ['#/benchmark', 'Benchmark'],
      ['#/runs', 'Runs'],
      ['#/models', 'Models'],
      ['#/nowhere', 'Page not found'],
    ] as const) {
      await page.goto(`${app.url}/${hash}`);
      await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
      await expectNoSidewaysScroll(page);
      const nav = page.getByRole('navigation', { name: 'Sections' });
      for (const name of ['Check', 'Benchmark', 'Runs', 'Models']) await expect(nav.getByRole('link', { name })).toBeInViewport({ ratio: 1 });
    }
  }
});
