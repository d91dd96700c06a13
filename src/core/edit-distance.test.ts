import { describe, expect, it } from 'vitest';
import { editDistance } from './edit-distance';

describe('editDistance', () => {
  it('counts single-character edits', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('prompt', 'prompt')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('promt', 'prompt')).toBe(1);
    expect(editDistance('respnose', 'response')).toBe(2);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
