import { useState } from 'react';
import { StatusBadge } from '../components/Badge';
import { oneLine } from '../components/one-line';
import { ExpandButton, VirtualRows } from '../components/VirtualRows';
import { labelText } from '../../core/labels';
import type { Disagreement } from './align';

interface DisagreementListProps {
  disagreements: readonly Disagreement[];
  baseId: number;
  otherId: number;
}

/** The "port parity" view: every example whose verdict flips between the two runs, expandable to both raw outputs. */
export function DisagreementList({ disagreements, baseId, otherId }: DisagreementListProps) {
  const [open, setOpen] = useState<number | null>(null);
  return (
    <div className="disagreements">
      <h4>
        Examples where the verdicts differ: <span data-testid={`disagreements-${otherId}`}>{disagreements.length}</span>
      </h4>
      {disagreements.length === 0 ? (
        <p className="muted small">Both runs gave the same verdict on every paired example.</p>
      ) : (
        <div className="results-table" role="table" aria-label={`Verdicts that differ between run ${baseId} and run ${otherId}`} aria-rowcount={disagreements.length + 1}>
          <div role="row" className="results-row disagreement-row results-head" aria-rowindex={1}>
            <span role="columnheader">#</span>
            <span role="columnheader">Prompt</span>
            <span role="columnheader">Label</span>
            <span role="columnheader">Run #{baseId}</span>
            <span role="columnheader">Run #{otherId}</span>
          </div>
          <VirtualRows
            rows={disagreements}
            rowKey={(row) => row.index}
            rowClassName={() => 'results-row disagreement-row'}
            label="Differing examples (scrollable)"
            className="disagreement-scroll"
            overscan={8}
            renderCells={({ index, a, b }) => {
              const expanded = open === index;
              return (
                <>
                  <span role="cell">
                    <ExpandButton index={index} open={expanded} what="both outputs" onToggle={() => setOpen(expanded ? null : index)} />
                  </span>
                  <span role="cell" className="cell-text">
                    {oneLine(a.prompt, 140)}
                  </span>
                  <span role="cell">{a.label === undefined ? '' : labelText(a.label)}</span>
                  <span role="cell">
                    <StatusBadge status={a.verdict.status} />
                  </span>
                  <span role="cell">
                    <StatusBadge status={b.verdict.status} />
                  </span>
                  {expanded && (
                    <div className="result-details" role="cell">
                      <h5>Prompt</h5>
                      <pre className="verbatim">{a.prompt}</pre>
                      {a.response !== null && (
                        <>
                          <h5>Response</h5>
                          <pre className="verbatim">{a.response}</pre>
                        </>
                      )}
                      <div className="grid-2 raw-pair">
                        <RawOutput runId={baseId} raw={a.raw} value={a.verdict.value} />
                        <RawOutput runId={otherId} raw={b.raw} value={b.verdict.value} />
                      </div>
                    </div>
                  )}
                </>
              );
            }}
          />
        </div>
      )}
    </div>
  );
}

function RawOutput({ runId, raw, value }: { runId: number; raw: string; value: string }) {
  return (
    <div>
      <h5>Run #{runId} raw output</h5>
      <pre className="verbatim">{raw}</pre>
      <p className="small muted">Verdict value: {value === '' ? '(none)' : <code>{value}</code>}</p>
    </div>
  );
}
