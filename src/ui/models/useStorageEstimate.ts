import { useEffect, useState } from 'react';

export interface StorageFigure {
  usage: number;
  quota: number;
}

/**
 * `navigator.storage.estimate()`, read again whenever `refreshKey` changes (after a download, an
 * import or a deletion), so the figure the probe took at start-up does not go stale. Null until read
 * or where the browser has no Storage API.
 */
export function useStorageEstimate(refreshKey: unknown): StorageFigure | null {
  const [figure, setFigure] = useState<StorageFigure | null>(null);
  useEffect(() => {
    const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
    if (!storage?.estimate) return;
    let live = true;
    storage.estimate().then(
      ({ usage = 0, quota = 0 }) => live && setFigure({ usage, quota }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [refreshKey]);
  return figure;
}
