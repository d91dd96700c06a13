/**
 * The guard worker: builds the service and exposes it. `expose` runs synchronously at module start:
 * a module worker that awaits before attaching its handler loses the first message.
 */
import { expose, releaseProxy } from 'comlink';
import { loadRegistry } from '../engines/registry';
import { probeDevice } from '../engines/probe';
import { createEngine } from './engine-factory';
import { registerGuardErrorTransfer } from './errors-transfer';
import { createGuardService } from './service';

registerGuardErrorTransfer();

expose(
  createGuardService({
    createEngine,
    probe: () => probeDevice(),
    registry: () => loadRegistry(),
    release: (callback) => {
      const remote = callback as { [releaseProxy]?: () => void } | undefined;
      try {
        remote?.[releaseProxy]?.();
      } catch {
        // Already released (the page passed the same proxy twice).
      }
    },
  }),
);
