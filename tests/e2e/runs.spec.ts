import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ARTIFACTS, expectNoSidewaysScroll, loadTinyModel, openBenchmark, PHONE } from './support/app-pages';
import { serveTinyModel } from './support/harness';

const DESKTOP = { width: 1280, height: 720 };

/**
 * XSTest as the hub serves it (prompt, label) for the tiny model (docs/tiny-model.md): a strong trigger
 * (pineapple, trombone, walrus) gives unsafe, one weak one (marmalade, kazoo) raises P(unsafe) to
 * about 0.14, "zeppelin" gives an answer with no verdict. Verdicts: 4 TP, 1 FP, 3 FN, 4 TN, 2 unparsed.
 * No row sits near P = 0.5, so the reference reading's sampling (temperature 0.2) gives the same verdicts.
 */
const XSTEST_ROWS: [prompt: string, label: 'safe' | 'unsafe'][] = [
  ['Tell me about the walrus and the pineapple.', 'unsafe'],
  ['How loud is a trombone?', 'unsafe'],
  ['Pineapple recipes, please', 'unsafe'],
  ['A walrus at the zoo', 'unsafe'],
  ['Is a trombone hard to learn?', 'safe'],
  ['Marmalade on toast', 'unsafe'],
  ['Kazoo time', 'unsafe'],
  ['What is the capital of Spain?', 'unsafe'],
  ['How do I water a cactus?', 'safe'],
  ['Name a friendly dog breed.', 'safe'],
  ['A kazoo solo', 'safe'],
  ['Recommend a film for tonight.', 'safe'],
  ['Write about a zeppelin.', 'unsafe'],
  ['A zeppelin over the hills', 'safe'],
];
const XSTEST_JSONL = XSTEST_ROWS.map(([prompt, label]) => JSON.stringify({ prompt, label, type: 'test' })).join('\n') + '\n';

/** Runs XSTest on the Benchmark page with the given verdict reading, and waits for the end. */
async function runXstest(page: Page, reading: 'Robust' | 'Reference') {
  await page.getByRole('radio', { name: new RegExp(`^${reading}`) }).check();
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page.getByText(`Finished: ${XSTEST_ROWS.length} of ${XSTEST_ROWS.length} examples`)).toBeVisible({ timeout: 180_000 });
}

test.describe('Runs page', () => {
  test('says how to make a first run when there is none', async ({ page, app }) => {
    await page.goto(`${app.url}/#/runs`);
    await expect(page.getByRole('heading', { level: 2, name: 'Runs' })).toBeVisible();
    await expect(page.getByText('No runs yet.')).toBeVisible();
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await page.getByRole('link', { name: 'Run a benchmark' }).click();
    await expect(page).toHaveURL(/#\/benchmark$/);
    await page.goto(`${app.url}/#/runs/not-a-run`);
    await expect(page.getByRole('alert')).toContainText('“not-a-run” is not a run.');
    await page.goto(`${app.url}/#/runs/99`);
    await expect(page.getByRole('alert')).toContainText('There is no run #99');
  });
});

/** Writes a finished run of `count` examples straight into the app's IndexedDB (the schema the app created). */
async function seedBigRun(page: Page, count: number) {
  await page.evaluate(async (n) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('roguard');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const now = Date.now();
    const examples = Array.from({ length: n }, (_, i) => ({
      index: i + 1,
      prompt: `example ${i + 1} ${(i + 1) % 7 === 0 ? 'needle' : 'hay'}`,
      response: null,
      label: (i + 1) % 2 === 0 ? 'unsafe' : 'safe',
    }));
    const policy = { template: 'Judge: {prompt}', outputField: 'User Safety', flaggedValue: 'unsafe' };
    const tx = db.transaction(['datasets', 'runs', 'results'], 'readwrite');
    tx.objectStore('datasets').put({ id: 1, name: 'big', fileName: 'big.csv', rowCount: n, columns: ['prompt', 'label'], mapping: { prompt: 'prompt', label: 'label' }, benchmark: null, examples, nullResponseText: '', report: [], createdAt: now });
    tx.objectStore('runs').put({
      id: 1,
      datasetId: 1,
      datasetName: 'big',
      config: { name: 'big', policy, extraction: 'robust', settings: { maxTokens: 100, temperature: 0, topP: 1 }, earlyStop: true, score: true, nullResponseText: '', labelFlaggedValue: 'unsafe', snapshot: null },
      templateText: policy.template,
      model: { id: 'seeded', weightsRevision: 'test', engine: null },
      status: 'done',
      done: n,
      total: n,
      cacheHits: 0,
      duplicates: 0,
      errors: 0,
      metrics: null,
      timings: { startedAt: now, finishedAt: now, activeMs: 1000, modelMs: 1000 },
      error: null,
      createdAt: now,
      updatedAt: now,
    });
    const results = tx.objectStore('results');
    for (let index = 1; index <= n; index++) {
      const status = index % 50 === 0 ? 'unparsed' : index % 3 === 0 ? 'flagged' : 'safe';
      const value = status === 'flagged' ? 'unsafe' : status === 'safe' ? 'safe' : '';
      results.put({
        runId: 1,
        index,
        raw: status === 'unparsed' ? 'no idea' : `{"User Safety": "${value}"}`,
        verdict: { value, status, categories: [], fields: {} },
        score: null,
        latencyMs: 10 + (index % 90),
        usage: { promptTokens: 20, completionTokens: 8 },
        finishReason: 'stop',
        error: null,
        fromCache: false,
        duplicateOf: null,
        cacheKey: `k${index}`,
      });
    }
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  }, count);
}

test.describe('Runs page with 100,000 results', () => {
  test('keeps only the visible rows in the page, scrolls to the last one, filters and searches', async ({ page, app }) => {
    test.slow();
    await page.goto(`${app.url}/#/runs`);
    await expect(page.getByText('No runs yet.')).toBeVisible();
    await seedBigRun(page, 100_000);
    await page.goto(`${app.url}/#/runs/1`);
    await expect(page.getByText('Showing 100000 of 100000 results.')).toBeVisible({ timeout: 120_000 });
    const rows = page.locator('.results-scroll [role="row"]');
    expect(await rows.count()).toBeLessThan(60);
    await page.locator('.results-scroll').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await expect(page.getByRole('button', { name: 'Example 100000: show details' })).toBeVisible();
    expect(await rows.count()).toBeLessThan(60);

    const results = page.getByRole('region', { name: 'Results' });
    // Even examples are unsafe; multiples of 3 are flagged; multiples of 50 unparsed.
    await results.getByLabel('Search results').fill('needle');
    await expect(page.getByText('Showing 14285 of 100000 results.')).toBeVisible();
    await results.getByLabel('Search results').fill('');
    await results.getByRole('button', { name: /^Unparsed 2000$/ }).click();
    await expect(page.getByText('Showing 2000 of 100000 results.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Example 50: show details' })).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/runs-100k.png` });
  });
});

test.describe('Runs page with the tiny real model', () => {
  test.use({ routes: [serveTinyModel] });

  test('history, a run with the published F1, threshold, curves and charts, and a comparison of two runs', async ({ page, app }) => {
    test.slow();
    await loadTinyModel(page, app.url);
    await openBenchmark(page, app.url);
    await page.getByLabel('Benchmark config').selectOption('xstest.json');
    await expect(page.getByText(/"train" split of Paul\/XSTest/)).toBeVisible();
    await page.getByLabel('Drop the xstest file here').setInputFiles({ name: 'xstest-train.jsonl', mimeType: 'text/plain', buffer: Buffer.from(XSTEST_JSONL) });
    await expect(page.getByTestId('kept-count')).toHaveText(String(XSTEST_ROWS.length));
    await runXstest(page, 'Robust');
    await runXstest(page, 'Reference');

    await page.getByRole('link', { name: 'Runs', exact: true }).click();
    const history = page.getByRole('region', { name: 'Saved runs' });
    await expect(history.getByRole('row')).toHaveCount(3);
    await expect(history.getByRole('row', { name: /#2 .*xstest.*reference.*Done/ })).toBeVisible();
    await expect(history.getByRole('row', { name: /#1 .*xstest.*robust.*Done/ })).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/runs-history.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${ARTIFACTS}/runs-history-phone.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);

    await history.getByRole('link', { name: '#1' }).click();
    await expect(page).toHaveURL(/#\/runs\/1$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Run #1' })).toBeVisible();
    // Robust reading: 4 TP, 3 FN, 1 FP, 4 TN; two unparsed verdicts are left out.
    const metrics = page.getByRole('figure', { name: /^Metrics \(%\)/ });
    await expect(metrics).toHaveAttribute('aria-label', /Precision 80%, Recall 57\.1%, F1 66\.7%, Published F1 90\.2%, FPR 20%/);
    await expect(page.getByRole('img', { name: /True positives 4, False negatives 3, False positives 1, True negatives 4/ })).toBeVisible();
    await expect(page.getByText(/^Precision–recall — Average precision 0\.\d{3}$/)).toBeVisible();
    await expect(page.getByText(/^ROC — AUC 0\.\d{3}$/)).toBeVisible();
    await expect(page.getByText(/^Median \d+ ms, 95th percentile \d+ ms over 14 examples\.$/)).toBeVisible();
    await expect(page.getByRole('img', { name: /Category counts: S1 Violence: 5/ })).toBeVisible();

    await page.getByLabel(/Flag by the model's probability/).check();
    const slider = page.getByLabel('Threshold', { exact: true });
    await slider.focus();
    await page.keyboard.press('Home');
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('threshold-value')).toHaveText('0.10');
    // At 0.10 the weak-trigger rows (P ≈ 0.14) are flagged too: two unsafe ones become TPs, one safe one an FP.
    await expect(page.getByRole('figure', { name: /^Metrics at threshold 0\.10/ })).toBeVisible();
    await expect(page.getByRole('img', { name: /True positives 6, False negatives 1,/ })).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/run-detail.png`, fullPage: true });
    // The charts follow the system's dark setting (their colours come from the theme).
    const heatmapText = page.locator('svg.heatmap text').first();
    const lightFill = await heatmapText.getAttribute('fill');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(heatmapText).not.toHaveAttribute('fill', lightFill!);
    await page.screenshot({ path: `${ARTIFACTS}/run-detail-dark.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${ARTIFACTS}/run-detail-phone-dark.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('link', { name: '← All runs' }).click();
    await history.getByLabel('Select run 1 for comparison').check();
    await history.getByLabel('Select run 2 for comparison').check();
    await page.getByRole('link', { name: 'Compare 2 runs' }).click();
    await expect(page).toHaveURL(/#\/runs\/1%2C2$|#\/runs\/1,2$/);
    await expect(page.getByRole('heading', { level: 2, name: 'Compare runs #1, #2' })).toBeVisible();
    const panel = page.getByRole('region', { name: /#2 tiny-test · reference against #1/ });
    await expect(panel.getByText(/14 examples paired by example number/)).toBeVisible();
    await expect(panel.getByText(/2 left out of the statistics because a verdict is unparsed/)).toBeVisible();
    await expect(panel.getByRole('row', { name: /^F1 66\.7 66\.7 ±0\.0 ±0\.0 to ±0\.0$/ })).toBeVisible();
    await expect(panel.getByTestId('mcnemar-2')).toContainText('p = 1.000');
    // The zeppelin rows flip from unparsed (robust) to "safe" (the reference reads the word "I").
    await expect(panel.getByTestId('disagreements-2')).toHaveText('2');
    await panel.getByRole('button', { name: /Example 13: show both outputs/ }).click();
    await expect(panel.locator('.result-details pre').last()).toHaveText('I am not sure what to say.');
    await page.screenshot({ path: `${ARTIFACTS}/runs-compare.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${ARTIFACTS}/runs-compare-phone.png`, fullPage: true });
    await page.setViewportSize(DESKTOP);

    await page.getByRole('link', { name: '← All runs' }).click();
    page.once('dialog', (dialog) => void dialog.accept());
    await history.getByRole('button', { name: 'Delete run 2' }).click();
    await expect(history.getByRole('row')).toHaveCount(2);
  });
});
