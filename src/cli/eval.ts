/**
 * `roguard eval`: the reference harness's `inference.py --config` on any OpenAI-compatible server or in the
 * guard worker of a headless browser, with rows written as they finish, a progress bar, and a one-line
 * reason and non-zero exit on failure.
 */
import { classify } from '../core/classify';
import { labelSpecOf, type GuardConfig } from '../core/config';
import type { Engine, Progress } from '../core/engine';
import { isGuardError, type GuardErrorCode } from '../core/errors';
import { evaluate } from '../core/evaluation';
import type { Example, PreparedDataset } from '../core/example';
import { pyFormatNumber } from '../core/python';
import type { ClassifyOptions, ClassifyResult } from '../core/result';
import { resultsPathFor } from '../core/result-files';
import { policyFromConfig } from '../core/taxonomies';
import { UsageError } from './args';
import type { CliContext } from './context';
import { chooseEngine } from './engine-choice';
import { loadConfig, loadDataset, loadTemplate } from './eval-inputs';
import { EVAL_USAGE, parseEvalOptions, type EvalOptions } from './eval-options';
import { ProgressBar } from './progress-bar';
import { RunOutput } from './run-output';

/** Exit codes: 0 done, 1 failed (config, dataset, engine), 2 bad command line, 130 interrupted (as after SIGINT). */
export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;

/** After this many examples in a row fail on the server, the run stops instead of failing every example. */
const MAX_CONSECUTIVE_ENGINE_ERRORS = 5;

const MAX_REPORTED_LINES = 20;

function classifyOptionsFor(config: GuardConfig, template: string, dataset: PreparedDataset, options: EvalOptions): ClassifyOptions {
  return {
    policy: policyFromConfig(config, template),
    extraction: options.reference ? 'reference' : 'robust',
    settings: {
      maxTokens: config.max_output_tokens,
      temperature: options.reference ? 0.2 : 0,
      topP: 1,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
    },
    // The reference sends "None" for a null response in the loaders that copy the field; only parity mode repeats that.
    nullResponseText: options.reference ? dataset.nullResponseText : '',
    earlyStop: options.earlyStop,
  };
}

/** Where results come from: an engine driven here, or the guard worker in a headless browser (browser-run.ts). */
export interface EvalRunner {
  /** @throws GuardError when the model cannot be loaded (ABORTED after Ctrl-C). */
  load(onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<void>;
  /**
   * Classifies the examples in order with the core's classify step, yielding each result as it finishes.
   * Stopping the iteration stops the run. @throws GuardError ABORTED when interrupted, or what ended the run.
   */
  results(examples: Example[], options: ClassifyOptions, signal?: AbortSignal): AsyncIterable<ClassifyResult>;
  close(): Promise<void>;
}

function engineRunner(chosen: ReturnType<typeof chooseEngine>): EvalRunner {
  const { engine, spec } = chosen;
  return {
    load: (onProgress, signal) => engine.load(spec, onProgress, signal),
    results: (examples, options, signal) => classifyEach(engine, examples, options, signal),
    close: () => engine.unload(),
  };
}

async function* classifyEach(engine: Engine, examples: Example[], options: ClassifyOptions, signal?: AbortSignal): AsyncGenerator<ClassifyResult> {
  for (const example of examples) yield await classify(engine, example, options, signal);
}

const FATAL_RESULT_CODES: ReadonlySet<GuardErrorCode> = new Set(['ENGINE_UNREACHABLE', 'NOT_LOADED', 'DEVICE_LOST']);

interface RunState {
  examples: Example[];
  results: ClassifyResult[];
  failed: number;
  stop: { kind: 'interrupted' } | { kind: 'failed'; message: string } | null;
}

async function classifyAll(
  examples: Example[],
  runner: EvalRunner,
  classifyOptions: ClassifyOptions,
  labelSpec: { flaggedValue: string } | null,
  output: RunOutput,
  bar: ProgressBar,
  signal: AbortSignal | undefined,
): Promise<RunState> {
  const state: RunState = { examples: [], results: [], failed: 0, stop: null };
  const byIndex = new Map(examples.map((example) => [example.index, example]));
  let consecutiveEngineErrors = 0;
  try {
    for await (const result of runner.results(examples, classifyOptions, signal)) {
      const example = byIndex.get(result.index);
      if (!example) throw new Error(`the engine returned a result for example ${result.index}, which was not asked for`);
      if (result.error && FATAL_RESULT_CODES.has(result.error.code)) {
        state.stop = { kind: 'failed', message: result.error.message };
        break;
      }
      state.examples.push(example);
      state.results.push(result);
      await output.append(evaluate([example], [result], labelSpec).rows);
      if (result.error) {
        state.failed++;
        bar.note(`example ${example.index}: ${result.error.message}`);
        consecutiveEngineErrors = result.error.code === 'ENGINE_ERROR' ? consecutiveEngineErrors + 1 : 0;
        if (consecutiveEngineErrors >= MAX_CONSECUTIVE_ENGINE_ERRORS) {
          state.stop = { kind: 'failed', message: `the server failed ${consecutiveEngineErrors} examples in a row; last error: ${result.error.message}` };
          bar.tick();
          break;
        }
      } else {
        consecutiveEngineErrors = 0;
      }
      bar.tick();
    }
  } catch (error) {
    const aborted = signal?.aborted || (isGuardError(error) && error.code === 'ABORTED');
    state.stop = aborted ? { kind: 'interrupted' } : { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  // A runner may end quietly when interrupted (the browser's run returns what it finished).
  if (!state.stop && signal?.aborted && state.results.length < examples.length) state.stop = { kind: 'interrupted' };
  return state;
}

function reportRows(context: CliContext, file: string, reported: { row: number | null; reason: string }[]): void {
  for (const report of reported.slice(0, MAX_REPORTED_LINES)) {
    context.io.stderr(`warning: ${file}${report.row === null ? '' : `, row ${report.row}`}: ${report.reason}\n`);
  }
  if (reported.length > MAX_REPORTED_LINES) {
    context.io.stderr(`warning: ${file}: ${reported.length - MAX_REPORTED_LINES} more rows were left out (the JSONL export lists only classified examples).\n`);
  }
}

function metricsLine(evaluation: ReturnType<typeof evaluate>): string {
  const { counts, metrics } = evaluation;
  const f = (value: number) => pyFormatNumber(value, 'float');
  return (
    `TP ${counts.tp}  FN ${counts.fn}  FP ${counts.fp}  TN ${counts.tn}  ·  precision ${f(metrics.precision)}%  recall ${f(metrics.recall)}%  ` +
    `F1 ${f(metrics.f1)}%  FPR ${f(metrics.fpr)}%`
  );
}

/** Runs `roguard eval` with the given arguments (after `eval`). Never throws; returns the exit code. */
export async function runEval(args: string[], context: CliContext): Promise<number> {
  const { io } = context;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(EVAL_USAGE);
    return EXIT.ok;
  }
  let options: EvalOptions;
  try {
    options = parseEvalOptions(args, context.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`roguard eval: ${error.message}\n\n${EVAL_USAGE}`);
    return EXIT.usage;
  }
  let output: RunOutput | null = null;
  let runner: EvalRunner | null = null;
  try {
    const { config, warnings } = loadConfig(options.config, context.cwd);
    for (const warning of warnings) io.stderr(`warning: ${warning}\n`);
    const labelSpec = labelSpecOf(config);
    const { template } = loadTemplate(config, options.config, context.cwd, options.promptsDir);
    const loaded = await loadDataset(config, options.config, context.cwd, options.dataset, options.format);
    reportRows(context, loaded.file, loaded.reported);
    for (const note of loaded.notes) io.stderr(`note: ${loaded.file}: ${note}\n`);
    const examples = loaded.dataset.examples.slice(0, options.limit ?? loaded.dataset.examples.length);
    // The browser runner (Chromium through Playwright) is loaded only when asked for.
    runner = options.engine === 'browser' ? await (await import('./browser-run')).openBrowserRunner(options, context) : engineRunner(chooseEngine(options));
    await runner.load((progress) => io.stderr(`${progress.text}\n`), context.signal);
    const classifyOptions = classifyOptionsFor(config, template, loaded.dataset, options);
    output = await RunOutput.create(resultsPathFor(options.out ?? config.output_file, context.now()), context.cwd, labelSpec !== null);
    const mode = options.reference ? 'reference extraction, temperature 0.2' : 'robust extraction, greedy';
    io.stderr(`${config.name}: ${examples.length} examples from ${loaded.file} (${mode}) → ${output.resultsPath}\n`);
    const bar = new ProgressBar({ write: io.stderr, isTTY: context.stderrIsTTY, columns: context.columns }, examples.length, config.name);
    bar.render();
    const state = await classifyAll(examples, runner, classifyOptions, labelSpec, output, bar, context.signal);
    bar.finish();
    await output.close();
    await output.writeJsonl(state.examples, state.results);
    await runner.close();
    runner = null;
    const done = `${state.results.length} of ${examples.length} examples`;
    if (state.stop?.kind === 'interrupted') {
      io.stderr(`roguard eval: interrupted after ${done}; their rows are in ${output.resultsPath} (no summary written).\n`);
      return EXIT.interrupted;
    }
    if (state.stop?.kind === 'failed') {
      io.stderr(`roguard eval: stopped after ${done}: ${state.stop.message} (rows so far are in ${output.resultsPath})\n`);
      return EXIT.failed;
    }
    const evaluation = evaluate(state.examples, state.results, labelSpec);
    io.stdout(`Results: ${output.resultsPath}\n`);
    if (labelSpec) {
      await output.writeSummary(evaluation);
      io.stdout(`Summary: ${output.summaryPath}\n`);
    }
    io.stdout(`Export:  ${output.jsonlPath}\n`);
    if (labelSpec) io.stdout(`${metricsLine(evaluation)}\n`);
    const extra = [`${evaluation.unparsed} unparsed`, `${evaluation.skipped} skipped (no label)`, `${state.failed} failed`];
    io.stdout(`${examples.length} examples: ${extra.join(', ')}\n`);
    return EXIT.ok;
  } catch (error) {
    await output?.close();
    await runner?.close().catch(() => undefined);
    if (isGuardError(error) && error.code === 'ABORTED') {
      io.stderr('roguard eval: interrupted before the run started.\n');
      return EXIT.interrupted;
    }
    io.stderr(`roguard eval: ${(error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ')}\n`);
    return EXIT.failed;
  }
}
