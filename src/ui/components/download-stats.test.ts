import { describe, expect, it } from 'vitest';
import type { Progress } from '../../core/engine';
import { describeDownload, downloadStats, formatBytes, formatDuration, type TimedProgress } from './download-stats';

const report = (at: number, loaded: number, total: number, phase: Progress['phase'] = 'download'): TimedProgress => ({
  at,
  progress: { phase, loaded, total, text: '' },
});

describe('downloadStats', () => {
  it('has nothing to say before the first report', () => {
    expect(downloadStats([])).toBeNull();
  });

  it('measures speed and time left over the recent reports', () => {
    // 40 MB in 2 s is 20 MB/s; 160 MB left at 20 MB/s is 8 s.
    const stats = downloadStats([report(1000, 10e6, 200e6), report(2000, 30e6, 200e6), report(3000, 50e6, 200e6)]);
    expect(stats).toEqual({ fraction: 0.25, bytes: true, loaded: 50e6, total: 200e6, perSecond: 20e6, secondsLeft: 7.5 });
  });

  it('waits for half a second of reports before giving a speed', () => {
    const stats = downloadStats([report(0, 0, 100e6), report(200, 5e6, 100e6)]);
    expect(stats?.perSecond).toBeNull();
    expect(stats?.secondsLeft).toBeNull();
    expect(stats?.fraction).toBe(0.05);
  });

  it('measures within the current phase only', () => {
    const stats = downloadStats([report(0, 0.9, 1, 'compile'), report(1000, 0, 10, 'load'), report(2000, 5, 10, 'load')]);
    expect(stats).toMatchObject({ bytes: false, fraction: 0.5, perSecond: 5, secondsLeft: 1 });
  });

  it('treats a fraction-style download (total 1) as no bytes', () => {
    expect(downloadStats([report(0, 0.4, 1)])).toMatchObject({ bytes: false, fraction: 0.4 });
  });

  it('knows no fraction without a total', () => {
    expect(downloadStats([report(0, 123, 0)])).toMatchObject({ fraction: null, secondsLeft: null });
  });
});

describe('formatting', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.00 KB'],
    [830_000, '830 KB'],
    [12_345_678, '12.3 MB'],
    [4_500_000_000, '4.50 GB'],
  ])('formatBytes(%d) = %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    [4.4, '4 s'],
    [200, '3 min 20 s'],
    [3900, '1 h 5 min'],
  ])('formatDuration(%d) = %s', (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });

  it('describes a download in one line', () => {
    const stats = downloadStats([report(0, 1e9, 4.5e9), report(10_000, 1.5e9, 4.5e9)])!;
    expect(describeDownload(stats)).toBe('1.50 GB of 4.50 GB · 50.0 MB/s · about 1 min 0 s left');
    expect(describeDownload(downloadStats([report(0, 0.25, 1, 'compile')])!)).toBe('25%');
  });
});
