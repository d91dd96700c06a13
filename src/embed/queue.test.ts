import { describe, expect, it, vi } from 'vitest';
import { GuardError } from '../core/errors';
import { createTaskQueue } from './queue';

/** A task the test finishes by hand, recording when it started. */
function manual<T>(log: string[], name: string) {
  let finish!: (value: T) => void;
  let fail!: (error: unknown) => void;
  const work = () => {
    log.push(`start ${name}`);
    return new Promise<T>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { work, finish: (value: T) => finish(value), fail: (error: unknown) => fail(error) };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const codeOf = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: GuardError) => error.code);

describe('task queue', () => {
  it('runs tasks one at a time in call order', async () => {
    const queue = createTaskQueue();
    const log: string[] = [];
    const owner = {};
    const a = manual<string>(log, 'a');
    const b = manual<string>(log, 'b');
    const first = queue.push(owner, a.work, () => {});
    const second = queue.push(owner, b.work, () => {});
    await tick();
    expect(log).toEqual(['start a']);
    a.finish('A');
    expect(await first).toBe('A');
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.fail(new Error('boom'));
    await expect(second).rejects.toThrow('boom');
  });

  it('a queued task stopped by its signal never runs', async () => {
    const queue = createTaskQueue();
    const log: string[] = [];
    const a = manual<string>(log, 'a');
    const b = manual<string>(log, 'b');
    const controller = new AbortController();
    const first = queue.push({}, a.work, () => {});
    const second = queue.push({}, b.work, () => {}, controller.signal);
    controller.abort();
    expect(await codeOf(second)).toBe('ABORTED');
    a.finish('A');
    await first;
    await tick();
    expect(log).toEqual(['start a']);
    expect(await codeOf(queue.push({}, async () => 'later', () => {}, AbortSignal.abort()))).toBe('ABORTED');
  });

  it('a running task stopped by its signal cancels and rejects at once; the next waits until its work settles', async () => {
    const queue = createTaskQueue();
    const log: string[] = [];
    const a = manual<string>(log, 'a');
    const b = manual<string>(log, 'b');
    const cancel = vi.fn();
    const controller = new AbortController();
    const first = queue.push({}, a.work, cancel, controller.signal);
    const second = queue.push({}, b.work, () => {});
    await tick();
    controller.abort();
    expect(cancel).toHaveBeenCalledTimes(1);
    expect(await codeOf(first)).toBe('ABORTED');
    await tick();
    expect(log).toEqual(['start a']);
    a.fail(new GuardError('ABORTED', 'stopped in the worker'));
    await tick();
    expect(log).toEqual(['start a', 'start b']);
    b.finish('B');
    expect(await second).toBe('B');
  });

  it('cancelOwner drops that owner\'s tasks only; close rejects everything', async () => {
    const queue = createTaskQueue();
    const log: string[] = [];
    const mine = {};
    const theirs = {};
    const a = manual<string>(log, 'a');
    const cancel = vi.fn();
    const running = queue.push(mine, a.work, cancel);
    const queuedMine = queue.push(mine, manual<string>(log, 'b').work, () => {});
    const queuedTheirs = queue.push(theirs, async () => 'theirs', () => {});
    await tick();
    const disposed = new GuardError('ABORTED', 'disposed');
    queue.cancelOwner(mine, disposed);
    expect(cancel).toHaveBeenCalledTimes(1);
    await expect(running).rejects.toBe(disposed);
    await expect(queuedMine).rejects.toBe(disposed);
    a.finish('late');
    expect(await queuedTheirs).toBe('theirs');
    expect(log).toEqual(['start a']);

    const hanging = queue.push(theirs, () => new Promise<never>(() => {}), () => {});
    const after = queue.push(theirs, async () => 'never', () => {});
    const closed = new GuardError('ABORTED', 'closed');
    queue.close(closed);
    await expect(hanging).rejects.toBe(closed);
    await expect(after).rejects.toBe(closed);
    await expect(queue.push(theirs, async () => 1, () => {})).rejects.toBe(closed);
  });
});
