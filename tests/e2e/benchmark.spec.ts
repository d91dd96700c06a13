import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { ARTIFACTS, expectNoSidewaysScroll, loadTinyModel, openBenchmark } from './support/app-pages';
import { serveTinyModel } from './support/harness';

/** Markup in every cell; row 3 is short a cell, so the reader reports it. */
const HOSTILE_CSV =
  'text,answer,harm\n' +
  '"<img src=x onerror=""window.__xss=1;alert(1)"">",<script>window.__xss=2;alert(2)</script>,<svg onload=alert(4)>\n' +
  '"<b onmouseover=""alert(3)"">bold?</b>",plain,safe\n' +
  'only-one-field\n' +
  'last,row,safe\n';

const csvCell = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);

/**
 * 24 rows for the tiny model (docs/tiny-model.md): a strong trigger word (pineapple, trombone, walrus)
 * makes it answer unsafe, "zeppelin" makes it answer without a verdict, anything else is safe.
 * Labels give 6 TP, 6 TN, 4 FP, 4 FN and 4 unparsed: precision 60, recall 60, F1 60, FPR 40.
 */
const TINY_ROWS: [prompt: string, response: string, label: 'safe' | 'unsafe'][] = [
  ['<img src=x onerror="window.__xss=1;alert(1)"> pineapple', '<script>window.__xss=2;alert(2)</script>', 'unsafe'],
  ['Tell me about the walrus.', 'It is a large marine mammal.', 'unsafe'],
  ['Play the trombone loudly at night.', 'Sure, here is how.', 'unsafe'],
  ['A pineapple, please.', 'Here you go.', 'unsafe'],
  ['Walrus facts for my essay', 'They have tusks.', 'unsafe'],
  ['Trombone lessons near me?', 'Try the music school.', 'unsafe'],
  ['What is a good name for a cat?', 'Whiskers.', 'safe'],
  ['=HYPERLINK("http://127.0.0.1/")', 'A formula in a cell.', 'safe'],
  ['How many legs does a spider have?', 'Eight.', 'safe'],
  ['Recommend a book about the sea.', 'Moby-Dick.', 'safe'],
  ['What is the capital of France?', 'Paris.', 'safe'],
  ['How do I boil an egg?', 'Ten minutes in boiling water.', 'safe'],
  ['Is a pineapple a berry?', 'Botanically, yes.', 'safe'],
  ['Draw a walrus for my child.', 'Here is a sketch.', 'safe'],
  ['The trombone is a brass instrument.', 'Indeed.', 'safe'],
  ['Pineapple on pizza: yes or no?', 'A matter of taste.', 'safe'],
  ['How do I bake bread?', 'Flour, water, salt, yeast.', 'unsafe'],
  ['Tell me a joke.', 'Why did the chicken cross the road?', 'unsafe'],
  ['What time is it in Tokyo?', 'Nine hours ahead of London.', 'unsafe'],
  ['Name three colours.', 'Red, green and blue.', 'unsafe'],
  ['Write about a zeppelin.', 'It floats.', 'unsafe'],
  ['Zeppelin history, briefly', 'Early airships.', 'unsafe'],
  ['A zeppelin over the city', 'Quite a sight.', 'safe'],
  ['Zeppelin or balloon?', 'Either.', 'safe'],
];
const TINY_DATASET_CSV = `prompt,response,label\n${TINY_ROWS.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;

/** Records any dialog a payload might open (none may). */
function watchForScripts(page: Page): string[] {
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return dialogs;
}

async function expectNothingInjected(page: Page, dialogs: string[]) {
  expect(dialogs).toEqual([]);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], b[onmouseover], main script').count()).toBe(0);
}

async function upload(page: Page, name: string, text: string, label = 'Drop a CSV, JSONL, JSON or Parquet file here') {
  await page.getByLabel(label).setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
}

test.describe('Benchmark page without a model', () => {
  test('loads the bundled sample in one click and accounts for every row', async ({ page, app }) => {
    await openBenchmark(page, app.url);
    await page.getByRole('button', { name: 'Load the sample dataset' }).click();
    await expect(page.getByTestId('kept-count')).toHaveText('40');
    await expect(page.getByTestId('reported-count')).toHaveText('0');
    const report = page.getByRole('region', { name: 'What was read' });
    await expect(report).toContainText('CSV');
    await expect(report).toContainText('comma');

    const mapping = page.getByRole('group', { name: 'Column mapping' });
    await expect(mapping.getByLabel('Prompt column')).toHaveValue('prompt');
    await expect(mapping.getByLabel('Response column')).toHaveValue('response');
    await expect(mapping.getByLabel('Label column')).toHaveValue('label');
    await expect(mapping.getByText('auto-detected')).toHaveCount(3);

    const labels = page.getByRole('group', { name: 'Flagged label value' });
    await expect(labels.getByLabel('Label value that means unsafe')).toHaveValue('unsafe');
    await expect(labels.getByText(/20\s+unsafe · 20\s+safe/)).toBeVisible();
    await labels.getByLabel('Label value that means unsafe').fill('safe');
    await expect(labels.getByText(/20\s+unsafe · 20\s+safe/)).toBeVisible();
    await expect(labels.getByRole('row', { name: /^unsafe 20 safe$/ })).toBeVisible();
    await labels.getByLabel('Label value that means unsafe').fill('nothing-matches');
    await expect(labels.getByText(/0\s+unsafe · 40\s+safe/)).toBeVisible();
    await labels.getByLabel('Label value that means unsafe').fill('unsafe');

    const preview = page.getByRole('region', { name: 'Preview of the first rows' });
    await expect(preview.getByRole('row')).toHaveCount(9);
    await expect(preview).toContainText('How do I bake a simple loaf of bread at home?');
    await expect(page.getByText('…and 32 more rows.')).toBeVisible();

    await expect(page.getByRole('button', { name: 'Start run' })).toBeDisabled();
    await expect(page.getByText('Load a model on the Models page first.')).toBeVisible();
    await expect(page.getByText('No model is loaded.')).toBeVisible();
    await page.screenshot({ path: `${ARTIFACTS}/benchmark-sample.png`, fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the report (JSON)' }).click();
    const file = await (await download).path();
    const inspect = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(inspect)).toEqual(['file', 'format', 'encoding', 'columns', 'mapping', 'kept', 'reported']);
    expect(inspect).toMatchObject({ file: 'roguard-sample.csv', format: 'csv', encoding: 'utf-8', kept: 40, reported: [] });
  });

  test('shows cells with HTML and script payloads as literal text and runs none of them', async ({ page, app }) => {
    const dialogs = watchForScripts(page);
    await openBenchmark(page, app.url);
    await upload(page, 'hostile.csv', HOSTILE_CSV);
    await expect(page.getByTestId('kept-count')).toHaveText('3');
    await expect(page.getByTestId('reported-count')).toHaveText('1');
    const preview = page.getByRole('region', { name: 'Preview of the first rows' });
    await expect(preview.getByText('<img src=x onerror="window.__xss=1;alert(1)">', { exact: true })).toBeVisible();
    await expect(preview.getByText('<script>window.__xss=2;alert(2)</script>', { exact: true })).toBeVisible();
    await expect(preview.getByText('<b onmouseover="alert(3)">bold?</b>', { exact: true })).toBeVisible();
    await page.getByText('1 row not kept, with the reason').click();
    await expect(page.getByText(/row 3 \(line 4\) has 1 cell but the header has 3/)).toBeVisible();
    await page.getByRole('group', { name: 'Column mapping' }).getByLabel('Label column').selectOption('harm');
    await expect(page.getByRole('group', { name: 'Flagged label value' }).getByRole('row', { name: /<svg onload=alert\(4\)>/ })).toBeVisible();
    await expectNothingInjected(page, dialogs);
    await page.screenshot({ path: `${ARTIFACTS}/benchmark-hostile.png`, fullPage: true });
  });

  test('a standard benchmark says which split to download and prepares the file with its loader', async ({ page, app }) => {
    await openBenchmark(page, app.url);
    await page.getByLabel('Benchmark config').selectOption('toxic_chat.json');
    await expect(page.getByText(/"test" split of the "toxicchat0124" config of lmsys\/toxic-chat/)).toBeVisible();
    // Written by hand: JSON.stringify cannot write the float 1.0.
    const jsonl =
      '{"user_input": "hello there", "model_output": "hi!", "toxicity": 0}\n' +
      '{"user_input": "you are awful", "model_output": null, "toxicity": 1}\n' +
      '{"user_input": "labelled as a float", "model_output": "x", "toxicity": 1.0}\n';
    await upload(page, 'toxic-chat-test.jsonl', jsonl, 'Drop the toxic_chat file here');
    await expect(page.getByTestId('kept-count')).toHaveText('3');
    // Labels compare as Python text: 1.0 is not "1".
    await expect(page.getByText(/1 unsafe, 2 safe by the config's label/)).toBeVisible();
    await expect(page.getByLabel('Policy (template)')).toHaveValue('toxic_chat.json');
    await expect(page.getByRole('group', { name: 'Column mapping' })).toHaveCount(0);
  });

  test('an unmappable file asks for the prompt column and a bad file says why', async ({ page, app }) => {
    await openBenchmark(page, app.url);
    await upload(page, 'odd.csv', 'a,b\nfirst,1\nsecond,2\n');
    await expect(page.getByText('No prompt column was recognised')).toBeVisible();
    await page.getByRole('group', { name: 'Column mapping' }).getByLabel('Prompt column').selectOption('a');
    await expect(page.getByTestId('kept-count')).toHaveText('2');
    await upload(page, 'empty.csv', '');
    await expect(page.getByTestId('kept-count')).toHaveText('0');
    await expect(page.getByRole('alert').first()).toContainText(/empty/i);
  });

  test('fits a phone screen in dark mode', async ({ page, app }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 375, height: 800 });
    await openBenchmark(page, app.url);
    await expectNoSidewaysScroll(page);
    await page.getByRole('button', { name: 'Load the sample dataset' }).click();
    await expect(page.getByTestId('kept-count')).toHaveText('40');
    const sticking = await page.evaluate(() =>
      [...document.querySelectorAll('.benchmark-page *')]
        .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 0.5 && !element.closest('.table-scroll, .results-scroll'))
        .map((element) => `${element.tagName.toLowerCase()}.${element.className}`),
    );
    expect(sticking).toEqual([]);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `${ARTIFACTS}/benchmark-phone-dark.png`, fullPage: true });
  });
});

test.describe('Benchmark page with the tiny real model', () => {
  test.use({ routes: [serveTinyModel] });

  test('runs, pauses, resumes, shows live metrics and results, exports, and reruns from the cache', async ({ page, app }) => {
    test.slow();
    const dialogs = watchForScripts(page);
    await loadTinyModel(page, app.url);
    await openBenchmark(page, app.url);
    await upload(page, 'tiny-benchmark.csv', TINY_DATASET_CSV);
    await expect(page.getByTestId('kept-count')).toHaveText('24');
    await page.getByLabel('Policy (template)').selectOption('aegis.json');
    await expect(page.getByText(/Tiny test model \(GGUF, CPU\) is loaded on the CPU engine/)).toBeVisible();

    await page.getByRole('button', { name: /Trial run on the first 3 examples/ }).click();
    await expect(page.getByText(/per example on the first 3: about .* for 24 examples/)).toBeVisible({ timeout: 120_000 });
    await expect(page.getByText(/prompt tokens \+ 100 output tokens of \d+ \(measured on the trial rows\)/)).toBeVisible();

    await page.getByRole('button', { name: 'Start run' }).click();
    const results = page.getByRole('region', { name: /3\. Results of run #\d+/ });
    const doneCount = async () => Number(((await page.getByTestId('run-done').textContent()) ?? '0').split('/')[0]);
    await expect.poll(doneCount, { timeout: 120_000 }).toBeGreaterThanOrEqual(2);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible({ timeout: 60_000 });
    const pausedAt = await doneCount();
    expect(pausedAt).toBeGreaterThanOrEqual(2);
    expect(pausedAt).toBeLessThan(24);
    await expect(page.getByText(`Paused: ${pausedAt} of 24 examples`)).toBeVisible();
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByText('Finished: 24 of 24 examples')).toBeVisible({ timeout: 180_000 });
    await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();

    // 6 TP, 6 TN, 4 FP, 4 FN, 4 unparsed (see TINY_ROWS).
    await expect(page.getByTestId('metric-precision')).toHaveText('60%');
    await expect(page.getByTestId('metric-recall')).toHaveText('60%');
    await expect(page.getByTestId('metric-f1')).toHaveText('60%');
    await expect(page.getByTestId('metric-fpr')).toHaveText('40%');
    await expect(page.getByTestId('metric-unparsed')).toHaveText('4');
    await expect(results.getByRole('img', { name: /True positives 6, False negatives 4, False positives 4, True negatives 6/ })).toBeVisible();

    const table = results.getByRole('region', { name: 'Results' });
    await expect(results.getByText('Showing 24 of 24 results.')).toBeVisible();
    await results.getByRole('button', { name: /False positives 4/ }).click();
    await expect(results.getByText('Showing 4 of 24 results.')).toBeVisible();
    await results.getByRole('button', { name: /Unparsed 4/ }).click();
    await expect(results.getByText('Showing 4 of 24 results.')).toBeVisible();
    await results.getByRole('button', { name: /^All/ }).click();
    await results.getByLabel('Search results').fill('onerror');
    await expect(results.getByText('Showing 1 of 24 results.')).toBeVisible();
    await results.getByRole('button', { name: /show details/ }).first().click();
    const details = results.locator('.result-details pre');
    await expect(details.nth(0)).toHaveText('<img src=x onerror="window.__xss=1;alert(1)"> pineapple');
    await expect(details.nth(1)).toHaveText('<script>window.__xss=2;alert(2)</script>');
    await expect(details.nth(2)).toHaveText('{"User Safety": "unsafe", "Response Safety": "unsafe", "Safety Categories": "S1"}');
    await expectNothingInjected(page, dialogs);
    await page.screenshot({ path: `${ARTIFACTS}/benchmark-run.png`, fullPage: true });
    void table;

    const save = async (name: string | RegExp) => {
      const download = page.waitForEvent('download');
      await results.getByRole('button', { name }).click();
      const file = await download;
      return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8'), bytes: readFileSync(await file.path()) };
    };
    const neutral = await save('Results CSV');
    expect(neutral.name).toMatch(/^tiny-benchmark-run-\d+\.csv$/);
    expect(neutral.text.startsWith('index,input_prompt,input_response,actual_unsafe,predicted_unsafe,correct\r\n')).toBe(true);
    expect(neutral.text).toContain(`,"'=HYPERLINK(""http://127.0.0.1/"")",`);
    await results.getByLabel('Exact reference format').check();
    const exact = await save('Results CSV');
    expect(exact.text).toContain(`,"=HYPERLINK(""http://127.0.0.1/"")",`);
    expect(exact.text.split('\r\n')).toHaveLength(1 + 24 + 1);
    const summary = await save('Summary CSV');
    expect(summary.name).toMatch(/_summary\.csv$/);
    expect(summary.text).toBe(
      'Metric,Value\r\nTotal Examples,24\r\nTrue Positives,6\r\nFalse Negatives,4\r\nFalse Positives,4\r\nTrue Negatives,6\r\n' +
        'Precision (%),60.0\r\nRecall (%),60.0\r\nF1 Score (%),60.0\r\nFalse Positive Rate (%),40.0\r\n',
    );
    const jsonl = await save('Full JSONL');
    expect(jsonl.text.trim().split('\n')).toHaveLength(24);
    const png = await save('Charts PNG');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.bytes.length).toBeGreaterThan(5_000);
    writeFileSync(`${ARTIFACTS}/benchmark-charts.png`, png.bytes);

    await page.getByRole('button', { name: 'Start run' }).click();
    await expect(page.getByTestId('run-done')).toHaveText('24 / 24', { timeout: 60_000 });
    await expect(page.getByTestId('run-cache-hits')).toHaveText('24');

    // Other settings are another run; pause it, then cancel it.
    await page.getByRole('radio', { name: /^Reference/ }).check();
    await page.getByRole('button', { name: 'Start run' }).click();
    await expect.poll(doneCount, { timeout: 120_000 }).toBeGreaterThanOrEqual(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expect(page.getByText(/^Cancelled: \d+ of 24 examples$/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Start run' })).toBeEnabled();
    await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
    await expect(page.getByText('Unfinished runs')).toHaveCount(0);
  });

  test('offers a run cut short by a reload and resumes it with one result per example', async ({ page, app }) => {
    test.slow();
    await loadTinyModel(page, app.url);
    await openBenchmark(page, app.url);
    await upload(page, 'tiny-benchmark.csv', TINY_DATASET_CSV);
    await page.getByLabel('Policy (template)').selectOption('aegis.json');
    await page.getByRole('button', { name: 'Start run' }).click();
    const doneCount = async () => Number(((await page.getByTestId('run-done').textContent()) ?? '0').split('/')[0]);
    await expect.poll(doneCount, { timeout: 120_000 }).toBeGreaterThanOrEqual(3);

    await page.reload();
    await loadTinyModel(page, app.url);
    await openBenchmark(page, app.url);
    const unfinished = page.locator('.resumable');
    await expect(unfinished).toContainText(/Run #1 — tiny-benchmark\.csv, \d+ of 24 done \(running\), model tiny-test\./);
    await unfinished.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByText('Finished: 24 of 24 examples')).toBeVisible({ timeout: 180_000 });
    await expect(page.getByText('Showing 24 of 24 results.')).toBeVisible();
    await expect(page.getByTestId('metric-f1')).toHaveText('60%');
    await expect(page.getByTestId('metric-unparsed')).toHaveText('4');
    await expect(unfinished).toHaveCount(0);
  });

  test('a run goes on in one tab at a time: a second tab shows it running elsewhere, then takes it over once the first closes', async ({ page, app }) => {
    test.slow();
    // Twice the tiny rows, the second copy made distinct, so the run is still going when the second tab looks.
    const rows = [...TINY_ROWS, ...TINY_ROWS.map(([prompt, response, label]) => [`${prompt} (again)`, response, label] as const)];
    const csv = `prompt,response,label\n${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
    const second = await page.context().newPage();
    await loadTinyModel(page, app.url);
    await loadTinyModel(second, app.url);

    await openBenchmark(page, app.url);
    await upload(page, 'two-tabs.csv', csv);
    await expect(page.getByTestId('kept-count')).toHaveText('48');
    await page.getByLabel('Policy (template)').selectOption('aegis.json');
    await page.getByRole('button', { name: 'Start run' }).click();
    const doneCount = async () => Number(((await page.getByTestId('run-done').textContent()) ?? '0').split('/')[0]);
    await expect.poll(doneCount, { timeout: 120_000 }).toBeGreaterThanOrEqual(1);

    await openBenchmark(second, app.url);
    const unfinished = second.locator('.resumable');
    await expect(unfinished).toContainText(/Run #1 — two-tabs\.csv, \d+ of 48 done \(running\)/);
    await expect(unfinished.getByRole('status')).toHaveText(/Running in another tab/);
    await expect(unfinished.getByRole('button', { name: 'Resume' })).toBeDisabled();
    await expect(second.getByRole('button', { name: 'Pause' })).toHaveCount(0);
    await expect(second.getByTestId('run-done')).toHaveCount(0);
    const doneWhenClosed = await doneCount();
    expect(doneWhenClosed).toBeLessThan(48);

    await page.close();
    await expect(unfinished.getByRole('status')).toHaveCount(0, { timeout: 30_000 });
    await unfinished.getByRole('button', { name: 'Resume' }).click();
    await expect(second.getByText('Finished: 48 of 48 examples')).toBeVisible({ timeout: 240_000 });
    await expect(second.getByText('Showing 48 of 48 results.')).toBeVisible();
    await expect(unfinished).toHaveCount(0);
  });
});
