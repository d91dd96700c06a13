/**
 * Records as read from IndexedDB may come from an older version of the app, a partial write of an
 * older build or an import: every field is checked and defaulted here, so new code never crashes on
 * an old record.
 */
import type { FinishReason, GenerationSettings, Usage } from '../core/engine';
import type { GuardErrorData } from '../core/errors';
import type { Example } from '../core/example';
import type { Policy, Verdict } from '../core/result';
import type {
  CacheRecord,
  DatasetRecord,
  ReportedRow,
  ResultRecord,
  RunConfig,
  RunCounts,
  RunMetrics,
  RunRecord,
  RunStatus,
  ColumnMapping,
} from './records';

type Loose = Record<string, unknown>;

const obj = (v: unknown): Loose => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Loose) : {});
const str = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);
const num = (v: unknown, fallback = 0): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
const numOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

const RUN_STATUSES: RunStatus[] = ['running', 'paused', 'done', 'failed', 'cancelled'];
const FINISH_REASONS: FinishReason[] = ['stop', 'length', 'abort', 'early'];

export function normaliseUsage(v: unknown): Usage {
  const u = obj(v);
  const usage: Usage = { promptTokens: num(u.promptTokens), completionTokens: num(u.completionTokens) };
  if (typeof u.cachedPromptTokens === 'number') usage.cachedPromptTokens = u.cachedPromptTokens;
  return usage;
}

export function normaliseVerdict(v: unknown): Verdict {
  const o = obj(v);
  const status = o.status === 'flagged' || o.status === 'safe' ? o.status : 'unparsed';
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(obj(o.fields))) if (typeof value === 'string') fields[key] = value;
  return { value: str(o.value), status, categories: strings(o.categories), fields };
}

export function normaliseError(v: unknown): GuardErrorData | null {
  const o = obj(v);
  if (typeof o.code !== 'string') return null;
  const error: GuardErrorData = { code: o.code as GuardErrorData['code'], message: str(o.message, o.code) };
  if (o.details !== null && typeof o.details === 'object') error.details = o.details as GuardErrorData['details'];
  return error;
}

function finishReason(v: unknown): FinishReason {
  return FINISH_REASONS.includes(v as FinishReason) ? (v as FinishReason) : 'stop';
}

function normaliseExample(v: unknown, position: number): Example {
  const o = obj(v);
  const example: Example = {
    index: num(o.index, position + 1),
    prompt: str(o.prompt),
    response: typeof o.response === 'string' ? o.response : null,
  };
  if ('label' in o && o.label !== undefined) example.label = o.label as Example['label'];
  return example;
}

function normaliseMapping(v: unknown): ColumnMapping | null {
  const o = obj(v);
  if (typeof o.prompt !== 'string') return null;
  const mapping: ColumnMapping = { prompt: o.prompt };
  if (typeof o.response === 'string') mapping.response = o.response;
  if (typeof o.label === 'string') mapping.label = o.label;
  return mapping;
}

export function normaliseDataset(v: unknown): DatasetRecord {
  const o = obj(v);
  const examples = Array.isArray(o.examples) ? o.examples.map(normaliseExample) : [];
  const report: ReportedRow[] = Array.isArray(o.report)
    ? o.report.map((r) => ({ row: numOrNull(obj(r).row), reason: str(obj(r).reason) }))
    : [];
  return {
    id: num(o.id),
    name: str(o.name, 'dataset'),
    fileName: str(o.fileName),
    rowCount: num(o.rowCount, examples.length + report.length),
    columns: strings(o.columns),
    mapping: normaliseMapping(o.mapping),
    benchmark: strOrNull(o.benchmark),
    examples,
    nullResponseText: o.nullResponseText === 'None' ? 'None' : '',
    report,
    createdAt: num(o.createdAt),
  };
}

export function normalisePolicy(v: unknown): Policy {
  const o = obj(v);
  const policy: Policy = { template: str(o.template), outputField: str(o.outputField), flaggedValue: str(o.flaggedValue) };
  const categories = obj(o.categories);
  if (Object.keys(categories).length > 0) {
    policy.categories = Object.fromEntries(Object.entries(categories).filter(([, name]) => typeof name === 'string')) as Record<string, string>;
  }
  return policy;
}

function normaliseSettings(v: unknown): GenerationSettings {
  const o = obj(v);
  const settings: GenerationSettings = { maxTokens: num(o.maxTokens, 100), temperature: num(o.temperature, 0.2), topP: num(o.topP, 1) };
  if (typeof o.seed === 'number') settings.seed = o.seed;
  if (typeof o.topLogprobs === 'number') settings.topLogprobs = o.topLogprobs;
  return settings;
}

function normaliseConfig(v: unknown): RunConfig {
  const o = obj(v);
  return {
    name: str(o.name, 'run'),
    policy: normalisePolicy(o.policy),
    extraction: o.extraction === 'reference' ? 'reference' : 'robust',
    settings: normaliseSettings(o.settings),
    earlyStop: o.earlyStop !== false,
    score: o.score !== false,
    nullResponseText: o.nullResponseText === 'None' ? 'None' : '',
    labelFlaggedValue: strOrNull(o.labelFlaggedValue),
    snapshot: o.snapshot !== null && typeof o.snapshot === 'object' ? (o.snapshot as Record<string, unknown>) : null,
  };
}

function normaliseCounts(v: unknown): RunCounts {
  const o = obj(v);
  return { tp: num(o.tp), fn: num(o.fn), fp: num(o.fp), tn: num(o.tn) };
}

function normaliseMetrics(v: unknown): RunMetrics | null {
  if (v === null || typeof v !== 'object') return null;
  const o = obj(v);
  return {
    counts: normaliseCounts(o.counts),
    precision: num(o.precision),
    recall: num(o.recall),
    f1: num(o.f1),
    fpr: num(o.fpr),
    total: num(o.total),
    skipped: num(o.skipped),
    unparsed: num(o.unparsed),
  };
}

export function normaliseRun(v: unknown): RunRecord {
  const o = obj(v);
  const config = normaliseConfig(o.config);
  const model = obj(o.model);
  const timings = obj(o.timings);
  const createdAt = num(o.createdAt);
  return {
    id: num(o.id),
    datasetId: num(o.datasetId),
    datasetName: str(o.datasetName),
    config,
    templateText: str(o.templateText, config.policy.template),
    model: {
      id: str(model.id, str(o.modelId)),
      weightsRevision: str(model.weightsRevision, 'unknown'),
      engine: model.engine === 'webllm' || model.engine === 'wllama' || model.engine === 'openai' ? model.engine : null,
    },
    status: RUN_STATUSES.includes(o.status as RunStatus) ? (o.status as RunStatus) : 'paused',
    done: num(o.done),
    total: num(o.total),
    cacheHits: num(o.cacheHits),
    duplicates: num(o.duplicates),
    errors: num(o.errors),
    metrics: normaliseMetrics(o.metrics),
    timings: {
      startedAt: numOrNull(timings.startedAt),
      finishedAt: numOrNull(timings.finishedAt),
      activeMs: num(timings.activeMs),
      modelMs: num(timings.modelMs),
    },
    error: normaliseError(o.error),
    createdAt,
    updatedAt: num(o.updatedAt, createdAt),
  };
}

export function normaliseResult(v: unknown): ResultRecord {
  const o = obj(v);
  return {
    runId: num(o.runId),
    index: num(o.index),
    raw: str(o.raw),
    verdict: normaliseVerdict(o.verdict),
    score: numOrNull(o.score),
    latencyMs: num(o.latencyMs),
    usage: normaliseUsage(o.usage),
    finishReason: finishReason(o.finishReason),
    error: normaliseError(o.error),
    fromCache: o.fromCache === true,
    duplicateOf: numOrNull(o.duplicateOf),
    cacheKey: str(o.cacheKey),
  };
}

export function normaliseCacheEntry(v: unknown): CacheRecord {
  const o = obj(v);
  return {
    key: str(o.key),
    raw: str(o.raw),
    score: numOrNull(o.score),
    scoreFor: strOrNull(o.scoreFor),
    usage: normaliseUsage(o.usage),
    finishReason: finishReason(o.finishReason),
    stopFor: strOrNull(o.stopFor),
    latencyMs: num(o.latencyMs),
    createdAt: num(o.createdAt),
  };
}
