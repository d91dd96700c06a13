/**
 * roguard-web: the RoGuard safety guard for web apps. Checks what users type and what a chat model
 * answers, in a web worker on the user's own GPU (WebGPU) or CPU (WebAssembly); nothing leaves the page.
 *
 *     const guard = createGuard({ model: 'roguard-1.0-q4f16_1-MLC', weightsUrl });
 *     const { flagged, categories } = await guard.check({ prompt: userText });
 */
export { createGuard } from './guard';
export { toModeration } from './moderation';
export { BUILT_IN_POLICIES } from './policies';
export { GuardError, isGuardError } from '../core/errors';
export type { GuardErrorCode, GuardErrorData } from '../core/errors';
export type { EngineKind, Progress } from '../core/engine';
export type { VerdictStatus } from '../core/result';
export type { DeviceProbe } from '../engines/device';
export type {
  BuiltInPolicyName,
  CheckInput,
  CheckManyOptions,
  CheckOptions,
  CustomPolicy,
  FailMode,
  Guard,
  GuardCategory,
  GuardCheckResult,
  GuardOptions,
  GuardVerdict,
  ModerationResult,
} from './types';
