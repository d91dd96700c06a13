import { useMemo, useState } from 'react';
import type { ClassifyOptions } from '../../core/result';
import { ErrorNotice } from '../components/ErrorNotice';
import { shippedPolicies } from '../check/policy-sources';
import { useGuard } from '../guard/context';
import type { RunSettings } from '../run/types';
import { DatasetPreview } from './DatasetPreview';
import { DatasetSource } from './DatasetSource';
import { inspectObject } from './dataset-draft';
import { downloadText, safeFileName } from './download';
import { LabelValues } from './LabelValues';
import { MappingEditor } from './MappingEditor';
import { Preflight } from './Preflight';
import { ReadReport } from './ReadReport';
import { ResultsSection } from './ResultsSection';
import { ResumableRuns } from './RunControls';
import { RunSetup, type SetupChoice } from './RunSetup';
import { useDatasetDraft } from './use-dataset-draft';
import { useRunController } from './use-run-controller';
import './benchmark.css';
import './results-table.css';

/** A policy that judges the response, for datasets of prompt/response pairs such as the sample. */
const PAIR_POLICY = 'aegis2_response.json';

/** Add a dataset, check how it was read and mapped, run the guard over it, and read the results. */
export function BenchmarkPage() {
  const guard = useGuard();
  const runs = useRunController(guard.api);
  const data = useDatasetDraft();
  const { options: policies, problems } = shippedPolicies();
  const [setup, setSetup] = useState<SetupChoice>({ policyId: policies[0]?.id ?? '', extraction: 'robust' });
  const [startError, setStartError] = useState<string | null>(null);
  const { draft, prepared, labels } = data;

  const benchmarkPolicyId = draft?.source.kind === 'benchmark' ? draft.source.configId : null;
  const policy = policies.find((option) => option.id === setup.policyId) ?? null;
  const settings = useMemo(
    () =>
      policy === null
        ? null
        : setup.extraction === 'reference'
          ? { maxTokens: policy.maxTokens, temperature: 0.2, topP: 1 }
          : { maxTokens: policy.maxTokens, temperature: 0, topP: 1 },
    [policy, setup.extraction],
  );
  const classifyOptions = useMemo<ClassifyOptions | null>(() => {
    if (!policy || !settings || !prepared) return null;
    const nullResponseText = setup.extraction === 'reference' ? prepared.nullResponseText : '';
    return { policy: policy.policy, extraction: setup.extraction, settings, nullResponseText };
  }, [policy, settings, prepared, setup.extraction]);

  const chooseSource = (kind: 'file' | 'sample' | 'benchmark', configId?: string) => {
    const id = kind === 'benchmark' ? configId : kind === 'sample' ? PAIR_POLICY : undefined;
    if (id && policies.some((option) => option.id === id)) setSetup((current) => ({ ...current, policyId: id }));
  };

  const blocked = !prepared
    ? 'Choose a dataset first.'
    : prepared.examples.length === 0
      ? 'The dataset has no examples to run.'
      : prepared.labelFlaggedValue !== null && prepared.labelFlaggedValue.trim() === ''
        ? 'Say which label value means unsafe.'
        : !guard.model
          ? 'Load a model on the Models page first.'
          : !policy
            ? 'Choose a policy.'
            : null;

  const start = async () => {
    if (blocked || !prepared || !draft || !policy || !settings || !guard.model) return;
    setStartError(null);
    let dataset;
    try {
      dataset = await data.save();
    } catch (error) {
      setStartError(error instanceof Error ? error.message : String((error as { message?: string }).message ?? error));
      return;
    }
    const spec = guard.model.spec;
    const run: RunSettings = {
      name: draft.source.kind === 'benchmark' ? draft.source.config.name : prepared.name.replace(/\.[^.]+$/, ''),
      policy: policy.policy,
      extraction: setup.extraction,
      settings,
      labelFlaggedValue: prepared.labelFlaggedValue,
      model: { id: spec.id, weightsRevision: spec.url ?? 'unknown', engine: spec.engine },
      snapshot: draft.source.kind === 'benchmark' ? { ...draft.source.config } : null,
    };
    await runs.start(dataset, run);
  };

  const currentRunId = runs.progress?.runId ?? runs.finished?.id ?? null;
  const downloadReport = () => {
    if (!draft || !prepared) return;
    downloadText(`${JSON.stringify(inspectObject(draft, prepared), null, 2)}\n`, `${safeFileName(draft.read.file)}-inspect.json`, 'application/json');
  };

  return (
    <section aria-labelledby="page-title" className="benchmark-page">
      <div className="page-head">
        <h2 id="page-title" tabIndex={-1}>
          Benchmark
        </h2>
        <p>Run the guard over a whole dataset in this browser: every row accounted for, results cached, the reference's result files to download.</p>
      </div>
      <ResumableRuns
        runs={runs.resumable.filter((run) => run.id !== runs.progress?.runId)}
        loadedModelId={guard.model?.spec.id ?? null}
        busy={runs.active}
        onResume={(id) => void runs.resume(id)}
        onCancel={(id) => void runs.cancel(id)}
      />
      <DatasetSource
        busy={data.reading || runs.active}
        onSample={() => {
          chooseSource('sample');
          void data.loadSample();
        }}
        onFile={(file, benchmark) => {
          chooseSource(benchmark ? 'benchmark' : 'file', benchmark?.id);
          void data.loadFile(file, benchmark);
        }}
      />
      {data.reading && <p aria-live="polite">Reading the file…</p>}
      {data.error && <ErrorNotice error={data.error} hideLinkTo="benchmark" />}
      {draft && prepared && (
        <section className="panel" aria-labelledby="dataset-heading">
          <h3 id="dataset-heading">2. Check the data and run</h3>
          <div className="grid-2 dataset-grid">
            <ReadReport read={draft.read} prepared={prepared} onDownload={downloadReport} />
            <div className="stack">
              {draft.source.kind !== 'benchmark' && (
                <MappingEditor
                  columns={draft.read.columns}
                  mapping={draft.mapping ?? { prompt: '' }}
                  detected={draft.detected}
                  onChange={(mapping) => data.update({ mapping: mapping.prompt === '' ? null : mapping })}
                />
              )}
              {labels && draft.source.kind !== 'benchmark' && (
                <LabelValues summary={labels} flaggedValue={draft.flaggedValue} onChange={(flaggedValue) => data.update({ flaggedValue })} />
              )}
              {labels && draft.source.kind === 'benchmark' && (
                <p className="small">
                  {labels.flagged} unsafe, {labels.notFlagged} safe{labels.skipped ? `, ${labels.skipped} skipped` : ''} by the config's label{' '}
                  <code>{draft.source.config.eval_label_field}</code> = <code>{draft.flaggedValue}</code>.
                </p>
              )}
            </div>
          </div>
          {prepared.problem && (
            <p className="notice notice-warning" role="alert">
              {prepared.problem}
            </p>
          )}
          <h4>Preview</h4>
          <DatasetPreview columns={draft.read.columns} rows={draft.read.rows} mapped={draft.mapping ?? {}} />
          <RunSetup
            policies={policies}
            choice={setup}
            onChange={setSetup}
            benchmarkPolicyId={benchmarkPolicyId}
            modelLabel={guard.model ? (guard.entries?.find((e) => e.id === guard.model?.spec.id)?.label ?? guard.model.spec.id) : null}
            disabled={runs.active}
          />
          {problems.length > 0 && <p className="muted small">{problems.length} config(s) could not be offered: {problems.map((p) => p.file).join(', ')}.</p>}
          <Preflight guard={guard} examples={prepared.examples} options={classifyOptions} disabled={runs.active} />
          <div className="run-start">
            {runs.active ? (
              <p className="field-hint">A run is going: pause or cancel it below before starting another.</p>
            ) : (
              <button type="button" className="primary" onClick={() => void start()} disabled={blocked !== null}>
                Start run
              </button>
            )}
            {blocked && !runs.active && <p className="field-hint">{blocked}</p>}
          </div>
          {startError && (
            <p className="notice notice-error" role="alert">
              {startError}
            </p>
          )}
        </section>
      )}
      {runs.error && <ErrorNotice error={runs.error} hideLinkTo="benchmark" />}
      {currentRunId !== null && <ResultsSection runId={currentRunId} runs={runs} loadedModelId={guard.model?.spec.id ?? null} />}
    </section>
  );
}
