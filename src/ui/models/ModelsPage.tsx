import { useEffect } from 'react';
import { ModelStatus } from '../components/ModelStatus';
import { useGuard } from '../guard/context';
import { CustomModelForm } from './CustomModelForm';
import { DevicePanel } from './DevicePanel';
import { EngineChoice } from './EngineChoice';
import { FolderImport } from './FolderImport';
import { ModelList } from './ModelList';
import { useModelCache } from './useModelCache';
import { WeightsSettings } from './WeightsSettings';

/** Device, engine, models (load, progress, cache) and where the weights come from. */
export function ModelsPage() {
  const { model, load, entries, engine, requestEntries, unloadModel } = useGuard();
  useEffect(requestEntries, [requestEntries]);
  const cache = useModelCache(entries, `${model?.spec.id}:${load.phase}`);
  return (
    <section aria-labelledby="page-title">
      <div className="page-head">
        <h2 id="page-title" tabIndex={-1}>
          Models
        </h2>
        <p>Choose the engine and the model. Weights are downloaded once and kept in this browser for the next visit.</p>
      </div>
      <div className="grid-2">
        <div>
          <section className="panel" aria-labelledby="current-title">
            <h3 id="current-title">Current model</h3>
            <EngineChoice />
            <ModelStatus />
            {model && load.phase !== 'loading' && (
              <button type="button" onClick={() => void unloadModel()}>
                Unload {model.spec.id}
              </button>
            )}
          </section>
          <ModelList cache={cache} />
          <FolderImport onImported={cache.refresh} />
        </div>
        <div>
          <DevicePanel storageKey={cache.version} />
          <WeightsSettings />
          {engine === 'webgpu' && <CustomModelForm />}
        </div>
      </div>
    </section>
  );
}
