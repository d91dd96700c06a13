/** The dataset being added on the Benchmark page: reading the file, the draft, and saving it for a run. */
import { useCallback, useMemo, useRef, useState } from 'react';
import { GuardError, type GuardErrorData } from '../../core/errors';
import { readDataset } from '../../core/dataset/read';
import { guardDb } from '../../store/db';
import { addDataset } from '../../store/datasets';
import type { DatasetRecord } from '../../store/records';
import type { BenchmarkChoice } from './benchmark-configs';
import { datasetRecordOf, draftFromRead, prepareDraft, type DatasetDraft, type DraftSource, type PreparedDraft } from './dataset-draft';
import { countLabelValues, suggestFlaggedValue, type LabelSummary } from './label-counts';

const SAMPLE_FILE = 'roguard-sample.csv';

function errorData(error: unknown, fallback: GuardErrorData['code']): GuardErrorData {
  const e = error as Partial<GuardErrorData> | null;
  return { code: e?.code ?? fallback, message: e?.message ?? String(error) };
}

export interface DatasetDraftState {
  draft: DatasetDraft | null;
  prepared: PreparedDraft | null;
  labels: LabelSummary | null;
  reading: boolean;
  error: GuardErrorData | null;
  loadFile(file: File, benchmark: BenchmarkChoice | null): Promise<void>;
  loadSample(): Promise<void>;
  update(patch: Partial<Pick<DatasetDraft, 'mapping' | 'flaggedValue'>>): void;
  /** The draft as a stored dataset, saved once per set of examples. @throws GuardError STORAGE_QUOTA */
  save(): Promise<DatasetRecord>;
}

export function useDatasetDraft(): DatasetDraftState {
  const [draft, setDraft] = useState<DatasetDraft | null>(null);
  const [reading, setReading] = useState(false);
  const [error, setError] = useState<GuardErrorData | null>(null);
  const saved = useRef<{ key: string; read: DatasetDraft['read']; record: DatasetRecord } | null>(null);

  const prepared = useMemo(() => (draft ? prepareDraft(draft) : null), [draft]);
  const labels = useMemo(() => {
    if (!draft || !prepared || prepared.labelFlaggedValue === null) return null;
    return countLabelValues(prepared.examples, draft.flaggedValue);
  }, [draft, prepared]);

  const take = useCallback(async (name: string, bytes: () => Promise<Uint8Array>, source: DraftSource) => {
    setReading(true);
    setError(null);
    try {
      const read = await readDataset({ name, bytes: await bytes() });
      const next = draftFromRead(read, source);
      if (source.kind === 'file' && next.mapping?.label !== undefined) {
        // Offer the value that reads like "unsafe"; the person can change it.
        const values = countLabelValues(prepareDraft(next).examples, '').values;
        next.flaggedValue = suggestFlaggedValue(values, 'unsafe') ?? '';
      }
      saved.current = null;
      setDraft(next);
    } catch (e) {
      setError(errorData(e, 'BAD_INPUT'));
    } finally {
      setReading(false);
    }
  }, []);

  const loadFile = useCallback(
    (file: File, benchmark: BenchmarkChoice | null) =>
      take(file.name, async () => new Uint8Array(await file.arrayBuffer()), benchmark ? { kind: 'benchmark', configId: benchmark.id, config: benchmark.config } : { kind: 'file' }),
    [take],
  );

  const loadSample = useCallback(
    () =>
      take(
        SAMPLE_FILE,
        async () => {
          const response = await fetch(`${import.meta.env.BASE_URL}samples/${SAMPLE_FILE}`);
          if (!response.ok) throw new GuardError('BAD_INPUT', `The sample dataset could not be loaded (HTTP ${response.status}). Reload the page and try again.`);
          return new Uint8Array(await response.arrayBuffer());
        },
        { kind: 'sample' },
      ),
    [take],
  );

  const update = useCallback((patch: Partial<Pick<DatasetDraft, 'mapping' | 'flaggedValue'>>) => {
    setDraft((current) => (current ? { ...current, ...patch } : current));
  }, []);

  const save = useCallback(async () => {
    if (!draft || !prepared) throw new GuardError('BAD_INPUT', 'Choose a dataset first.');
    // The examples depend on the file and the mapping only (not on the flagged value).
    const key = JSON.stringify(draft.mapping);
    if (saved.current?.read === draft.read && saved.current.key === key) return saved.current.record;
    const record = await addDataset(guardDb(), datasetRecordOf(draft, prepared));
    saved.current = { key, read: draft.read, record };
    return record;
  }, [draft, prepared]);

  return { draft, prepared, labels, reading, error, loadFile, loadSample, update, save };
}
