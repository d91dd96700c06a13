import { useGuard } from '../guard/context';
import { ErrorNotice } from './ErrorNotice';
import { LoadProgress } from './LoadProgress';

/** Which model a page will use, with a Load button, progress and load errors, right where they matter. */
export function ModelStatus() {
  const { model, load, entries, selectedModelId, loadModel, cancelLoad } = useGuard();
  const selectedLabel = entries?.find((entry) => entry.id === selectedModelId)?.label ?? selectedModelId;
  return (
    <div className="model-status">
      {model ? (
        <p className="row">
          <span>
            Model: <strong>{model.spec.id}</strong> ({model.spec.engine === 'webllm' ? 'WebGPU' : model.spec.engine === 'wllama' ? 'CPU' : 'server'})
          </span>
          <a href="#/models">Change</a>
        </p>
      ) : load.phase !== 'loading' ? (
        <p className="row">
          <span>No model loaded.</span>
          <button type="button" onClick={() => void loadModel()}>
            Load {selectedLabel}
          </button>
          <a href="#/models">Choose another model</a>
        </p>
      ) : null}
      {model?.notes.map((note) => (
        <p key={note} className="notice small">
          {note}
        </p>
      ))}
      <LoadProgress load={load} onCancel={() => void cancelLoad()} />
      {load.phase === 'failed' && load.error && (
        <ErrorNotice error={load.error}>
          <button type="button" onClick={() => void loadModel(load.request ?? undefined)}>
            Try again
          </button>
        </ErrorNotice>
      )}
    </div>
  );
}
