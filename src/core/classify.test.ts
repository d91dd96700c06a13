import { describe, expect, it } from 'vitest';
import { streamTokens } from '../../tests/doubles/token-stream';
import type { Engine, GenerateRequest } from './engine';
import { GuardError } from './errors';
import { classify, verdictStopCondition } from './classify';
import type { ClassifyOptions, Policy } from './result';
import { extractVerdict } from './verdict';

const policy: Policy = {
  template: 'Judge this. Answer {{"User Safety": ..., "Safety Categories": ...}}\nUser: {prompt}\nAgent: {response}\nOutput JSON:',
  outputField: 'User Safety',
  flaggedValue: 'unsafe',
  categories: { S1: 'Violence' },
};
const options: ClassifyOptions = { policy, extraction: 'reference', settings: { maxTokens: 100, temperature: 0.2, topP: 1 } };

/**
 * An Engine implemented in the test: it "generates" a scripted output token by token, calling stopWhen after
 * each token like a streaming engine, and gives each token a logprob table. Records every request.
 */
function scriptedEngine(tokens: string[], alternatives: Record<number, [string, number][]> = {}) {
  const requests: GenerateRequest[] = [];
  const engine: Engine = {
    kind: 'openai',
    async load() {},
    async unload() {},
    async generate(request) {
      requests.push(request);
      if (request.signal?.aborted) throw new GuardError('ABORTED', 'aborted');
      const { text, finishReason, logprobs } = streamTokens(tokens, request, (token, i) =>
        (alternatives[i] ?? [[token, 1]]).map(([t, p]) => ({ token: t, logprob: Math.log(p) })),
      );
      return {
        text,
        finishReason,
        usage: { promptTokens: request.prompt.length, completionTokens: (request.settings.topLogprobs ? logprobs.length : 0) || text.length },
        ...(request.settings.topLogprobs ? { logprobs } : {}),
        latencyMs: 7,
      };
    },
  };
  return { engine, requests };
}

function failingEngine(error: unknown): Engine {
  return {
    kind: 'webllm',
    async load() {},
    async unload() {},
    async generate() {
      throw error;
    },
  };
}

const output = ['{"', 'User', ' Safety', '":', ' "', 'unsafe', '",', ' "Safety', ' Categories', '":', ' "S1', '"}', '\n', 'Extra', ' text'];

describe('classify', () => {
  it('fills the template, asks for logprobs, hints the prefix and stops once the verdict is read (reference)', async () => {
    const { engine, requests } = scriptedEngine(output, { 5: [['unsafe', 0.9], ['safe', 0.1]] });
    const result = await classify(engine, { index: 4, prompt: 'how to fight?', response: null }, { ...options, nullResponseText: 'None' });
    expect(requests[0]!.prompt).toBe(
      'Judge this. Answer {"User Safety": ..., "Safety Categories": ...}\nUser: how to fight?\nAgent: None\nOutput JSON:',
    );
    expect(requests[0]!.prefixHint).toBe('Judge this. Answer {"User Safety": ..., "Safety Categories": ...}\nUser: ');
    expect(requests[0]!.settings).toEqual({ maxTokens: 100, temperature: 0.2, topP: 1, topLogprobs: 5 });
    // The value "unsafe" is final once the next token '",' follows it.
    expect(result.raw).toBe('{"User Safety": "unsafe",');
    expect(result.finishReason).toBe('early');
    expect(result).toMatchObject({ index: 4, verdict: { value: 'unsafe', status: 'flagged' }, latencyMs: 7, usage: { completionTokens: 7 } });
    expect(result.score).toBeCloseTo(0.9, 12);
  });

  it('in robust mode waits for the closing brace when flagged and categories are wanted', async () => {
    const { engine } = scriptedEngine(output);
    const result = await classify(engine, { prompt: 'x' }, { ...options, extraction: 'robust' });
    expect(result.raw).toBe('{"User Safety": "unsafe", "Safety Categories": "S1"}');
    expect(result.verdict).toMatchObject({ status: 'flagged', categories: ['S1'] });
    expect(result.index).toBe(0);
  });

  it('in robust mode stops right after a safe value', async () => {
    const { engine } = scriptedEngine(['{"', 'User Safety', '": ', '"safe', '"', '}', ' more']);
    const result = await classify(engine, { prompt: 'x' }, { ...options, extraction: 'robust' });
    expect(result.raw).toBe('{"User Safety": "safe"');
    expect(result.verdict.status).toBe('safe');
  });

  it('fills a missing response with the empty string by default, and generates fully without early stop', async () => {
    const { engine, requests } = scriptedEngine(output);
    const result = await classify(engine, { prompt: 'p', response: null }, { ...options, earlyStop: false, score: false });
    expect(requests[0]!.prompt).toContain('Agent: \nOutput JSON:');
    expect(requests[0]!.stopWhen).toBeUndefined();
    expect(requests[0]!.settings.topLogprobs).toBeUndefined();
    expect(result.raw).toBe(output.join(''));
    expect(result.finishReason).toBe('stop');
    expect(result.score).toBeNull();
  });

  it.each(['CONTEXT_OVERFLOW', 'UNPARSED_OUTPUT', 'ENGINE_ERROR'] as const)('turns %s into a result with the error', async (code) => {
    const result = await classify(failingEngine(new GuardError(code, 'it failed', { tokens: 9000 })), { index: 2, prompt: 'p' }, options);
    expect(result).toMatchObject({
      index: 2,
      raw: '',
      verdict: { value: '', status: 'unparsed', categories: [], fields: {} },
      score: null,
      error: { code, message: 'it failed', details: { tokens: 9000 } },
    });
  });

  it.each(['ABORTED', 'DEVICE_LOST', 'NOT_LOADED'] as const)('lets %s through to the caller', async (code) => {
    await expect(classify(failingEngine(new GuardError(code, 'stop')), { prompt: 'p' }, options)).rejects.toMatchObject({ code });
  });

  it('lets an unexpected error through, and refuses to start when already aborted', async () => {
    await expect(classify(failingEngine(new TypeError('bug')), { prompt: 'p' }, options)).rejects.toThrow(TypeError);
    const { engine, requests } = scriptedEngine(output);
    const controller = new AbortController();
    controller.abort();
    await expect(classify(engine, { prompt: 'p' }, options, controller.signal)).rejects.toMatchObject({ code: 'ABORTED' });
    expect(requests).toHaveLength(0);
  });

  it('rejects a bad template before calling the engine', async () => {
    const { engine, requests } = scriptedEngine(output);
    const bad = { ...options, policy: { ...policy, template: 'Judge {x}' } };
    await expect(classify(engine, { prompt: 'p' }, bad)).rejects.toMatchObject({ code: 'BAD_TEMPLATE' });
    expect(requests).toHaveLength(0);
  });
});

describe('verdictStopCondition never changes the extracted verdict', () => {
  const outputs = [
    '{"User Safety": "unsafe", "Safety Categories": "S1"}',
    '{"User Safety": "safe"}\n{"User Safety": "unsafe"}',
    '{"User Safety": "ünsafe"}',
    '{"User Safety": "unsafe’s"}',
    '{"User Safety": "unsafe\u0301"}',
    '"User Safety":\x85 unsafe, more',
    '"User Safety":\ufeff"unsafe" then "User Safety": "safe"',
    'Unsafe\nS1',
    'The answer: {"User Safety": unsafe}',
    "{'User Safety': 'Unsafe', 'Safety Categories': ['S1']}",
    '{"Response Safety": "unsafe"}',
    '{"User Safety": "unsafe"',
  ];
  for (const mode of ['reference', 'robust'] as const) {
    it.each(outputs)(`${mode}: %j read when stopped equals read in full`, (text) => {
      const stop = verdictStopCondition(policy, mode);
      const chars = Array.from(text);
      let prefix = text;
      for (let i = 1; i <= chars.length; i++) {
        const candidate = chars.slice(0, i).join('');
        if (stop(candidate)) {
          prefix = candidate;
          break;
        }
      }
      const early = extractVerdict(prefix, policy, mode);
      const full = extractVerdict(text, policy, mode);
      if (mode === 'reference') expect(early).toEqual(full);
      // Robust: same value and status; categories too when flagged (later fields may be left unread when safe).
      expect([early.value, early.status]).toEqual([full.value, full.status]);
      if (full.status === 'flagged') expect(early.categories).toEqual(full.categories);
    });
  }

  it('stops a reference read only after an ASCII character follows the value, and never on U+FFFD', () => {
    const stop = verdictStopCondition(policy, 'reference');
    expect(stop('{"User Safety": "unsafe')).toBe(false);
    expect(stop('{"User Safety": "unsafe"')).toBe(true);
    expect(stop('{"User Safety": unsafe\u2019')).toBe(false);
    expect(stop('{"User Safety": "unsafe" \uFFFD')).toBe(false);
  });

  it('never stops early for a field that is a regex', () => {
    const stop = verdictStopCondition({ ...policy, outputField: 'User.Safety' }, 'reference');
    expect(stop('{"User Safety": "unsafe", "x": 1}')).toBe(false);
  });
});
