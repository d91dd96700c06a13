import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parse } from 'lossless-json';
import { afterAll, describe, expect, it } from 'vitest';
import { runInspect } from './inspect';

const fixture = (name: string): string => relative(process.cwd(), resolve(__dirname, '../../tests/fixtures/datasets', name));

async function inspect(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runInspect(args, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
  return { code, out, err };
}

const scratch = mkdtempSync(join(tmpdir(), 'roguard-inspect-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('roguard inspect (human output)', () => {
  it('shows format, encoding, columns, mapping, the kept count and every reported line with its reason', async () => {
    const file = fixture('bad-lines.jsonl');
    const { code, out, err } = await inspect(file);
    expect(code).toBe(0);
    expect(err).toBe('');
    expect(out).toBe(
      [
        file,
        '  format     jsonl',
        '  encoding   utf-8',
        '  columns    "prompt", "response"',
        '  mapping    prompt ← "prompt", response ← "response", label ← (none)',
        '  kept       3 of 11 rows become examples',
        '  reported   8',
        '    line 2 is blank',
        '    line 3 is not valid JSON (column 21: expected \',\' or \'}\' after an object member, found "\\"")',
        '    line 4 holds a list of 3, not an object of column → value',
        '    line 5: the prompt column "prompt" holds nothing (the key is missing), not text',
        '    line 6: the prompt column "prompt" holds null, not text',
        '    line 7: the prompt column "prompt" holds an integer (42), not text',
        '    line 8: the response column "response" holds an integer (7), not text',
        '    line 9 is blank',
        '',
      ].join('\n'),
    );
  });

  it('shows the delimiter and why, the format override and why, and the examples with Python-typed labels', async () => {
    const { code, out } = await inspect(fixture('semicolon.csv'), '--examples');
    expect(code).toBe(0);
    expect(out).toContain('  delimiter  ";" (";" splits the header and each of the first 2 rows into 3 cells)\n');
    expect(out).toContain('    #1  prompt="hello, world"  response="hi"  label=\'safe\'\n    #2  prompt="bye"  response="ciao, bella"  label=\'unsafe\'\n');
    const misnamed = await inspect(fixture('misnamed.json'));
    expect(misnamed.out).toContain(
      '  format     jsonl (named .json but the content is JSON Lines (the first line is a complete JSON object and more lines follow))\n',
    );
  });

  it('escapes control characters from the file so they cannot drive the terminal', async () => {
    const file = join(scratch, 'controls.csv');
    writeFileSync(file, 'prompt\n"a\u001b[31mred\u009b2J"\n');
    const { out } = await inspect(file, '--examples');
    expect(out).toContain('#1  prompt="a\\u001b[31mred\\u009b2J"');
    expect(out).not.toMatch(/[\u001b\u009b]/);
  });

  it('matches a named column ignoring case and surrounding spaces, and reports a missing one with candidates', async () => {
    const ok = await inspect(fixture('semicolon.csv'), '--prompt', ' RESPONSE ', '--label=LABEL');
    expect(ok.out).toContain('  mapping    prompt ← "response", response ← (none), label ← "label"\n');
    const missing = await inspect(fixture('semicolon.csv'), '--prompt', 'promt');
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('    There is no prompt column "promt". Did you mean "prompt"? The file has the columns "prompt", "response", "label".\n');
  });
});

describe('roguard inspect --json', () => {
  it('prints one object with bigints as digits and floats as Python writes them', async () => {
    const { code, out } = await inspect(fixture('bigint.jsonl'), '--json', '--examples');
    expect(code).toBe(0);
    expect(out).toContain('"label": 12345678901234567890123\n');
    expect(out).toContain('"label": 1.0\n');
    const record = parse(out, null, (n) => (/[.eE]/.test(n) ? `float ${n}` : `int ${n}`)) as Record<string, unknown>;
    expect(record).toEqual({
      file: fixture('bigint.jsonl'),
      format: 'jsonl',
      encoding: 'utf-8',
      notes: [],
      columns: ['prompt', 'label'],
      mapping: { prompt: 'prompt', response: null, label: 'label' },
      rows: 'int 6',
      kept: 'int 6',
      reported: [],
      examples: [
        { index: 'int 1', prompt: 'a', response: null, label: 'int 12345678901234567890123' },
        { index: 'int 2', prompt: 'b', response: null, label: 'int 1' },
        { index: 'int 3', prompt: 'c', response: null, label: 'float 1.0' },
        { index: 'int 4', prompt: 'd', response: null, label: 'float 1.0' },
        { index: 'int 5', prompt: 'e', response: null, label: 'int 0' },
        { index: 'int 6', prompt: 'f', response: null, label: null },
      ],
    });
  });

  it('prints a JSON array for several files, and exits 1 when one of them could not be read', async () => {
    const { code, out } = await inspect('--json', fixture('html.csv'), fixture('latin1.csv'), fixture('truncated.json'));
    expect(code).toBe(1);
    const records = JSON.parse(out) as { file: string; kept: number; reported: { row: number | null; reason: string }[] }[];
    expect(records.map((r) => [r.file, r.kept, r.reported.map((x) => x.row)])).toEqual([
      [fixture('html.csv'), 2, []],
      [fixture('latin1.csv'), 0, [null]],
      [fixture('truncated.json'), 0, [null]],
    ]);
    expect(out).not.toContain('"examples"');
  });

  it('keeps HTML payloads as plain JSON strings', async () => {
    const { out } = await inspect(fixture('html.csv'), '--json', '--examples');
    const record = JSON.parse(out) as { examples: { prompt: string; response: string }[] };
    expect(record.examples.map((e) => [e.prompt, e.response])).toEqual([
      ['<script>alert(1)</script>', '<img src=x onerror=alert(2)>'],
      ['&lt;b&gt;', '<b>bold</b>'],
    ]);
  });

  it('reads with --format whatever the extension says', async () => {
    const { out } = await inspect(fixture('misnamed.csv'), '--format', 'csv', '--json');
    const record = JSON.parse(out) as { format: string; columns: string[]; formatNote?: string };
    expect(record.format).toBe('csv');
    expect(record.formatNote).toBeUndefined();
    expect(record.columns).toEqual(['[{"prompt": "a json list in a .csv file"}]']);
  });
});

describe('roguard inspect exit status', () => {
  it('is 1 for a missing file or a file-level problem, 2 for a usage error, 0 with --help', async () => {
    const missing = await inspect(join(scratch, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.out).toContain(`Cannot open ${join(scratch, 'nope.csv')}: no such file.`);
    expect((await inspect(fixture('empty.csv'))).code).toBe(1);
    expect((await inspect(fixture('no-prompt.csv'))).code).toBe(1);
    for (const args of [[], ['--bogus', 'x.csv'], ['x.csv', '--prompt'], ['x.csv', '--format', 'xml']]) {
      const usage = await inspect(...args);
      expect(usage.code).toBe(2);
      expect(usage.err).toMatch(/^roguard inspect: .+\nUsage: roguard inspect <file\.\.\.>/);
    }
    const help = await inspect('--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^Usage: roguard inspect/);
  });
});
