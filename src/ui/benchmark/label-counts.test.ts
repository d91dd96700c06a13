import { describe, expect, it } from 'vitest';
import type { DataValue } from '../../core/value';
import { countLabelValues, suggestFlaggedValue } from './label-counts';

const examples = (labels: (DataValue | undefined)[]) => labels.map((label) => ({ label }));

describe('countLabelValues', () => {
  it('groups by text, most frequent first, and splits flagged / safe', () => {
    const summary = countLabelValues(examples(['unsafe', 'safe', 'unsafe', 'Unsafe', 'safe', 'unsafe']), 'unsafe');
    expect(summary.values).toEqual([
      { text: 'unsafe', count: 3, flagged: true, skipped: false },
      { text: 'safe', count: 2, flagged: false, skipped: false },
      { text: 'Unsafe', count: 1, flagged: true, skipped: false },
    ]);
    expect(summary).toMatchObject({ flagged: 4, notFlagged: 2, skipped: 0 });
  });

  it('compares Python text: 1 is not 1.0 nor true, and True matches "true" case-insensitively', () => {
    const summary = countLabelValues(examples([1n, 1, true, 0n, '1']), '1');
    const byText = Object.fromEntries(summary.values.map((value) => [value.text, value]));
    expect(Object.keys(byText).sort()).toEqual(['0', '1', '1.0', 'True']);
    expect(byText['1']).toMatchObject({ count: 2, flagged: true });
    expect(byText['1.0']).toMatchObject({ count: 1, flagged: false });
    expect(byText['True']).toMatchObject({ count: 1, flagged: false });
    expect(countLabelValues(examples([true, false]), 'true').flagged).toBe(1);
  });

  it('counts missing, None and the text "null" as skipped, but not the text "None"', () => {
    const summary = countLabelValues(examples([null, 'null', undefined, 'None', 'unsafe']), 'unsafe');
    expect(summary).toMatchObject({ flagged: 1, notFlagged: 1, skipped: 3 });
    expect(summary.values.find((value) => value.text === 'None' && !value.skipped)?.count).toBe(1);
    expect(summary.values.find((value) => value.text === 'None' && value.skipped)?.count).toBe(2);
  });

  it('is empty for no examples', () => {
    expect(countLabelValues([], 'unsafe')).toEqual({ values: [], flagged: 0, notFlagged: 0, skipped: 0 });
  });
});

describe('suggestFlaggedValue', () => {
  it('prefers the config value when present, else a likely word', () => {
    const values = countLabelValues(examples(['harmful', 'unharmful', 'harmful']), 'x').values;
    expect(suggestFlaggedValue(values, 'harmful')).toBe('harmful');
    expect(suggestFlaggedValue(values, 'unsafe')).toBe('harmful');
    expect(suggestFlaggedValue(countLabelValues(examples([1n, 0n]), 'x').values)).toBe('1');
    expect(suggestFlaggedValue(countLabelValues(examples(['a', 'b']), 'x').values)).toBeNull();
  });
});
