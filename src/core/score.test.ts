import { describe, expect, it } from 'vitest';
import type { Generation, TokenLogprob } from './engine';
import type { Policy } from './result';
import { flaggedScore, verdictValueStart } from './score';

const policy: Policy = { template: '{prompt}', outputField: 'User Safety', flaggedValue: 'unsafe' };

/** A generation whose text is the tokens joined; `alternatives[i]` are the top logprobs at token i (probabilities). */
function generation(tokens: string[], alternatives: Record<number, [string, number][]> = {}): Generation {
  const logprobs: TokenLogprob[] = tokens.map((token, i) => {
    const top = (alternatives[i] ?? [[token, 1]]).map(([text, p]) => ({ token: text, logprob: Math.log(p) }));
    const chosen = top.find((entry) => entry.token === token);
    return { token, logprob: chosen?.logprob ?? 0, top };
  });
  return { text: tokens.join(''), finishReason: 'stop', usage: { promptTokens: 1, completionTokens: tokens.length }, logprobs, latencyMs: 1 };
}

describe('verdictValueStart', () => {
  it('finds the first character of the verdict value', () => {
    const text = '{"User Safety": "unsafe"}';
    expect(verdictValueStart(text, policy)).toBe(text.indexOf('unsafe'));
    expect(verdictValueStart('{"User Safety":   safe}', policy)).toBe('{"User Safety":   '.length);
    expect(verdictValueStart('nothing here', policy)).toBeNull();
  });
});

describe('flaggedScore', () => {
  const tokens = ['{"', 'User', ' Safety', '":', ' "', 'unsafe', '"}'];

  it('sums the probabilities of alternatives that start the flagged value (any case)', () => {
    const score = flaggedScore(generation(tokens, { 5: [['unsafe', 0.8], ['safe', 0.15], ['Unsafe', 0.03], ['S', 0.01]] }), policy);
    expect(score).toBeCloseTo(0.83, 12);
  });

  it('gives 1 − P(known safe starts) when no flagged start is among the alternatives', () => {
    const safeTokens = [...tokens.slice(0, 5), 'safe', '"}'];
    expect(flaggedScore(generation(safeTokens, { 5: [['safe', 0.9], ['maybe', 0.05]] }), policy)).toBeCloseTo(0.1, 12);
    // A lone "S" could only start "safe" here (no flagged value starts with s), so it counts as safe.
    expect(flaggedScore(generation(safeTokens, { 5: [['safe', 0.9], ['S', 0.05]] }), policy)).toBeCloseTo(0.05, 12);
  });

  it('ignores a token that could start both kinds of value ("un": unsafe or unharmful)', () => {
    const split = [...tokens.slice(0, 5), 'un', 'safe', '"}'];
    expect(flaggedScore(generation(split, { 5: [['un', 0.6], ['safe', 0.3]] }), policy)).toBeCloseTo(0.7, 12);
  });

  it('allows a leading space or quote in the token that holds the value', () => {
    const glued = ['{"User Safety":', ' "unsafe', '"}'];
    expect(flaggedScore(generation(glued, { 1: [[' "unsafe', 0.7], [' "safe', 0.2]] }), policy)).toBeCloseTo(0.7, 12);
  });

  it('reads boolean verdicts (beaverTails: is_safe, flagged when false)', () => {
    const beaver: Policy = { template: '{prompt}', outputField: 'is_safe', flaggedValue: 'false' };
    const text = ['{"is_safe":', ' true', '}'];
    expect(flaggedScore(generation(text, { 1: [[' true', 0.75], [' false', 0.25]] }), beaver)).toBeCloseTo(0.25, 12);
  });

  it('is null without logprobs, without a value, or with no known alternative', () => {
    const plain: Generation = { ...generation(tokens), logprobs: undefined };
    expect(flaggedScore(plain, policy)).toBeNull();
    expect(flaggedScore(generation(['I', ' refuse']), policy)).toBeNull();
    const unsure = [...tokens.slice(0, 5), 'maybe', '"}'];
    expect(flaggedScore(generation(unsure, { 5: [['maybe', 0.5], ['perhaps', 0.4]] }), policy)).toBeNull();
  });
});
