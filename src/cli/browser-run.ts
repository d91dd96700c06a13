/**
 * `roguard eval --engine browser`: serves the built app on 127.0.0.1, opens its harness page in headless
 * Chromium, loads the model in the guard worker and streams every example's result back to Node, where
 * eval.ts writes the same files as for any other engine. The classify step is the worker's (the core's).
 */
import type { Browser, Page } from 'playwright-core';
import type { Progress } from '../core/engine';
import { GuardError, abortedError, isGuardError } from '../core/errors';
import type { Example } from '../core/example';
import type { ClassifyOptions, ClassifyResult } from '../core/result';
import type { DeviceProbe } from '../engines/device';
import { HARNESS_PAGE, ensureApp } from './browser-app';
import { launchChromium } from './browser-launch';
import { chooseModel, type ModelChoice } from './browser-model';
import { PROGRESS_BINDING, RESULT_BINDING, pageAbort, pageLoad, pageProbe, pageRun, type PageOutcome, type RunSummary } from './browser-page';
import type { CliContext } from './context';
import type { EvalRunner } from './eval';
import type { EvalOptions } from './eval-options';
import { serveStatic, type StaticServer } from './static-server';

/** Download progress is printed at most this often (plus every change of phase). */
const PROGRESS_EVERY_MS = 1000;

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

function describeDevice(probe: DeviceProbe): string {
  if (!probe.webgpu || !probe.adapter) return 'no WebGPU';
  const { vendor, architecture, description, isFallback } = probe.adapter;
  const name = [vendor, architecture, description].filter(Boolean).join(' ');
  return `WebGPU on ${name || 'an unnamed adapter'}${isFallback ? ' (software)' : ''}${probe.shaderF16 ? ', shader-f16' : ''}`;
}

class BrowserRunner implements EvalRunner {
  private onResult: ((result: ClassifyResult) => void) | null = null;
  private onProgress: ((progress: Progress) => void) | null = null;
  /** Set when Chromium or the page dies; every later call fails with it. */
  private lost: GuardError | null = null;

  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly server: StaticServer,
    private readonly model: ModelChoice,
    private readonly log: (line: string) => void,
  ) {
    const lose = (what: string) => () => void (this.lost ??= new GuardError('ENGINE_ERROR', `The headless browser ${what}; the run cannot go on.`));
    page.on('crash', lose('page crashed (out of memory?)'));
    browser.on('disconnected', lose('closed'));
    page.on('pageerror', (error) => log(`note: page error: ${firstLine(error)}`));
  }

  /** Registers the Node side of the page's calls; then opens the harness page. */
  async open(): Promise<void> {
    await this.page.exposeFunction(RESULT_BINDING, (result: ClassifyResult) => this.onResult?.(result));
    await this.page.exposeFunction(PROGRESS_BINDING, (progress: Progress) => this.onProgress?.(progress));
    await this.page.goto(`${this.server.url}/${HARNESS_PAGE}`);
    await this.page.waitForFunction(() => document.body.dataset.ready === 'true');
  }

  /** A page call whose failure (a crash, a closed browser) becomes a GuardError. */
  private async call<A, R>(fn: (arg: A) => Promise<R>, arg: A): Promise<R> {
    if (this.lost) throw this.lost;
    try {
      return await this.page.evaluate(fn as (arg: unknown) => Promise<R>, arg as unknown);
    } catch (error) {
      throw this.lost ?? new GuardError('ENGINE_ERROR', `The headless browser failed: ${firstLine(error)}`);
    }
  }

  private abortInPage(): Promise<void> {
    return this.call(pageAbort, undefined).catch(() => undefined);
  }

  async load(onProgress: (progress: Progress) => void, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortedError('Loading the model');
    const probe = await this.call(pageProbe, undefined);
    const request = this.model.request(this.server.url, probe.webgpu && probe.adapter?.isFallback === false);
    let last = { phase: '', at: 0 };
    this.onProgress = (progress) => {
      const now = Date.now();
      if (progress.phase === last.phase && now - last.at < PROGRESS_EVERY_MS) return;
      last = { phase: progress.phase, at: now };
      onProgress(progress);
    };
    const onAbort = () => void this.abortInPage();
    signal?.addEventListener('abort', onAbort, { once: true });
    let outcome: Awaited<ReturnType<typeof pageLoad>>;
    try {
      outcome = await this.call(pageLoad, request);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      this.onProgress = null;
    }
    if (!outcome.ok) throw GuardError.fromData(outcome.error);
    for (const note of outcome.value.notes) this.log(`note: ${note}`);
    const { id, engine } = outcome.value.spec;
    this.log(`Chromium ${this.browser.version()}, ${describeDevice(probe)}: ${id} loaded on the ${engine} engine.`);
  }

  async *results(examples: Example[], options: ClassifyOptions, signal?: AbortSignal): AsyncGenerator<ClassifyResult> {
    const queue: ClassifyResult[] = [];
    const run: { outcome?: PageOutcome<RunSummary>; failure?: unknown } = {};
    let wake: (() => void) | null = null;
    const stir = () => {
      wake?.();
      wake = null;
    };
    this.onResult = (result) => {
      queue.push(result);
      stir();
    };
    // Labels stay in Node: the worker needs only what the model reads.
    const inputs = examples.map(({ index, prompt, response }) => ({ index, prompt, response }));
    const finished = this.call(pageRun, { examples: inputs, options })
      .then((outcome) => void (run.outcome = outcome), (error: unknown) => void (run.failure = error))
      .finally(stir);
    const onAbort = () => void this.abortInPage();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (;;) {
        const next = queue.shift();
        if (next) yield next;
        else if (run.outcome || run.failure) break;
        else await new Promise<void>((resolve) => (wake = resolve));
      }
      if (run.failure) throw isGuardError(run.failure) ? run.failure : new GuardError('ENGINE_ERROR', firstLine(run.failure));
      if (!run.outcome!.ok) throw GuardError.fromData(run.outcome!.error);
      if (run.outcome!.value.aborted) throw abortedError('The run');
    } finally {
      signal?.removeEventListener('abort', onAbort);
      // Stopped early by the caller: end the worker's run so nothing more arrives.
      if (!run.outcome && !run.failure) {
        await this.abortInPage();
        await finished;
      }
      this.onResult = null;
    }
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    this.server.server.closeAllConnections();
    await this.server.close();
  }
}

/**
 * Builds the app if needed, serves it, starts Chromium on its harness page. The model is loaded by `load()`.
 * @throws GuardError BAD_INPUT for a missing local model file, ENGINE_UNREACHABLE when the app cannot be
 *   built or Chromium cannot start.
 */
export async function openBrowserRunner(options: EvalOptions, context: CliContext): Promise<EvalRunner> {
  const log = (line: string) => context.io.stderr(`${line}\n`);
  const model = chooseModel(options.model, options.modelUrl, context.cwd);
  const dist = await ensureApp(context.env.ROGUARD_DIST || 'dist', log);
  const server = await serveStatic(dist, model.route ? [model.route] : []);
  let browser: Browser | null = null;
  try {
    browser = await launchChromium(context.env);
    const runner = new BrowserRunner(browser, await browser.newPage(), server, model, log);
    await runner.open();
    return runner;
  } catch (error) {
    await browser?.close().catch(() => undefined);
    server.server.closeAllConnections();
    await server.close();
    if (isGuardError(error)) throw error;
    throw new GuardError('ENGINE_UNREACHABLE', `The headless browser could not open the app at ${server.url}: ${firstLine(error)}`);
  }
}
