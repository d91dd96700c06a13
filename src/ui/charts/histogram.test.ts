import { describe, expect, it } from 'vitest';
import { histogram, percentile } from './histogram';

describe('histogram', () => {
  it('splits the range into equal bins and puts the maximum in the last one', () => {
    // 0..100 in 4 bins of 25: [0,25) 0,10,24 | [25,50) 25 | [50,75) — | [75,100] 75,100
    expect(histogram([0, 10, 24, 25, 75, 100], 4)).toEqual([
      { from: 0, to: 25, count: 3 },
      { from: 25, to: 50, count: 1 },
      { from: 50, to: 75, count: 0 },
      { from: 75, to: 100, count: 2 },
    ]);
  });

  it('rounds the range out to whole units and never makes bins narrower than one unit', () => {
    expect(histogram([1.2, 2.7, 3.1], 20)).toEqual([
      { from: 1, to: 2, count: 1 },
      { from: 2, to: 3, count: 1 },
      { from: 3, to: 4, count: 1 },
    ]);
  });

  it('gives one bin for equal values and nothing for no finite values', () => {
    expect(histogram([5, 5, 5])).toEqual([{ from: 5, to: 6, count: 3 }]);
    expect(histogram([Number.NaN, Infinity])).toEqual([]);
    expect(histogram([])).toEqual([]);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    const values = [15, 20, 35, 40, 50];
    expect(percentile(values, 5)).toBe(15);
    expect(percentile(values, 30)).toBe(20);
    expect(percentile(values, 40)).toBe(20);
    expect(percentile(values, 50)).toBe(35);
    expect(percentile(values, 100)).toBe(50);
    expect(percentile([], 50)).toBeNull();
  });
});
