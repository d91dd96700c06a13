/** A dataset's summary: its record less the examples and the read report, with their counts. */
import { normaliseDataset } from './normalise';
import type { DatasetRecord, DatasetSummary } from './records';

const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);

export function summaryOf(dataset: DatasetRecord): DatasetSummary {
  const { examples, report, ...fields } = dataset;
  return { ...fields, exampleCount: examples.length, reportedCount: report.length };
}

/** Reads a stored summary whatever build wrote it (fields missing from older records get defaults). */
export function normaliseSummary(v: unknown): DatasetSummary {
  const o = v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const exampleCount = count(o.exampleCount);
  const reportedCount = count(o.reportedCount);
  const { examples: _examples, report: _report, ...fields } = normaliseDataset({ rowCount: exampleCount + reportedCount, ...o, examples: [], report: [] });
  return { ...fields, exampleCount, reportedCount };
}
