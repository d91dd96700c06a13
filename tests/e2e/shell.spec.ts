import { test, expect } from './fixtures';

test('the app shell loads cross-origin isolated, so wllama can use threads', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'RoGuard Web', level: 1 })).toBeVisible();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
});
