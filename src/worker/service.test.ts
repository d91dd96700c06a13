import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { describe, expect, it, vi } from 'vitest';
import { until } from '../../tests/support/until';
import type { Engine, EngineKind, GenerateRequest, Generation, ModelSpec, Progress } from '../core/engine';
import { GuardError } from '../core/errors';
import type { Example } from '../core/example';
import type { ClassifyOptions, ClassifyResult } from '../core/result';
import type { DeviceProbe } from '../engines/device';
import { buildRegistry } from '../engines/registry';
import { createGuardService } from './service';

/**
 * An in-test engine: answers by what the example says. "attack" → unsafe, "LONG" → context overflow,
 * "LOSE" → device lost (as often as `loseDevice` allows), "WAIT" → blocks until aborted.
 */
class TestEngine implements Engine {
  loads: ModelSpec[] = [];
  unloads = 0;
  log: string[] = [];
  loadedSpec: ModelSpec | null = null;
  loseDevice = 1;
  blockLoad = false;
  sawAbort = false;
  constructor(readonly kind: EngineKind) {}

  async load(spec: ModelSpec, onProgress?: (p: Progress) => void, signal?: AbortSignal): Promise<void> {
    this.loads.push(spec);
    onProgress?.({ phase: 'download', loaded: 5, total: 10, text: 'half' });
    if (this.blockLoad) await this.untilAborted(signal);
    this.loadedSpec = spec;
  }

  private untilAborted(signal?: AbortSignal): Promise<never> {
    return new Promise((_, reject) => {
      const stop = () => {
        this.sawAbort = true;
        reject(new GuardError('ABORTED', 'stopped'));
      };
      if (signal?.aborted) stop();
      signal?.addEventListener('abort', stop, { once: true });
    });
  }

  async generate(request: GenerateRequest): Promise<Generation> {
    if (!this.loadedSpec) throw new GuardError('NOT_LOADED', 'not loaded');
    const said = request.prompt.slice(request.prompt.indexOf('<<') + 2, request.prompt.indexOf('>>'));
    this.log.push(`generate ${said}`);
    if (said.includes('WAIT')) await this.untilAborted(request.signal);
    if (said.includes('LONG')) throw new GuardError('CONTEXT_OVERFLOW', 'too long for 4096 tokens');
    if (said.includes('LOSE') && this.loseDevice > 0) {
      this.loseDevice--;
      this.loadedSpec = null;
      throw new GuardError('DEVICE_LOST', 'device lost');
    }
    const value = said.includes('attack') ? 'unsafe' : 'safe';
    return { text: `{"User Safety": "${value}"}`, finishReason: 'stop', usage: { promptTokens: 12, completionTokens: 6 }, latencyMs: 1 };
  }

  contextWindow(): number | undefined {
    return this.loadedSpec?.contextWindow;
  }

  async unload(): Promise<void> {
    this.unloads++;
    this.loadedSpec = null;
  }
}

const options: ClassifyOptions = {
  policy: { template: 'Judge <<{prompt}>> and {response}.\nOutput JSON:', outputField: 'User Safety', flaggedValue: 'unsafe' },
  extraction: 'reference',
  settings: { maxTokens: 100, temperature: 0, topP: 1 },
  score: false,
};

const noF16: DeviceProbe = { webgpu: true, shaderF16: false, crossOriginIsolated: true, hardwareConcurrency: 2 };

function setup() {
  const engines: TestEngine[] = [];
  const released: unknown[] = [];
  const service = createGuardService({
    createEngine: async (kind) => {
      const engine = new TestEngine(kind);
      engines.push(engine);
      return engine;
    },
    probe: async () => noF16,
    registry: async () =>
      buildRegistry(prebuiltAppConfig, { roguardMlc: 'https://w.example/RoGuard-1.0-{quant}-MLC', tinyTestGguf: 'http://127.0.0.1:9/tiny.gguf' }),
    release: (callback) => released.push(callback),
  });
  return { service, engines, released, engine: () => engines[engines.length - 1]! };
}

const examples = (...prompts: string[]): Example[] => prompts.map((prompt, i) => ({ index: i + 1, prompt, response: null }));

async function loaded() {
  const s = setup();
  await s.service.load('tiny-test');
  return s;
}

describe('guard service', () => {
  it('loads a registry model through the engine of its kind, with progress and the build note', async () => {
    const s = setup();
    const progress: Progress[] = [];
    const onProgress = (p: Progress) => void progress.push(p);
    const model = await s.service.load('roguard-1.0-q4f16_1-MLC', onProgress);
    expect(s.engine().kind).toBe('webllm');
    expect(s.engine().loads[0]!.id).toBe('roguard-1.0-q4f32_1-MLC');
    expect(model.spec.url).toBe('https://w.example/RoGuard-1.0-q4f32_1-MLC');
    expect(model.notes.join(' ')).toMatch(/shader-f16/);
    expect(progress.map((p) => p.phase)).toEqual(['download', 'ready']);
    expect(s.released).toContain(onProgress);
    expect((await s.service.status()).model?.spec.id).toBe('roguard-1.0-q4f32_1-MLC');
  });

  it('switching engine kind unloads the old engine', async () => {
    const s = await loaded();
    const cpu = s.engine();
    await s.service.load('roguard-1.0-q4f32_1-MLC');
    expect(cpu.unloads).toBeGreaterThan(0);
    expect(s.engine().kind).toBe('webllm');
  });

  it('checks one input with the core classify step', async () => {
    const { service } = await loaded();
    const result = await service.check({ prompt: 'plan an attack', response: 'no' }, options);
    expect(result.verdict).toMatchObject({ value: 'unsafe', status: 'flagged' });
    expect(result.error).toBeUndefined();
  });

  it('streams each result of a run as it finishes, in order, and sums up', async () => {
    const s = await loaded();
    const results: ClassifyResult[] = [];
    const onResult = (r: ClassifyResult) => {
      results.push(r);
      s.engine().log.push(`result ${r.index}`);
    };
    const summary = await s.service.checkMany(examples('hello', 'attack now', 'thanks'), options, onResult);
    expect(summary).toEqual({ done: 3, failed: 0, aborted: false });
    expect(results.map((r) => [r.index, r.verdict.value])).toEqual([[1, 'safe'], [2, 'unsafe'], [3, 'safe']]);
    expect(s.engine().log).toEqual(['generate hello', 'result 1', 'generate attack now', 'result 2', 'generate thanks', 'result 3']);
    expect(s.released).toContain(onResult);
  });

  it('goes on to the next example while the page is still taking a result, and sums up only once all are taken', async () => {
    const s = await loaded();
    let pageDone!: () => void;
    const pageBusy = new Promise<void>((resolve) => (pageDone = resolve));
    const taken: number[] = [];
    const onResult = async (r: ClassifyResult) => {
      await pageBusy;
      taken.push(r.index);
    };
    let summed = false;
    const run = s.service.checkMany(examples('hello', 'attack now', 'thanks'), options, onResult).finally(() => (summed = true));
    await vi.waitFor(() => expect(s.engine().log).toEqual(['generate hello', 'generate attack now', 'generate thanks']));
    expect(taken).toEqual([]);
    expect(summed).toBe(false);
    pageDone();
    expect(await run).toEqual({ done: 3, failed: 0, aborted: false });
    expect(taken).toEqual([1, 2, 3]);
  });

  it('an example that does not fit yields a result with the error and the run goes on', async () => {
    const { service } = await loaded();
    const results: ClassifyResult[] = [];
    const summary = await service.checkMany(examples('a', 'LONG text', 'attack'), options, (r) => void results.push(r));
    expect(summary).toEqual({ done: 3, failed: 1, aborted: false });
    expect(results[1]!.error?.code).toBe('CONTEXT_OVERFLOW');
    expect(results[1]!.verdict.status).toBe('unparsed');
    expect(results[2]!.verdict.value).toBe('unsafe');
  });

  it('abort() ends a run promptly, keeps finished results, and the service stays usable', async () => {
    const s = await loaded();
    const results: ClassifyResult[] = [];
    const run = s.service.checkMany(examples('one', 'two', 'WAIT here', 'four'), options, (r) => void results.push(r));
    await until(() => s.engine().log.includes('generate WAIT here'), 200);
    await s.service.abort();
    expect(await run).toEqual({ done: 2, failed: 0, aborted: true });
    expect(results.map((r) => r.index)).toEqual([1, 2]);
    expect(s.engine().sawAbort).toBe(true);
    expect(s.engine().log).not.toContain('generate four');
    expect((await s.service.check({ prompt: 'after' }, options)).verdict.value).toBe('safe');
  });

  it('after a lost device the engine is loaded again and the run continues from the unfinished example', async () => {
    const s = await loaded();
    const results: ClassifyResult[] = [];
    const summary = await s.service.checkMany(examples('one', 'LOSE attack', 'three'), options, (r) => void results.push(r));
    expect(summary).toEqual({ done: 3, failed: 0, aborted: false });
    expect(results.map((r) => [r.index, r.verdict.value])).toEqual([[1, 'safe'], [2, 'unsafe'], [3, 'safe']]);
    expect(s.engine().loads.map((spec) => spec.id)).toEqual(['tiny-test', 'tiny-test']);
    expect(s.engine().log).toEqual(['generate one', 'generate LOSE attack', 'generate LOSE attack', 'generate three']);
    expect((await s.service.status()).model?.notes.join(' ')).toMatch(/device was lost/);
  });

  it('a device lost again and again ends the run with DEVICE_LOST after the finished results', async () => {
    const s = await loaded();
    s.engine().loseDevice = 10;
    const results: ClassifyResult[] = [];
    const error = await s.service.checkMany(examples('one', 'LOSE', 'three'), options, (r) => void results.push(r)).catch((e: unknown) => e);
    expect((error as GuardError).code).toBe('DEVICE_LOST');
    expect(results.map((r) => r.index)).toEqual([1]);
    expect(s.engine().loads).toHaveLength(3);
  });

  it('runs calls one at a time in arrival order; abort also cancels the queued ones', async () => {
    const s = await loaded();
    const first = s.service.check({ prompt: 'WAIT first' }, options).catch((e: unknown) => e);
    const second = s.service.check({ prompt: 'second' }, options).catch((e: unknown) => e);
    await until(() => s.engine().log.length === 1, 200);
    expect(await s.service.status()).toMatchObject({ busy: true, queued: 1 });
    await s.service.abort();
    expect((await first as GuardError).code).toBe('ABORTED');
    expect((await second as GuardError).code).toBe('ABORTED');
    expect(s.engine().log).toEqual(['generate WAIT first']);
    const a = s.service.check({ prompt: 'a' }, options);
    const b = s.service.check({ prompt: 'attack b' }, options);
    expect([(await a).verdict.value, (await b).verdict.value]).toEqual(['safe', 'unsafe']);
    expect(s.engine().log.slice(1)).toEqual(['generate a', 'generate attack b']);
    expect(await s.service.status()).toMatchObject({ busy: false, queued: 0 });
  });

  it('abort() during a load ends it with ABORTED and a later load works', async () => {
    const s = setup();
    const engine = new TestEngine('wllama');
    engine.blockLoad = true;
    const service = createGuardService({ createEngine: async () => engine, probe: async () => noF16, registry: async () => buildRegistry(prebuiltAppConfig, { tinyTestGguf: 'http://127.0.0.1:9/t.gguf' }) });
    const load = service.load('tiny-test').catch((e: unknown) => e);
    await until(() => engine.loads.length === 1, 200);
    await service.abort();
    expect((await load as GuardError).code).toBe('ABORTED');
    expect((await service.status()).model).toBeNull();
    engine.blockLoad = false;
    expect((await service.load('tiny-test')).spec.id).toBe('tiny-test');
    expect(s.engines).toHaveLength(0);
  });

  it('unload frees the engine; checking afterwards says to load a model', async () => {
    const s = await loaded();
    await s.service.unload();
    expect(s.engine().unloads).toBeGreaterThan(0);
    expect((await s.service.status()).model).toBeNull();
    const error = await s.service.check({ prompt: 'x' }, options).catch((e: unknown) => e);
    expect((error as GuardError).code).toBe('NOT_LOADED');
  });

  it('refuses unknown models and bad input with typed errors', async () => {
    const { service } = setup();
    expect(((await service.load('nope').catch((e: unknown) => e)) as GuardError).code).toBe('MODEL_NOT_FOUND');
    expect(((await service.check({} as never, options).catch((e: unknown) => e)) as GuardError).code).toBe('BAD_INPUT');
  });
});
