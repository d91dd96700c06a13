import { describe, expect, it } from 'vitest';
import type { ClassifyResult } from '../core/result';
import { extractVerdict } from '../core/verdict';
import { failedCheck, planCheck, toCheckResult, type CheckPlan } from './check-result';
import { resolvePolicy } from './policies';

const aegis = resolvePolicy('aegis', undefined);

/** A classify result as the worker returns it, the verdict read by the real robust parser. */
function classified(raw: string, plan: CheckPlan, score: number | null = null): ClassifyResult {
  return {
    index: 0,
    raw,
    verdict: extractVerdict(raw, plan.options.policy, 'robust'),
    score,
    usage: { promptTokens: 10, completionTokens: 5 },
    latencyMs: 12,
    finishReason: 'stop',
  };
}

describe('planCheck', () => {
  it('a prompt alone waits for the prompt verdict and may stop early', () => {
    const plan = planCheck(aegis, false);
    expect(plan.main).toBe('prompt');
    expect(plan.options).toMatchObject({ extraction: 'robust', earlyStop: true, score: true, nullResponseText: '', policy: { outputField: 'User Safety' } });
    expect(plan.options.settings).toEqual({ maxTokens: 100, temperature: 0, topP: 1 });
    expect(plan.responseField).toBeUndefined();
  });

  it('a prompt with a response waits for the response verdict and reads both to the end', () => {
    const plan = planCheck(aegis, true);
    expect(plan).toMatchObject({ main: 'response', promptField: 'User Safety', responseField: 'Response Safety' });
    expect(plan.options).toMatchObject({ earlyStop: false, policy: { outputField: 'Response Safety', flaggedValue: 'unsafe' } });
  });

  it('a policy that judges only prompts ignores the response; one that judges only responses needs one', () => {
    const toxic = planCheck(resolvePolicy('toxic_chat', undefined), true);
    expect(toxic).toMatchObject({ main: 'prompt', promptField: 'User Toxicity', options: { earlyStop: true } });
    expect(toxic.responseField).toBeUndefined();
    const beaver = resolvePolicy('beaverTails', undefined);
    expect(() => planCheck(beaver, false)).toThrow(/judges responses only \("is_safe"\)/);
    expect(planCheck(beaver, true)).toMatchObject({ main: 'response', options: { earlyStop: true, policy: { outputField: 'is_safe' } } });
  });
});

describe('toCheckResult', () => {
  it('a flagged prompt names its categories and keeps the score, raw output and latency', () => {
    const plan = planCheck(aegis, false);
    const raw = '{"User Safety": "unsafe", "Safety Categories": "S1, S9"}';
    expect(toCheckResult(classified(raw, plan, 0.93), plan, 'closed')).toEqual({
      flagged: true,
      prompt: { status: 'flagged', value: 'unsafe', field: 'User Safety' },
      categories: [
        { id: 'S1', name: 'Violence' },
        { id: 'S9', name: 'PII/Privacy' },
      ],
      scores: { prompt: 0.93 },
      raw,
      latencyMs: 12,
    });
  });

  it('a pair reads the prompt and the response verdicts; either flagged flags the check', () => {
    const plan = planCheck(aegis, true);
    const result = toCheckResult(classified('{"User Safety": "unsafe", "Response Safety": "safe", "Safety Categories": "S3"}', plan, 0.2), plan, 'open');
    expect(result).toMatchObject({
      flagged: true,
      prompt: { status: 'flagged', value: 'unsafe' },
      response: { status: 'safe', value: 'safe', field: 'Response Safety' },
      categories: [{ id: 'S3', name: 'Criminal Planning/Confessions' }],
      scores: { response: 0.2 },
    });
    expect(result.reason).toBeUndefined();
    const safe = toCheckResult(classified('{"User Safety": "safe", "Response Safety": "safe"}', plan), plan, 'closed');
    expect(safe).toMatchObject({ flagged: false, categories: [] });
    expect(safe.reason).toBeUndefined();
  });

  it('an unreadable answer is flagged when failing closed and let through when failing open, with the reason', () => {
    const plan = planCheck(aegis, false);
    const closed = toCheckResult(classified('I am not sure what to say.', plan), plan, 'closed');
    expect(closed).toMatchObject({ flagged: true, prompt: { status: 'unparsed' }, error: { code: 'UNPARSED_OUTPUT' } });
    expect(closed.reason).toBe('The model\'s answer has no readable "User Safety" verdict. (fail closed: treated as flagged)');
    const open = toCheckResult(classified('I am not sure what to say.', plan), plan, 'open');
    expect(open.flagged).toBe(false);
    expect(open.reason).toContain('fail open: treated as not flagged');
  });

  it('a missing response verdict is unreadable too, named by its key', () => {
    const plan = planCheck(aegis, true);
    const result = toCheckResult(classified('{"User Safety": "safe"}', plan), plan, 'closed');
    expect(result).toMatchObject({ flagged: true, prompt: { status: 'safe' }, response: { status: 'unparsed', value: '' }, error: { details: { field: 'Response Safety' } } });
  });

  it('an example that failed in the engine goes by failMode with the engine\'s message', () => {
    const plan = planCheck(aegis, false);
    const failed: ClassifyResult = { ...classified('', plan), error: { code: 'CONTEXT_OVERFLOW', message: 'The text is 9000 tokens; the context holds 4096.' } };
    const closed = toCheckResult(failed, plan, 'closed');
    expect(closed).toMatchObject({ flagged: true, categories: [], scores: {}, error: { code: 'CONTEXT_OVERFLOW' } });
    expect(closed.reason).toBe('The text is 9000 tokens; the context holds 4096. (fail closed: treated as flagged)');
    expect(toCheckResult(failed, plan, 'open').flagged).toBe(false);
    expect(failedCheck({ code: 'DEVICE_LOST', message: 'GPU lost.' }, 'open')).toEqual({
      flagged: false,
      categories: [],
      scores: {},
      raw: '',
      latencyMs: 0,
      reason: 'GPU lost. (fail open: treated as not flagged)',
      error: { code: 'DEVICE_LOST', message: 'GPU lost.' },
    });
  });
});
