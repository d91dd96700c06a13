import { describe, expect, it } from 'vitest';
import { toModeration } from './moderation';
import type { GuardCheckResult } from './types';

const flagged: GuardCheckResult = {
  flagged: true,
  prompt: { status: 'flagged', value: 'unsafe', field: 'User Safety' },
  categories: [{ id: 'S1', name: 'Violence' }],
  scores: { prompt: 0.875 },
  raw: '{"User Safety": "unsafe", "Safety Categories": "S1"}',
  latencyMs: 3,
};

describe('toModeration', () => {
  it('gives every category of the policy, the violated ones with the verdict probability', () => {
    expect(toModeration(flagged, { S1: 'Violence', S2: 'Sexual' })).toEqual({
      flagged: true,
      categories: { Violence: true, Sexual: false },
      category_scores: { Violence: 0.875, Sexual: 0 },
    });
  });

  it('without the category list gives the violated ones; an unknown probability is 1', () => {
    expect(toModeration({ ...flagged, scores: { prompt: null } })).toEqual({ flagged: true, categories: { Violence: true }, category_scores: { Violence: 1 } });
  });

  it('a safe result, or one flagged by failMode, has no category set', () => {
    const failed: GuardCheckResult = { flagged: true, categories: [], scores: {}, raw: '', latencyMs: 0, reason: 'x', error: { code: 'DEVICE_LOST', message: 'x' } };
    expect(toModeration(failed, { S1: 'Violence' })).toEqual({ flagged: true, categories: { Violence: false }, category_scores: { Violence: 0 } });
  });
});
