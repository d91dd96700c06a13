/**
 * Pins that the worker's comlink API is a `RunApi` (checked by `tsc -p tsconfig.app.json`; never run):
 * the page hands `useGuard()`'s `Remote<GuardApi>` to the run controller as is.
 */
import type { Remote } from 'comlink';
import type { GuardApi } from '../../worker/api';
import type { RunApi } from './types';

export function asRunApi(api: Remote<GuardApi>): RunApi {
  return api;
}

export function fromGuardApi(api: GuardApi): RunApi {
  return api;
}
