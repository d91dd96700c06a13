import { describe, expect, it } from 'vitest';
import { ProgressBar, formatDuration } from './progress-bar';

function sink(isTTY: boolean, columns = 100) {
  const writes: string[] = [];
  return { writes, sink: { write: (text: string) => void writes.push(text), isTTY, columns } };
}

describe('formatDuration', () => {
  it('writes m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(75.4)).toBe('1:15');
    expect(formatDuration(3 * 3600 + 62)).toBe('3:01:02');
    expect(formatDuration(Number.POSITIVE_INFINITY)).toBe('--:--');
  });
});

describe('ProgressBar', () => {
  it('redraws one line on a terminal with count, percentage, rate and ETA', () => {
    let now = 0;
    const { writes, sink: out } = sink(true);
    const bar = new ProgressBar(out, 4, 'aegis', () => now);
    now = 2000;
    bar.tick();
    expect(writes.at(-1)).toBe(`\r\x1b[2Kaegis [${'#'.repeat(10)}${'-'.repeat(30)}] 1/4 (25%) · 2.0 s/ex · ETA 0:06`);
    now = 4000;
    bar.note('example 2: too long');
    expect(writes.slice(-2)).toEqual(['\r\x1b[2Kexample 2: too long\n', `\r\x1b[2Kaegis [${'#'.repeat(10)}${'-'.repeat(30)}] 1/4 (25%) · 4.0 s/ex · ETA 0:12`]);
    bar.tick(3);
    expect(writes.at(-1)).toMatch(/ 4\/4 \(100%\) · 1\.0 ex\/s · elapsed 0:04$/);
    bar.finish();
    expect(writes.at(-1)).toBe('\n');
  });

  it('writes a plain line per tenth of the run when not on a terminal', () => {
    let now = 0;
    const { writes, sink: out } = sink(false);
    const bar = new ProgressBar(out, 20, 'xstest', () => now);
    bar.render();
    for (let i = 0; i < 20; i++) {
      now += 500;
      bar.tick();
    }
    bar.finish();
    expect(writes).toHaveLength(11);
    expect(writes[0]).toBe('xstest 0/20 (0%) · 0.0 ex/s · ETA --:--\n');
    expect(writes[1]).toBe('xstest 2/20 (10%) · 2.0 ex/s · ETA 0:09\n');
    expect(writes[10]).toBe('xstest 20/20 (100%) · 2.0 ex/s · elapsed 0:10\n');
  });
});
