/** Dataset reading, column mapping, benchmark loaders and the per-file account, for the page, the worker and the CLI. */
export { readDataset } from './read';
export type { DatasetEncoding, DatasetFile, DatasetFormat, DatasetRead, DatasetRow, ReadOptions, ReportedRow } from './types';
export { applyMapping, COLUMN_NAMES, detectMapping, resolveColumn } from './mapping';
export type { ColumnMapping } from './mapping';
export { inspectionRecord, inspectRead, toJsonText } from './inspect';
export type { Inspection } from './inspect';
export { benchmarkNames, benchmarkSources, isBenchmarkName, prepareBenchmark } from './benchmarks';
export type { BenchmarkName, BenchmarkSource, PreparedBenchmark } from './benchmarks';
