import { useEffect, useRef, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/** Tallest a scrolling list of rows grows before it scrolls, px. */
const MAX_HEIGHT = 540;

interface VirtualRowsProps<T> {
  rows: readonly T[];
  /** A stable key per row (an example index), so expanded rows keep their measured height. */
  rowKey(row: T): number;
  rowClassName(row: T): string;
  /** The row's cells (each with `role="cell"`). */
  renderCells(row: T): ReactNode;
  /** Accessible name of the scrolling row group. */
  label: string;
  className?: string;
  overscan?: number;
  /** When this changes the list scrolls back to its first row (a new filter or search). */
  resetKey?: unknown;
}

/**
 * The body of a `role="table"`: only the rows in view are in the page, so 100k results scroll
 * smoothly; rows measure themselves, so an expanded row pushes the next ones down.
 */
export function VirtualRows<T>({ rows, rowKey, rowClassName, renderCells, label, className, overscan = 12, resetKey }: VirtualRowsProps<T>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 44,
    overscan,
    getItemKey: (i) => rowKey(rows[i]!),
  });

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [resetKey]);

  const height = virtualizer.getTotalSize();
  return (
    <div ref={scrollRef} className={`results-scroll${className ? ` ${className}` : ''}`} role="rowgroup" tabIndex={0} aria-label={label} style={{ height: Math.min(height + 2, MAX_HEIGHT) }}>
      <div style={{ height, position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              role="row"
              aria-rowindex={item.index + 2}
              className={rowClassName(row)}
              style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${item.start}px)` }}
            >
              {renderCells(row)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** The first cell of an expandable row: a toggle that shows the example number. */
export function ExpandButton({ index, open, what, onToggle }: { index: number; open: boolean; what: string; onToggle(): void }) {
  return (
    <button type="button" className="expand" aria-expanded={open} onClick={onToggle} aria-label={`Example ${index}: ${open ? 'hide' : 'show'} ${what}`}>
      <span aria-hidden="true">{open ? '▾' : '▸'}</span> {index}
    </button>
  );
}
