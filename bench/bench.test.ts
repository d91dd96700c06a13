// The bench runs end to end in its reduced mode: real Chromium, the real worker and the tiny model.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { commandLine, parseBenchArgs } from './args';
import { ROOT } from './inputs';

const run = promisify(execFile);

describe('bench', () => {
  it('reads its options, and names the command to repeat it', () => {
    expect(parseBenchArgs(['--quick'], {})).toMatchObject({ quick: true, rounds: 1, examples: 6, dist: 'dist' });
    expect(parseBenchArgs(['--rounds', '3', '--threads', '2'], { ROGUARD_DIST: 'dist-x' })).toMatchObject({ quick: false, rounds: 3, threads: 2, csvRows: 100_000, dist: 'dist-x' });
    expect(() => parseBenchArgs(['--rounds', 'two'], {})).toThrow(/--rounds needs a whole number/);
    expect(() => parseBenchArgs(['--fast'], {})).toThrow(/Unknown option --fast/);
    expect(commandLine(['--quick'], { npm_lifecycle_event: 'bench' })).toBe('npm run bench -- --quick');
  });

  it('prints both pipelines side by side with their ratios, the checks, the import and re-run timings', { timeout: 600_000 }, async () => {
    // A build folder of its own: another test may be building dist/ at the same time.
    const dist = process.env.ROGUARD_DIST ?? 'dist-bench';
    const { stdout } = await run(resolve(ROOT, 'node_modules/.bin/tsx'), ['bench/run.ts', '--quick', '--dist', dist], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
    const lines = stdout.split('\n');
    const row = (label: string) => lines.find((line) => line.startsWith(label)) ?? '';
    expect(row('per example')).toMatch(/reference-style\s+ours\s+ratio/);
    expect(row('prefill tokens (computed)')).toMatch(/^prefill tokens \(computed\)\s+[\d,.]+\s+[\d,.]+\s+[\d,.]+x fewer$/);
    expect(row('decode tokens')).toMatch(/[\d.]+x fewer$/);
    expect(row('examples / second')).toMatch(/[\d.]+x more$/);
    expect(row('pipeline overhead (ms)')).toMatch(/wall time minus engine time/);
    expect(row('P(flagged) in the same pass')).toMatch(/0\/6\s+6\/6/);
    expect(row('verdicts identical')).toMatch(/^verdicts identical: 6\/6;/);
    expect(row('early stop, reference reading')).toMatch(/decoded past it: 0 examples/);
    expect(row('import:')).toMatch(/^import: 2,000-row CSV .* 2,000 examples, 0 rows reported$/);
    expect(row('re-run:')).toMatch(/^re-run: 200 cached examples .* 200 from the cache, 0 model calls$/);
    expect(row('WebLLM')).not.toBe('');
    expect(row('CPU:')).not.toBe('');
    expect(row('command:')).toContain('bench/run.ts --quick --dist');
    expect(stdout).not.toMatch(/CHECK FAILED/);
  });
});
