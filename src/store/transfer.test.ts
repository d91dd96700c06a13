import { describe, expect, it } from 'vitest';
import { GuardApiDouble, UNSAFE_TRIGGER } from '../../tests/doubles/guard-api-double';
import { datasetOf, scriptedRunSettings } from '../../tests/support/records';
import { useTestDbs } from '../../tests/support/store';
import type { Example } from '../core/example';
import { GuardError } from '../core/errors';
import { RunController } from '../ui/run/controller';
import { addDataset } from './datasets';
import type { GuardDb } from './db';
import { resultsOf } from './results';
import { exportRun, importRunJsonl, RUN_HEADER_KEY } from './transfer';

const openDb = useTestDbs('transfer');

// Labels of every kind a dataset may hold; the flagged label value is "1", so only the Python int 1
// (bigint) and the text "1" count as unsafe: 1.0 is a float whose text is "1.0", true is "True".
const examples: Example[] = [
  { index: 1, prompt: `please ${UNSAFE_TRIGGER} now`, response: 'line one\nline "two", with comma', label: 1n },
  { index: 2, prompt: '=SUM(A1:A2)', response: null, label: 1.0 },
  { index: 3, prompt: 'héllo ünicode 🙂', response: '+1 call me', label: '1' },
  { index: 4, prompt: `${UNSAFE_TRIGGER} again`, response: '@mention\r\nCRLF', label: true },
  { index: 5, prompt: 'no label here', response: 'ok', label: null },
  { index: 6, prompt: 'hello', response: 'fine', label: 0n },
  { index: 7, prompt: 'hello', response: 'fine', label: 0n },
];

async function finishedRun(db: GuardDb) {
  const dataset = await addDataset(
    db,
    datasetOf(examples, { name: 'mixed labels', fileName: 'mixed.jsonl', report: [{ row: 9, reason: 'row 9: "prompt" is empty' }] }),
  );
  const run = await new RunController(new GuardApiDouble(), db).start(dataset, scriptedRunSettings({
    name: 'mixed labels',
    extraction: 'reference',
    settings: { maxTokens: 100, temperature: 0.2, topP: 1, seed: 3 },
    labelFlaggedValue: '1',
  }));
  return { dataset, run };
}

const fileNamed = (files: { name: string; text: string }[], suffix: string) => files.find((f) => f.name.endsWith(suffix))!;

describe('export', () => {
  it('writes the JSONL with a run header and the reference CSV pair', async () => {
    const db = openDb();
    const { run } = await finishedRun(db);
    const files = await exportRun(db, run.id);
    expect(files.map((f) => f.name)).toEqual([`mixed_labels-run${run.id}.jsonl`, `mixed_labels-run${run.id}.csv`, `mixed_labels-run${run.id}_summary.csv`]);

    const lines = fileNamed(files, '.jsonl').text.split('\n');
    expect(JSON.parse(lines[0]!)).toMatchObject({ [RUN_HEADER_KEY]: 1, run: { status: 'done', config: { labelFlaggedValue: '1' } }, dataset: { name: 'mixed labels' } });
    expect(lines[1]).toContain('"label":1,');
    expect(lines[2]).toContain('"label":1.0,');
    expect(lines).toHaveLength(1 + examples.length + 1); // header, 7 results, final newline

    const csv = fileNamed(files, `run${run.id}.csv`).text;
    expect(csv.split('\r\n')[0]).toBe('index,input_prompt,input_response,actual_unsafe,predicted_unsafe,correct');
    // newlines in cells become spaces, \r is dropped, quotes doubled; example 5 (no label) is skipped
    expect(csv).toContain('1,please attack now,"line one line ""two"", with comma",True,True,True\r\n');
    expect(csv).toContain('2,=SUM(A1:A2),,False,False,True\r\n');
    expect(csv).not.toContain('\r\n5,');
    const summary = fileNamed(files, '_summary.csv').text;
    expect(summary).toContain('Total Examples,7\r\n');
    // tp: #1 (1 → "1"), #3 ("1") is said safe → fn; #4 (True) is said unsafe → fp; #2, #6, #7 tn
    expect(summary).toContain('True Positives,1\r\nFalse Negatives,1\r\nFalse Positives,1\r\nTrue Negatives,3\r\n');
  });

  it('neutralises formula cells only when asked', async () => {
    const db = openDb();
    const { run } = await finishedRun(db);
    const exact = fileNamed(await exportRun(db, run.id), `run${run.id}.csv`).text;
    const safe = fileNamed(await exportRun(db, run.id, { neutraliseFormulas: true }), `run${run.id}.csv`).text;
    expect(exact).toContain(',=SUM(A1:A2),');
    expect(safe).toContain(",'=SUM(A1:A2),");
    expect(safe).toContain(",'+1 call me,");
  });

  it('names the missing run', async () => {
    await expect(exportRun(openDb(), 42)).rejects.toThrow(/Run 42 does not exist/);
  });
});

describe('import', () => {
  it('round-trips a run: examples with their exact label types, results, metrics, and the same files again', async () => {
    const source = openDb();
    const { run, dataset } = await finishedRun(source);
    const files = await exportRun(source, run.id);
    const target = openDb();
    const imported = await importRunJsonl(target, fileNamed(files, '.jsonl').text, 'mixed.jsonl');

    expect(imported.reported).toEqual([]);
    expect(imported.dataset.examples).toEqual(dataset.examples);
    expect(typeof imported.dataset.examples[0]!.label).toBe('bigint');
    expect(typeof imported.dataset.examples[1]!.label).toBe('number');
    expect(imported.dataset.report).toEqual(dataset.report);
    expect(imported.run).toMatchObject({ status: 'done', done: 7, total: 7, duplicates: 1, config: run.config, model: run.model });
    expect(imported.run.metrics).toEqual(run.metrics);

    const strip = (r: { runId: number; cacheKey: string }) => ({ ...r, runId: 0, cacheKey: '' });
    expect((await resultsOf(target, imported.run.id)).map(strip)).toEqual((await resultsOf(source, run.id)).map(strip));

    const again = await exportRun(target, imported.run.id);
    const body = (text: string) => text.split('\n').slice(1).join('\n');
    expect(body(fileNamed(again, '.jsonl').text)).toBe(body(fileNamed(files, '.jsonl').text));
    expect(fileNamed(again, '_summary.csv').text).toBe(fileNamed(files, '_summary.csv').text);
    expect(again[1]!.text).toBe(files[1]!.text);
  });

  it('keeps the good lines of a damaged file and reports each bad one with its line', async () => {
    const source = openDb();
    const { run } = await finishedRun(source);
    const lines = fileNamed(await exportRun(source, run.id), '.jsonl').text.trimEnd().split('\n');
    lines[2] = '{"index": 2, "prompt": ';
    lines[3] = lines[3]!.replace(/"prompt":"[^"]*"/, '"prompt":7');
    lines.push(lines[5]!);
    const imported = await importRunJsonl(openDb(), lines.join('\r\n'), 'damaged.jsonl');
    expect(imported.reported.map((r) => r.row)).toEqual([3, 4, 9]);
    expect(imported.reported[0]!.reason).toMatch(/^line 3 of damaged\.jsonl is not JSON/);
    expect(imported.reported[1]!.reason).toBe('line 4 of damaged.jsonl: "prompt" must be text');
    expect(imported.reported[2]!.reason).toMatch(/repeats example index 5/);
    expect(imported.dataset.examples.map((e) => e.index)).toEqual([1, 4, 5, 6, 7]);
    expect(imported.run.done).toBe(5);
  });

  it('imports a JSONL without a header (e.g. from the CLI) as a finished labeling-only run', async () => {
    const text = '{"index":1,"prompt":"hi","response":null,"label":null,"raw":"{\\"User Safety\\": \\"safe\\"}","verdict":{"value":"safe","status":"safe","categories":[],"fields":{}},"score":null,"latencyMs":12,"usage":{"promptTokens":5,"completionTokens":7},"finishReason":"stop","fromCache":false,"error":null}\n';
    const imported = await importRunJsonl(openDb(), text, 'cli-output.jsonl');
    expect(imported.run).toMatchObject({ status: 'done', done: 1, total: 1, metrics: null, config: { name: 'cli-output', labelFlaggedValue: null } });
    expect(imported.dataset.examples).toEqual([{ index: 1, prompt: 'hi', response: null, label: null }]);
  });

  it('refuses a file with no result in it, saying why', async () => {
    const failure = await importRunJsonl(openDb(), 'not json\n', 'empty.jsonl').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(GuardError);
    expect((failure as GuardError).code).toBe('BAD_INPUT');
    expect((failure as GuardError).message).toMatch(/empty\.jsonl holds no result line to import \(line 1 of empty\.jsonl is not JSON/);
  });
});
