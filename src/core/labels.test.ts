import { describe, expect, it } from 'vitest';
import { isActualUnsafe, isSkippedLabel, labelText } from './labels';
import type { DataValue } from './value';

describe('labelText (Python str of the label)', () => {
  it.each<[DataValue | undefined, string]>([
    [true, 'True'],
    [false, 'False'],
    [1n, '1'],
    [1.0, '1.0'],
    [0n, '0'],
    [null, 'None'],
    [undefined, 'None'],
    ['Unsafe', 'Unsafe'],
    [['a', 1n], "['a', 1]"],
  ])('case %# → %s', (label, text) => {
    expect(labelText(label)).toBe(text);
  });
});

describe('isActualUnsafe (str(label).lower() == str(flagged).lower())', () => {
  it.each<[DataValue | undefined, DataValue, boolean]>([
    [1n, '1', true],
    // toxic_chat: 1.0 and true are not 1 as Python text ("1.0", "True").
    [1.0, '1', false],
    [true, '1', false],
    [true, 'true', true],
    ['Unsafe', 'unsafe', true],
    ['UNSAFE', 'Unsafe', true],
    ['safe', 'unsafe', false],
    // wildguard lowercases a missing label to "none": counted, never unsafe unless the flagged value is "none".
    ['none', 'harmful', false],
    [null, 'none', true],
    [1n, 1n, true],
    [1n, 1.0, false],
  ])('case %#: label %s vs %s → %s', (label, flagged, expected) => {
    expect(isActualUnsafe(label, flagged)).toBe(expected);
  });
});

describe('isSkippedLabel (label in [None, "null"])', () => {
  it.each<[DataValue | undefined, boolean]>([
    [undefined, true],
    [null, true],
    ['null', true],
    ['NULL', false],
    ['Null', false],
    ['none', false],
    ['None', false],
    ['', false],
    [0n, false],
    [false, false],
  ])('case %# → %s', (label, skipped) => {
    expect(isSkippedLabel(label)).toBe(skipped);
  });
});
