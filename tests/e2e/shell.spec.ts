import { test, expect } from './fixtures';

test('the app shell loads and is cross-origin isolated', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'RoGuard Web' })).toBeVisible();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const adapter = await page.evaluate(async () => {
    const a = await navigator.gpu?.requestAdapter();
    return a ? { features: [...a.features], vendor: a.info.vendor, description: a.info.description } : null;
  });
  console.log('adapter', JSON.stringify(adapter));
});
