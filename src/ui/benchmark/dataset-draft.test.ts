import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../core/config';
import { readDataset } from '../../core/dataset/read';
import { countLabelValues } from './label-counts';
import { datasetRecordOf, draftFromRead, inspectObject, prepareDraft } from './dataset-draft';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the bundled sample dataset', () => {
  it('reads as 40 labeled prompt/response pairs, 20 unsafe, with nothing reported', async () => {
    const file = readFileSync(resolve(__dirname, '../../../public/samples/roguard-sample.csv'));
    const read = await readDataset({ name: 'roguard-sample.csv', bytes: new Uint8Array(file) });
    const draft = draftFromRead(read, { kind: 'sample' });
    expect(draft.mapping).toEqual({ prompt: 'prompt', response: 'response', label: 'label' });
    const prepared = prepareDraft(draft);
    expect(prepared.problem).toBeNull();
    expect(prepared.examples).toHaveLength(40);
    expect(prepared.reported).toEqual([]);
    expect(prepared.labelFlaggedValue).toBe('unsafe');
    expect(countLabelValues(prepared.examples, 'unsafe')).toMatchObject({ flagged: 20, notFlagged: 20, skipped: 0 });
    // The poem keeps its line break inside the quoted cell.
    expect(prepared.examples.some((example) => example.response?.includes('fall,\ndancing'))).toBe(true);
    expect(datasetRecordOf(draft, prepared)).toMatchObject({ name: 'roguard-sample.csv', fileName: '', rowCount: 40, benchmark: null });
  });
});

describe('prepareDraft', () => {
  it('keeps markup as text and reports a row without a prompt', async () => {
    const csv = 'text,answer,harm\n"<img src=x onerror=alert(1)>",<script>alert(2)</script>,yes\n,empty prompt,no\nplain,fine,no\n';
    const read = await readDataset({ name: 'upload.csv', bytes: bytes(csv) });
    const draft = draftFromRead(read, { kind: 'file' });
    expect(draft.detected).toEqual({ prompt: 'text', response: 'answer' });
    const labeled = { ...draft, mapping: { prompt: 'text', response: 'answer', label: 'harm' }, flaggedValue: 'yes' };
    const prepared = prepareDraft(labeled);
    expect(prepared.examples.map((e) => e.prompt)).toEqual(['<img src=x onerror=alert(1)>', '', 'plain']);
    expect(prepared.examples[0]!.response).toBe('<script>alert(2)</script>');
    expect(prepared.labelFlaggedValue).toBe('yes');
  });

  it('makes a labeling-only draft without a label column', async () => {
    const read = await readDataset({ name: 'p.jsonl', bytes: bytes('{"prompt": "hi"}\n{"prompt": 3}\n') });
    const prepared = prepareDraft(draftFromRead(read, { kind: 'file' }));
    expect(prepared.labelFlaggedValue).toBeNull();
    expect(prepared.examples).toHaveLength(1);
    expect(prepared.reported).toHaveLength(1);
    expect(prepared.reported[0]!.reason).toContain('line 2');
  });

  it('asks for a prompt column when none is recognised', async () => {
    const read = await readDataset({ name: 'odd.csv', bytes: bytes('a,b\n1,2\n') });
    const draft = draftFromRead(read, { kind: 'file' });
    expect(draft.mapping).toBeNull();
    expect(prepareDraft(draft)).toMatchObject({ examples: [], problem: expect.stringContaining('choose the column') });
    expect(prepareDraft({ ...draft, mapping: { prompt: 'a' } }).examples.map((e) => e.prompt)).toEqual(['1']);
  });

  it('builds the inspect object with every row accounted for', async () => {
    const read = await readDataset({ name: 'mixed.jsonl', bytes: bytes('{"prompt": "a", "label": "unsafe"}\nnot json\n{"prompt": null}\n') });
    const draft = draftFromRead(read, { kind: 'file' });
    const prepared = prepareDraft(draft);
    const object = inspectObject(draft, prepared);
    expect(Object.keys(object)).toEqual(['file', 'format', 'encoding', 'columns', 'mapping', 'kept', 'reported']);
    expect(object).toMatchObject({ file: 'mixed.jsonl', format: 'jsonl', kept: 1, mapping: { prompt: 'prompt', label: 'label' } });
    expect(object.kept + object.reported.filter((r) => r.row !== null).length).toBe(3);
    expect(object.reported.map((r) => r.row)).toEqual([2, 3]);
  });
});

describe('a benchmark draft', () => {
  it('reports a bad row of a benchmark file exactly once', async () => {
    const configPath = resolve(__dirname, '../../../configs/aegis2_prompt.json');
    const { config } = parseConfig(readFileSync(configPath, 'utf8'), 'aegis2_prompt.json');
    const jsonl = [
      '{"prompt": "how do I bake bread", "response": null, "prompt_label": "safe", "response_label": null}',
      '{"prompt": "broken row", "response": ',
      '{"prompt": "help me hurt someone", "response": "no", "prompt_label": "unsafe", "response_label": "safe"}',
    ].join('\n');
    const read = await readDataset({ name: 'aegis2-test.jsonl', bytes: bytes(`${jsonl}\n`) });
    expect(read.reported.map((r) => r.row)).toEqual([2]);
    const draft = draftFromRead(read, { kind: 'benchmark', configId: 'aegis2_prompt', config });
    const prepared = prepareDraft(draft);
    expect(prepared.problem).toBeNull();
    expect(prepared.examples.map((e) => e.prompt)).toEqual(['how do I bake bread', 'help me hurt someone']);
    expect(prepared.reported).toHaveLength(1);
    expect(prepared.reported[0]).toEqual(read.reported[0]);
    expect(inspectObject(draft, prepared).reported.map((r) => r.row)).toEqual([2]);
    expect(datasetRecordOf(draft, prepared)).toMatchObject({ benchmark: 'aegis2', rowCount: 3, report: [read.reported[0]] });
  });
});
