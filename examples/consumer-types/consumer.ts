/**
 * A consumer of roguard-web's type declarations: compiles with `strict` and `skipLibCheck: false` only when
 * the published types are complete, and the @ts-expect-error lines prove they are not loose (`any`).
 */
import {
  BUILT_IN_POLICIES,
  createGuard,
  GuardError,
  isGuardError,
  toModeration,
  type BuiltInPolicyName,
  type CustomPolicy,
  type DeviceProbe,
  type Guard,
  type GuardCheckResult,
  type GuardErrorCode,
  type GuardOptions,
  type ModerationResult,
  type Progress,
  type VerdictStatus,
} from 'roguard-web';

const policy: CustomPolicy = {
  template: 'User: {prompt}\nAgent: {response}\nAnswer {{"Verdict": "ok" or "bad"}}',
  outputField: 'Verdict',
  flaggedValue: 'bad',
  categories: { C1: 'Spam' },
};

const options: GuardOptions = {
  model: 'roguard-1.0-q4f16_1-MLC',
  weightsUrl: 'https://example.com/RoGuard-1.0-q4f16_1-MLC',
  failMode: 'open',
  onProgress: (progress: Progress) => console.log(progress.phase, progress.loaded / Math.max(progress.total, 1)),
};

export async function screen(text: string, reply?: string): Promise<ModerationResult> {
  const guard: Guard = createGuard(options);
  const custom = createGuard({ model: 'tiny-test', engine: 'wllama', weightsUrl: '/tiny.gguf', config: policy, workerUrl: new URL('https://cdn.example.com/guard.worker.js') });
  await guard.ready;
  const result: GuardCheckResult = await guard.check({ prompt: text, response: reply ?? null }, { signal: AbortSignal.timeout(60_000) });
  const status: VerdictStatus | undefined = result.prompt?.status;
  const names: string[] = result.categories.map((category) => `${category.id} ${category.name}`);
  const score: number | null | undefined = result.scores.response ?? result.scores.prompt;
  const all: GuardCheckResult[] = await custom.checkMany([{ prompt: text }], { onResult: (one: GuardCheckResult, index: number) => console.log(index, one.flagged) });
  const probe: DeviceProbe = await guard.probe();
  const names2: readonly BuiltInPolicyName[] = BUILT_IN_POLICIES;
  console.log(status, names, score, all.length, probe.webgpu, names2, result.reason ?? '', result.error?.code);
  try {
    await guard.check({ prompt: text });
  } catch (error) {
    const code: GuardErrorCode | undefined = isGuardError(error) ? error.code : undefined;
    if (error instanceof GuardError && code === 'ABORTED') console.log(error.message, error.details);
  }
  // @ts-expect-error: not a shipped policy
  createGuard({ model: 'x', config: 'aegis3' });
  // @ts-expect-error: failMode is 'closed' or 'open'
  createGuard({ model: 'x', failMode: 'maybe' });
  // @ts-expect-error: a check needs a prompt
  void guard.check({ response: 'hello' });
  // @ts-expect-error: flagged is a boolean
  const wrong: string = result.flagged;
  console.log(wrong);
  guard.dispose();
  custom.dispose();
  return toModeration(result, guard.categories);
}
