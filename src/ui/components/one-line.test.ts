import { describe, expect, it } from 'vitest';
import { oneLine } from './one-line';

describe('oneLine', () => {
  it('joins lines and runs of spaces into single spaces', () => {
    expect(oneLine('first line\n\n  second\tthird')).toBe('first line second third');
  });

  it('cuts text past the limit and marks the cut', () => {
    expect(oneLine('abcdefghij', 4)).toBe('abcd…');
    expect(oneLine('abcd', 4)).toBe('abcd');
  });

  it('gives an empty cell for a missing response', () => {
    expect(oneLine(null)).toBe('');
  });
});
