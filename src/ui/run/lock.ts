/**
 * One tab drives a run at a time: a named lock per run, held while a session runs. In the browser it
 * is a Web Lock (released by the browser when the tab closes or crashes); tests inject `memoryLocks()`.
 */

/** What a lock attempt gave: the work's value when the lock was free, `acquired: false` when another holder has it. */
export type LockOutcome<T> = { acquired: true; value: T } | { acquired: false };

/** Runs `work` holding the lock of `runId`, or returns at once when someone else holds it. */
export type LockRun = <T>(runId: number, work: () => Promise<T>) => Promise<LockOutcome<T>>;

/** Whether someone (this tab included) holds the lock of `runId`, without taking it. */
export type IsRunLocked = (runId: number) => Promise<boolean>;

export interface RunLocks {
  lockRun: LockRun;
  isRunLocked: IsRunLocked;
}

export function runLockName(runId: number): string {
  return `roguard-run-${runId}`;
}

/** Locks shared by every controller given the same instance (one map = one "browser"). */
export function memoryLocks(): RunLocks {
  const held = new Set<number>();
  const lockRun = async <T>(runId: number, work: () => Promise<T>): Promise<LockOutcome<T>> => {
    if (held.has(runId)) return { acquired: false };
    held.add(runId);
    try {
      return { acquired: true, value: await work() };
    } finally {
      held.delete(runId);
    }
  };
  return { lockRun, isRunLocked: async (runId) => held.has(runId) };
}

/**
 * Web Locks across the tabs of this origin; without them (an old browser, a non-secure page) every
 * attempt succeeds, as before this lock existed.
 */
export function browserLocks(): RunLocks {
  const locks = typeof navigator === 'undefined' ? undefined : (navigator as { locks?: LockManager }).locks;
  if (!locks) return { lockRun: async (_runId, work) => ({ acquired: true, value: await work() }), isRunLocked: async () => false };
  const lockRun = async <T>(runId: number, work: () => Promise<T>): Promise<LockOutcome<T>> => {
    let outcome: LockOutcome<T> = { acquired: false };
    await locks.request(runLockName(runId), { ifAvailable: true }, async (lock) => {
      if (lock === null) return;
      outcome = { acquired: true, value: await work() };
    });
    return outcome;
  };
  const isRunLocked = async (runId: number): Promise<boolean> => {
    const name = runLockName(runId);
    const { held = [] } = await locks.query();
    return held.some((lock) => lock.name === name);
  };
  return { lockRun, isRunLocked };
}
