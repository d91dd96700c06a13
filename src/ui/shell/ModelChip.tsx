import { useGuard } from '../guard/context';

/** The header's one-line model status, so every page shows what a check would run on. */
export function ModelChip() {
  const { model, load } = useGuard();
  let text: React.ReactNode;
  if (load.phase === 'loading') text = <>Loading <strong>{load.modelId}</strong>…</>;
  else if (model) text = <>Model <strong>{model.spec.id}</strong></>;
  else if (load.phase === 'failed') text = <>Load failed: <strong>{load.modelId}</strong></>;
  else text = <>No model loaded</>;
  return (
    <p className="model-chip" aria-live="polite">
      <span aria-hidden="true">{model ? '●' : '○'}</span>
      <a href="#/models">{text}</a>
    </p>
  );
}
