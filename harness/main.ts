// Exposes the typed worker client (and the cache helpers it relies on) on `window` for Playwright and
// the headless `roguard eval --engine browser`; `core` lets a page compute metrics and exports itself.
import { GuardError } from '../src/core/errors';
import { evaluate } from '../src/core/evaluation';
import { evaluationSummaryCsv, resultsJsonl } from '../src/core/result-files';
import { deleteCachedModel, inspectModelCache, repairModelCache } from '../src/engines/cache';
import { importModelFolder } from '../src/engines/cache-import';
import { probeDevice } from '../src/engines/probe';
import { createGuardClient } from '../src/worker/client';

const roguard = {
  createGuardClient,
  GuardError,
  probeDevice,
  cache: { inspectModelCache, repairModelCache, deleteCachedModel, importModelFolder },
  core: { evaluate, resultsJsonl, evaluationSummaryCsv },
};

/** What Playwright specs find on `window.roguard` (importing this type also brings the global declaration). */
export type RoguardHarness = typeof roguard;

declare global {
  interface Window {
    roguard: typeof roguard;
  }
}

window.roguard = roguard;
document.body.dataset.ready = 'true';
