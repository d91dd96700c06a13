/** One result line of an exported run's JSONL, read back into an example and a stored result. */
import type { Example } from '../core/example';
import type { DataValue } from '../core/value';
import { normaliseError, normaliseUsage, normaliseVerdict } from './normalise';
import type { ResultRecord } from './records';

export type ResultLine =
  | { ok: true; example: Example; result: Omit<ResultRecord, 'runId'> }
  | { ok: false; reason: string };

type JsonObject = { [key: string]: DataValue };

/** JSON numbers come back as bigint (written `1`) or number (written `1.0`); counts want plain numbers. */
export function plainNumbers(value: DataValue): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(plainNumbers);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainNumbers(item)]));
  }
  return value;
}

function finiteNumber(value: DataValue | undefined): number | null {
  const n = typeof value === 'bigint' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/** Reads a parsed line; the label keeps its exact type (`1` stays an int, `1.0` a float). */
export function resultLine(value: DataValue, line: number, fileName: string): ResultLine {
  const where = `line ${line} of ${fileName}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: `${where} is not a JSON object` };
  const o = value as JsonObject;
  const index = finiteNumber(o.index);
  if (index === null || !Number.isInteger(index) || index < 1) return { ok: false, reason: `${where}: "index" must be a whole number from 1, got ${JSON.stringify(plainNumbers(o.index ?? null))}` };
  if (typeof o.prompt !== 'string') return { ok: false, reason: `${where}: "prompt" must be text` };
  if (o.response !== null && o.response !== undefined && typeof o.response !== 'string') return { ok: false, reason: `${where}: "response" must be text or null` };
  if (typeof o.raw !== 'string') return { ok: false, reason: `${where}: "raw" (the model's output) must be text` };

  const example: Example = { index, prompt: o.prompt, response: typeof o.response === 'string' ? o.response : null };
  if (o.label !== undefined) example.label = o.label;
  const finishReason = o.finishReason;
  return {
    ok: true,
    example,
    result: {
      index,
      raw: o.raw,
      verdict: normaliseVerdict(plainNumbers(o.verdict ?? null)),
      score: finiteNumber(o.score),
      latencyMs: finiteNumber(o.latencyMs) ?? 0,
      usage: normaliseUsage(plainNumbers(o.usage ?? null)),
      finishReason: finishReason === 'stop' || finishReason === 'length' || finishReason === 'abort' || finishReason === 'early' ? finishReason : 'stop',
      error: normaliseError(plainNumbers(o.error ?? null)),
      fromCache: o.fromCache === true,
      duplicateOf: null,
      cacheKey: '',
    },
  };
}
