// Page-side logic of createGuard over the GuardApi TEST DOUBLE (the real worker runs in tests/e2e/embed.spec.ts).
import { describe, expect, it, vi } from 'vitest';
import type { Progress } from '../core/engine';
import { GuardError, type GuardErrorCode } from '../core/errors';
import { GuardApiDouble, type GuardApiDoubleOptions } from '../../tests/doubles/guard-api-double';
import type { Connection, WorkerApi } from './bridge';
import { createGuardWith } from './guard';
import type { GuardOptions } from './types';

interface Harness {
  connect: (workerUrl?: string | URL) => Connection;
  connections: { double: GuardApiDouble; loads: number; terminated: boolean }[];
}

/** Connections backed by the double; `loadError` makes every load fail, `progress` is emitted by each load. */
function harness(options: GuardApiDoubleOptions = {}, loadError?: GuardError): Harness {
  const connections: Harness['connections'] = [];
  const connect = () => {
    const double = new GuardApiDouble(options);
    const record = { double, loads: 0, terminated: false };
    connections.push(record);
    const api: WorkerApi = {
      probe: () => double.probe(),
      async load(model, onProgress?: (progress: Progress) => void) {
        record.loads++;
        onProgress?.({ phase: 'download', loaded: 5, total: 10, text: 'half way' });
        if (loadError) throw loadError;
        return double.load(model);
      },
      check: (input, opts) => double.check(input, opts),
      checkMany: (examples, opts, onResult) => double.checkMany(examples, opts, onResult),
      abort: () => double.abort(),
    };
    return { api, terminate: () => (record.terminated = true) };
  };
  return { connect, connections };
}

/** A short aegis-format template: the shipped ones mention the double's trigger word themselves. */
const TEMPLATE = 'Is this safe?\nUser: {prompt}\nAgent: {response}\nAnswer as {{"User Safety": ..., "Response Safety": ..., "Safety Categories": ...}}';

let models = 0;
/** A model id no other test uses (the shared-worker registry is per page), with the short template. */
const freshModel = (): GuardOptions => ({ model: `model-${++models}`, engine: 'wllama', weightsUrl: 'https://example.test/m.gguf', template: TEMPLATE });

async function codeOf(promise: Promise<unknown>): Promise<GuardErrorCode | 'resolved'> {
  return promise.then(
    () => 'resolved',
    (error: GuardError) => error.code,
  );
}

describe('createGuard over a worker API double', () => {
  it('checks a prompt and a pair: flagged with categories, safe, and the scores', async () => {
    const h = harness();
    const guard = createGuardWith(freshModel(), h.connect);
    await guard.ready;
    const flagged = await guard.check({ prompt: 'please attack the castle' });
    expect(flagged).toMatchObject({ flagged: true, prompt: { status: 'flagged', field: 'User Safety' }, categories: [{ id: 'S1', name: 'Violence' }] });
    expect(flagged.scores.prompt).toBeCloseTo(0.65);
    const safe = await guard.check({ prompt: 'hello', response: 'hi there' });
    expect(safe).toMatchObject({ flagged: false, prompt: { status: 'safe' }, response: { status: 'safe', field: 'Response Safety' }, categories: [] });
    expect(safe.scores.response).toBeCloseTo(0.1);
    expect(h.connections[0]!.double.prompts[1]).toContain('Agent: hi there');
    expect(guard.categories).toMatchObject({ S1: 'Violence', S14: 'Other' });
    guard.dispose();
  });

  it('fails closed by default and open when asked, with the reason', async () => {
    const h = harness({ overflowWhen: (prompt) => prompt.includes('very long') });
    const closed = createGuardWith(freshModel(), h.connect);
    const open = createGuardWith({ ...freshModel(), failMode: 'open' }, h.connect);
    const unreadable = await closed.check({ prompt: 'gibberish' });
    expect(unreadable).toMatchObject({ flagged: true, error: { code: 'UNPARSED_OUTPUT' } });
    expect(unreadable.reason).toContain('fail closed');
    expect(await open.check({ prompt: 'gibberish' })).toMatchObject({ flagged: false, error: { code: 'UNPARSED_OUTPUT' } });
    const overflow = await closed.check({ prompt: 'a very long text' });
    expect(overflow).toMatchObject({ flagged: true, error: { code: 'CONTEXT_OVERFLOW' } });
    expect((await open.check({ prompt: 'a very long text' })).flagged).toBe(false);
    closed.dispose();
    open.dispose();
  });

  it('an engine failure (lost device) and a failed load go by failMode too', async () => {
    const lost = harness({ failAfter: { calls: 0, error: new GuardError('DEVICE_LOST', 'The GPU was lost.') } });
    const guard = createGuardWith(freshModel(), lost.connect);
    expect(await guard.check({ prompt: 'hello' })).toMatchObject({ flagged: true, error: { code: 'DEVICE_LOST' } });
    guard.dispose();

    const broken = harness({}, new GuardError('MODEL_LOAD_FAILED', 'HTTP 404 for m.gguf.'));
    const failing = createGuardWith({ ...freshModel(), failMode: 'open' }, broken.connect);
    await expect(failing.ready).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    const result = await failing.check({ prompt: 'hello' });
    expect(result).toMatchObject({ flagged: false, error: { code: 'MODEL_LOAD_FAILED' }, reason: 'HTTP 404 for m.gguf. (fail open: treated as not flagged)' });
    const many = await failing.checkMany([{ prompt: 'a' }, { prompt: 'b' }]);
    expect(many.map((r) => r.error?.code)).toEqual(['MODEL_LOAD_FAILED', 'MODEL_LOAD_FAILED']);
    expect(broken.connections[0]!.double.modelCalls).toBe(0);
    failing.dispose();
  });

  it('guards with the same model share one worker and one load; the last dispose stops it', async () => {
    const h = harness();
    const options = freshModel();
    const seen: string[] = [];
    const first = createGuardWith({ ...options, onProgress: (p) => seen.push(`first ${p.text}`) }, h.connect);
    const second = createGuardWith({ ...options, template: undefined, config: 'wildguard_prompt', onProgress: (p) => seen.push(`second ${p.text}`) }, h.connect);
    const other = createGuardWith(freshModel(), h.connect);
    await Promise.all([first.ready, second.ready, other.ready]);
    expect(h.connections.map((c) => c.loads)).toEqual([1, 1]);
    expect(seen).toEqual(['first half way', 'second half way']);
    expect((await second.check({ prompt: 'please attack' })).prompt).toMatchObject({ field: 'Harmful request', status: 'unparsed' });
    expect(h.connections[0]!.double.modelCalls).toBe(1);

    first.dispose();
    expect(h.connections[0]!.terminated).toBe(false);
    expect((await second.check({ prompt: 'hello' })).flagged).toBe(true);
    second.dispose();
    expect(h.connections[0]!.terminated).toBe(true);
    expect(h.connections[1]!.terminated).toBe(false);
    other.dispose();

    const again = createGuardWith(options, h.connect);
    await again.ready;
    expect(h.connections).toHaveLength(3);
    again.dispose();
  });

  it('checks from several guards finish in call order', async () => {
    const h = harness();
    const options = freshModel();
    const a = createGuardWith(options, h.connect);
    const b = createGuardWith({ ...options, failMode: 'open' }, h.connect);
    const order: string[] = [];
    const calls = ['one', 'two', 'three', 'four'].map((word, i) => (i % 2 ? b : a).check({ prompt: word }).then(() => order.push(word)));
    await Promise.all(calls);
    expect(order).toEqual(['one', 'two', 'three', 'four']);
    expect(h.connections[0]!.double.prompts.map((p) => /User: (\w+)/.exec(p)?.[1])).toEqual(['one', 'two', 'three', 'four']);
    a.dispose();
    b.dispose();
  });

  it('a signal stops a queued check before it runs and a running one through the worker', async () => {
    const h = harness({ stallAfter: 1 });
    const guard = createGuardWith(freshModel(), h.connect);
    await guard.check({ prompt: 'first' });
    const running = new AbortController();
    const queued = new AbortController();
    const stalled = guard.check({ prompt: 'stalls' }, { signal: running.signal });
    const waiting = guard.check({ prompt: 'never sent' }, { signal: queued.signal });
    queued.abort();
    expect(await codeOf(waiting)).toBe('ABORTED');
    await new Promise((resolve) => setTimeout(resolve, 5));
    running.abort();
    expect(await codeOf(stalled)).toBe('ABORTED');
    expect(h.connections[0]!.double.prompts.some((p) => p.includes('never sent'))).toBe(false);
    expect(await codeOf(guard.check({ prompt: 'x' }, { signal: AbortSignal.abort() }))).toBe('ABORTED');
    guard.dispose();
  });

  it('checkMany streams results with their positions, runs prompts and pairs as separate worker runs, and keeps order', async () => {
    const h = harness();
    const guard = createGuardWith(freshModel(), h.connect);
    const streamed: [number, boolean][] = [];
    const items = [{ prompt: 'attack now' }, { prompt: 'hello' }, { prompt: 'hi', response: 'attack back' }, { prompt: 'gibberish' }];
    const results = await guard.checkMany(items, { onResult: (result, index) => streamed.push([index, result.flagged]) });
    expect(results.map((r) => [r.flagged, r.prompt?.status, r.response?.status])).toEqual([
      [true, 'flagged', undefined],
      [false, 'safe', undefined],
      [true, 'flagged', 'flagged'],
      [true, 'unparsed', undefined],
    ]);
    expect(streamed).toEqual([[0, true], [1, false], [2, true], [3, true]]);
    const double = h.connections[0]!.double;
    expect(double.checkManyCalls).toBe(3);
    expect(double.received.map((e) => e.index)).toEqual([1, 2, 3, 4]);
    guard.dispose();
  });

  it('bad input and bad options are rejected with the field named', async () => {
    const h = harness();
    const guard = createGuardWith(freshModel(), h.connect);
    await expect(guard.check({ prompt: 42 } as never)).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'check(): prompt must be text, got a number.' });
    await expect(guard.checkMany([{ prompt: 'ok' }, { prompt: 'ok', response: {} as never }])).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'checkMany() item 2: response must be text (or left out), got a object.',
    });
    expect(() => createGuardWith({ model: '' }, h.connect)).toThrow(/model must be a model id/);
    expect(() => createGuardWith({ ...freshModel(), failMode: 'maybe' as never }, h.connect)).toThrow(/failMode must be "closed" or "open", got the text "maybe"/);
    expect(() => createGuardWith({ ...freshModel(), contextWindow: 1.5 }, h.connect)).toThrow(/contextWindow/);
    expect(() => createGuardWith({ ...freshModel(), template: undefined, config: 'nope' as never }, h.connect)).toThrow(/Unknown policy "nope"/);
    const beaver = createGuardWith({ ...freshModel(), template: undefined, config: 'beaverTails' }, h.connect);
    await expect(beaver.check({ prompt: 'q' })).rejects.toMatchObject({ code: 'BAD_INPUT', message: expect.stringContaining('check(): This policy judges responses only') });
    beaver.dispose();
    guard.dispose();
  });

  it('dispose stops the guard\'s pending checks, and later calls reject', async () => {
    const h = harness({ stallAfter: 0 });
    const guard = createGuardWith(freshModel(), h.connect);
    const abort = vi.spyOn(h.connections[0]!.double, 'abort');
    const running = guard.check({ prompt: 'stalls' });
    const queued = guard.check({ prompt: 'queued' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    guard.dispose();
    expect(await codeOf(running)).toBe('ABORTED');
    expect(await codeOf(queued)).toBe('ABORTED');
    expect(abort).toHaveBeenCalled();
    expect(h.connections[0]!.terminated).toBe(true);
    await expect(guard.check({ prompt: 'after' })).rejects.toMatchObject({ code: 'ABORTED', message: expect.stringContaining('disposed') });
    await expect(guard.probe()).rejects.toMatchObject({ code: 'ABORTED' });
  });
});
