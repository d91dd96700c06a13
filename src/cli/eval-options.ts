/** The flags of `roguard eval`, parsed and checked into one options object. */
import type { DatasetFormat } from '../core/dataset/types';
import { UsageError, integerFlag, parseFlags, textFlag, type FlagSpec } from './args';

export type EngineChoice = 'openai' | 'browser';

export interface EvalOptions {
  config: string;
  dataset?: string;
  format?: DatasetFormat;
  engine: EngineChoice;
  baseUrl: string;
  /** Empty: the one model the server lists (browser: RoGuard, the build the device can run). */
  model: string;
  /** Browser engine: weights URL (.gguf file or MLC folder) or a local .gguf path. */
  modelUrl?: string;
  apiKey?: string;
  out?: string;
  limit?: number;
  promptsDir?: string;
  reference: boolean;
  earlyStop: boolean;
  seed?: number;
  timeoutMs?: number;
}

const FLAGS: Record<string, FlagSpec> = {
  config: { kind: 'value' },
  dataset: { kind: 'value' },
  format: { kind: 'value' },
  engine: { kind: 'value' },
  'base-url': { kind: 'value' },
  model: { kind: 'value' },
  'model-url': { kind: 'value' },
  'api-key': { kind: 'value' },
  out: { kind: 'value' },
  limit: { kind: 'value' },
  'prompts-dir': { kind: 'value' },
  reference: { kind: 'switch' },
  'no-early-stop': { kind: 'switch' },
  seed: { kind: 'value' },
  timeout: { kind: 'value' },
};

export const DEFAULT_BASE_URL = 'http://127.0.0.1:8000';

export const EVAL_USAGE = `Usage: roguard eval --config configs/<name>.json [options]

Runs the guard over a benchmark and writes the results CSV, the summary CSV (labeled runs) and a JSONL
export, like RoGuard's inference.py.

  --config <file>        benchmark config in the reference format (required)
  --dataset <file>       local CSV/JSONL/JSON/Parquet file with the hub's columns, read through the
                         config's loader (replaces eval_dataset)
  --format <f>           read --dataset as csv, jsonl, json or parquet whatever its name says
  --engine <e>           openai (default): any OpenAI-compatible server; browser: the guard worker in
                         headless Chromium (WebGPU, or llama.cpp in WebAssembly for GGUF models)
  --base-url <url>       server URL (default $OPENAI_BASE_URL or ${DEFAULT_BASE_URL})
  --model <name>         model name on the server (default: the one model it serves); with --engine
                         browser a model id of the app (default: RoGuard, the build the device can run)
  --model-url <url>      --engine browser: weights to load, a .gguf or MLC folder URL or a local .gguf file
  --api-key <key>        bearer token (default $OPENAI_API_KEY)
  --out <path>           results CSV path (replaces output_file)
  --limit <n>            only the first n prepared examples
  --prompts-dir <dir>    read the template from <dir>/<file name of eval_prompt>
  --reference            reference extraction and sampling (temperature 0.2, top_p 1); default is
                         greedy decoding (temperature 0) with robust extraction
  --no-early-stop        let the model write its whole answer instead of stopping once the verdict is read
  --seed <n>             sampling seed sent to the server
  --timeout <seconds>    give up on a request after this long without data (default 120)
`;

/**
 * @throws UsageError for bad or missing flags.
 */
export function parseEvalOptions(args: string[], env: Record<string, string | undefined>): EvalOptions {
  const flags = parseFlags(args, FLAGS);
  const config = textFlag(flags, 'config');
  if (!config) throw new UsageError('--config <file> is required.');
  const engine = textFlag(flags, 'engine') ?? 'openai';
  if (engine !== 'openai' && engine !== 'browser') throw new UsageError(`--engine must be openai or browser, got "${engine}".`);
  const format = textFlag(flags, 'format');
  if (format !== undefined && !['csv', 'jsonl', 'json', 'parquet'].includes(format)) {
    throw new UsageError(`--format must be csv, jsonl, json or parquet, got "${format}".`);
  }
  if (engine !== 'browser' && textFlag(flags, 'model-url') !== undefined) throw new UsageError('--model-url is for --engine browser.');
  const timeout = integerFlag(flags, 'timeout', 1);
  const options: EvalOptions = {
    config,
    engine,
    baseUrl: textFlag(flags, 'base-url') ?? env.OPENAI_BASE_URL ?? DEFAULT_BASE_URL,
    model: textFlag(flags, 'model') ?? '',
    reference: flags.reference === true,
    earlyStop: flags['no-early-stop'] !== true,
  };
  const apiKey = textFlag(flags, 'api-key') ?? env.OPENAI_API_KEY;
  const optional = {
    dataset: textFlag(flags, 'dataset'),
    format: format as DatasetFormat | undefined,
    apiKey: apiKey === '' ? undefined : apiKey,
    modelUrl: textFlag(flags, 'model-url'),
    out: textFlag(flags, 'out'),
    limit: integerFlag(flags, 'limit', 1),
    promptsDir: textFlag(flags, 'prompts-dir'),
    seed: integerFlag(flags, 'seed', 0),
    timeoutMs: timeout === undefined ? undefined : timeout * 1000,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) Object.assign(options, { [key]: value });
  return options;
}
