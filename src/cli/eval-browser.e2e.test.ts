// End to end: `roguard eval --engine browser` builds and serves the app, drives headless Chromium, and the
// guard worker runs the tiny model (docs/tiny-model.md) on every example. The output files are checked byte
// for byte against text worked out from the model's documented answers, as eval.e2e.test.ts does for a server.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoguardHarness } from '../../harness/main';
import { makeTinyModel } from '../../scripts/make-tiny-model';
import type { HarnessGuard } from './browser-page';
import { RESULTS_HEADER, runCli, summaryCsv } from '../../tests/support/cli-eval';
import { refusedPort } from '../../tests/support/http';

// The CLI's view of the harness page's `window.roguard` must stay what harness/main.ts gives (checked by tsc).
void ((harness: RoguardHarness): HarnessGuard => harness);

const ROOT = resolve(__dirname, '../..');
const CONFIG = join(ROOT, 'configs/aegis2_response.json');
const PROMPTS = join(ROOT, 'prompts');
/** Building the app (when stale), starting Chromium and loading the model take a few seconds each on 2 cores. */
const SLOW = 240_000;

let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'roguard-eval-browser-'));
  writeFileSync(join(work, 'tiny.gguf'), makeTinyModel());
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * aegis2 rows; "Response Safety" is the verdict. The tiny model flags a strong trigger anywhere in the
 * conversation (walrus, trombone, pineapple), answers without a verdict for "zeppelin" and with
 * " la la la" up to the token cap for "yodel", and passes the rest.
 */
const ROWS = [
  { prompt: 'How do I bake bread?', response: 'Mix flour, water and yeast.', prompt_label: 'safe', response_label: 'safe' },
  { prompt: 'Tell me, "please", about the walrus', response: 'Step 1: find one.\nStep 2: watch it.', prompt_label: 'unsafe', response_label: 'unsafe' },
  { prompt: 'Where can I buy a trombone?', response: 'Try these sellers:\r\n1. ...', prompt_label: 'unsafe', response_label: 'unsafe' },
  { prompt: 'Write a poem about spring', response: 'Roses bloom, rain falls.', prompt_label: 'safe', response_label: 'unsafe' },
  { prompt: 'Say something nice', response: 'Here is a pineapple for you.', prompt_label: 'safe', response_label: 'safe' },
  { prompt: 'Is this rated?', response: 'It is.', prompt_label: 'safe', response_label: null },
  { prompt: 'Where does the zeppelin land?', response: 'Okay.', prompt_label: 'safe', response_label: 'safe' },
  { prompt: 'What is the weather like?', response: null, prompt_label: 'safe', response_label: 'safe' },
];

const COMMON_ROWS =
  '1,How do I bake bread?,"Mix flour, water and yeast.",False,False,True\r\n' +
  '2,"Tell me, ""please"", about the walrus",Step 1: find one. Step 2: watch it.,True,True,True\r\n' +
  '3,Where can I buy a trombone?,Try these sellers: 1. ...,True,True,True\r\n' +
  '4,Write a poem about spring,"Roses bloom, rain falls.",True,False,False\r\n' +
  '5,Say something nice,Here is a pineapple for you.,False,True,False\r\n';

function env(): Record<string, string | undefined> {
  const { ROGUARD_DIST, CHROMIUM_PATH, ROGUARD_CHROMIUM_ARGS } = process.env;
  return { ROGUARD_DIST, CHROMIUM_PATH, ROGUARD_CHROMIUM_ARGS };
}

const run = (args: string[], signal?: AbortSignal) => runCli(args, { cwd: work, env: env(), signal });

const read = (path: string) => readFileSync(join(work, path), 'utf8');

function browserArgs(dataset: string, rows: object[], ...extra: string[]): string[] {
  writeFileSync(join(work, dataset), rows.map((row) => JSON.stringify(row)).join('\n'));
  return ['eval', '--config', CONFIG, '--prompts-dir', PROMPTS, '--dataset', dataset, '--engine', 'browser', '--model', 'tiny-test', '--model-url', 'tiny.gguf', ...extra];
}

describe('roguard eval --engine browser on the tiny model', () => {
  it('writes the results and summary CSVs byte for byte, and the JSONL export (robust, greedy)', { timeout: SLOW }, async () => {
    const { code, stdout, stderr } = await run(browserArgs('aegis2-test.jsonl', ROWS, '--out', 'outputs/browser'));
    expect(stderr).not.toMatch(/roguard eval:/);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Chromium [\d.]+, .*: tiny-test loaded on the wllama engine\.$/m);
    expect(read('outputs/browser.csv')).toBe(`${RESULTS_HEADER}${COMMON_ROWS}7,Where does the zeppelin land?,Okay.,False,,\r\n8,What is the weather like?,,False,False,True\r\n`);
    expect(read('outputs/browser_summary.csv')).toBe(summaryCsv([8, 2, 1, 1, 2, '66.667', '66.667', '66.667', '33.333']));
    expect(stdout).toBe(
      'Results: outputs/browser.csv\nSummary: outputs/browser_summary.csv\nExport:  outputs/browser.jsonl\n' +
        'TP 2  FN 1  FP 1  TN 2  ·  precision 66.667%  recall 66.667%  F1 66.667%  FPR 33.333%\n' +
        '8 examples: 1 unparsed, 1 skipped (no label), 0 failed\n',
    );
    const jsonl = read('outputs/browser.jsonl').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(jsonl.map((line) => [line.index, line.label, line.verdict.status])).toEqual([
      [1, 'safe', 'safe'],
      [2, 'unsafe', 'flagged'],
      [3, 'unsafe', 'flagged'],
      [4, 'unsafe', 'safe'],
      [5, 'safe', 'flagged'],
      [6, null, 'safe'],
      [7, 'safe', 'unparsed'],
      [8, 'safe', 'safe'],
    ]);
    expect(jsonl[1]).toMatchObject({ prompt: 'Tell me, "please", about the walrus', verdict: { value: 'unsafe', categories: ['S1'] }, error: null });
    expect(jsonl[6]).toMatchObject({ raw: 'I am not sure what to say.', score: null, finishReason: 'stop' });
    for (const line of [jsonl[0], jsonl[1], jsonl[4]]) expect(line.score).toEqual(expect.any(Number));
    expect(jsonl[1].score).toBeGreaterThan(0.5);
    expect(jsonl[0].score).toBeLessThan(0.5);
    expect(jsonl.every((line) => line.usage.promptTokens > 500)).toBe(true);
  });

  it('reproduces the reference with --reference: sampling at 0.2 with a seed, "None" for a null response, reference extraction', { timeout: SLOW }, async () => {
    const { code, stderr } = await run(browserArgs('aegis2-ref.jsonl', ROWS, '--reference', '--seed', '7', '--out', 'ref/run'));
    expect(stderr).not.toMatch(/roguard eval:/);
    expect(code).toBe(0);
    // Reference extraction reads the leading word of the unparsable answer ("I"): not flagged, so row 7 counts.
    expect(read('ref/run.csv')).toBe(`${RESULTS_HEADER}${COMMON_ROWS}7,Where does the zeppelin land?,Okay.,False,False,True\r\n8,What is the weather like?,,False,False,True\r\n`);
    expect(read('ref/run_summary.csv')).toBe(summaryCsv([8, 2, 1, 1, 3, '66.667', '66.667', '66.667', '25.0']));
    const jsonl = read('ref/run.jsonl').trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(jsonl[6].verdict.value).toBe('I');
  });

  it('keeps the rows already written when interrupted mid-run, and writes no summary', { timeout: SLOW }, async () => {
    // Examples that make the model sing to the token cap keep the run going long enough to interrupt it.
    const long = Array.from({ length: 12 }, (_, i) => ({ prompt: `Please yodel verse ${i + 1}.`, response: 'La.', prompt_label: 'safe', response_label: 'safe' }));
    const controller = new AbortController();
    const watch = setInterval(() => {
      const rows = existsSync(join(work, 'cut.csv')) ? read('cut.csv').split('\r\n').length - 2 : 0;
      if (rows >= 3) controller.abort();
    }, 20);
    try {
      const { code, stderr } = await run(browserArgs('aegis2-long.jsonl', [...ROWS.slice(0, 3), ...long], '--out', 'cut.csv'), controller.signal);
      expect(code).toBe(130);
      const lines = read('cut.csv').split('\r\n').slice(1, -1);
      expect(lines.length).toBeGreaterThanOrEqual(3);
      expect(lines.length).toBeLessThan(15);
      expect(lines.slice(0, 3).map((row) => `${row}\r\n`).join('')).toBe(COMMON_ROWS.split('\r\n').slice(0, 3).map((row) => `${row}\r\n`).join(''));
      for (const [i, row] of lines.slice(3).entries()) expect(row).toBe(`${i + 4},Please yodel verse ${i + 1}.,La.,False,,`);
      expect(read('cut.jsonl').trimEnd().split('\n')).toHaveLength(lines.length);
      expect(existsSync(join(work, 'cut_summary.csv'))).toBe(false);
      expect(stderr).toContain(`roguard eval: interrupted after ${lines.length} of 15 examples; their rows are in cut.csv (no summary written).`);
    } finally {
      clearInterval(watch);
    }
  });

  it('stops with the reason when the model cannot be downloaded, and closes the browser', { timeout: SLOW }, async () => {
    const port = await refusedPort();
    const args = browserArgs('aegis2-x.jsonl', ROWS.slice(0, 2), '--out', 'gone.csv').map((arg) => (arg === 'tiny.gguf' ? `http://127.0.0.1:${port}/tiny.gguf` : arg));
    const { code, stderr } = await run(args);
    expect(code).toBe(1);
    expect(stderr).toMatch(new RegExp(`^roguard eval: .*127\\.0\\.0\\.1:${port}/tiny\\.gguf`, 'm'));
    expect(existsSync(join(work, 'gone.csv'))).toBe(false);
  });

  it('names a local model file that is missing or not GGUF before starting anything', async () => {
    const missing = await run(browserArgs('aegis2-y.jsonl', ROWS.slice(0, 1)).map((arg) => (arg === 'tiny.gguf' ? 'nope.gguf' : arg)));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('roguard eval: Model file nope.gguf (from --model-url) was not found; give a .gguf file or an http(s) URL.\n');
    const notGguf = await run(browserArgs('aegis2-y.jsonl', ROWS.slice(0, 1)).map((arg) => (arg === 'tiny.gguf' ? 'aegis2-y.jsonl' : arg)));
    expect(notGguf.code).toBe(1);
    expect(notGguf.stderr).toMatch(/^roguard eval: Model file aegis2-y\.jsonl \(from --model-url\) is not a \.gguf file/);
  });
});
