import { useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { StatusBadge } from '../components/Badge';
import { labelText } from '../../core/labels';
import type { Disagreement } from './align';

/** Tallest the scrolling list grows before it scrolls, px. */
const MAX_HEIGHT = 540;

const oneLine = (text: string, max = 140) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
};

interface DisagreementListProps {
  disagreements: readonly Disagreement[];
  baseId: number;
  otherId: number;
}

/** The "port parity" view: every example whose verdict flips between the two runs, expandable to both raw outputs. */
export function DisagreementList({ disagreements, baseId, otherId }: DisagreementListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<number | null>(null);
  const virtualizer = useVirtualizer({
    count: disagreements.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 44,
    overscan: 8,
    getItemKey: (i) => disagreements[i]!.index,
  });
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
          <div ref={scrollRef} className="results-scroll disagreement-scroll" role="rowgroup" tabIndex={0} aria-label="Differing examples (scrollable)" style={{ height: Math.min(virtualizer.getTotalSize() + 2, MAX_HEIGHT) }}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const { index, a, b } = disagreements[item.index]!;
                const expanded = open === index;
                return (
                  <div
                    key={item.key}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className="results-row disagreement-row"
                    style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
                  >
                    <span role="cell">
                      <button type="button" className="expand" aria-expanded={expanded} onClick={() => setOpen(expanded ? null : index)} aria-label={`Example ${index}: ${expanded ? 'hide' : 'show'} both outputs`}>
                        <span aria-hidden="true">{expanded ? '▾' : '▸'}</span> {index}
                      </button>
                    </span>
                    <span role="cell" className="cell-text">
                      {oneLine(a.prompt)}
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
                          <div>
                            <h5>Run #{baseId} raw output</h5>
                            <pre className="verbatim">{a.raw}</pre>
                            <p className="small muted">Verdict value: {a.verdict.value === '' ? '(none)' : <code>{a.verdict.value}</code>}</p>
                          </div>
                          <div>
                            <h5>Run #{otherId} raw output</h5>
                            <pre className="verbatim">{b.raw}</pre>
                            <p className="small muted">Verdict value: {b.verdict.value === '' ? '(none)' : <code>{b.verdict.value}</code>}</p>
                          </div>
                        </div>
                      </div>
                    )}
                  </div>
                );
              })}
            </div>
          </div>
        </div>
      )}
    </div>
  );
}
