/**
 * What runs inside the harness page for `--engine browser`. Each function is sent to the page by
 * Playwright as source text, so it uses only its argument and `window`, and declares no named inner
 * functions (a bundler's name helpers would not exist in the page).
 */
import type { ModelSpec, Progress } from '../core/engine';
import type { GuardErrorData } from '../core/errors';
import type { Example } from '../core/example';
import type { ClassifyOptions, ClassifyResult } from '../core/result';
import type { DeviceProbe } from '../engines/device';

/**
 * The part of the harness's `window.roguard` (harness/main.ts) the CLI drives: the worker client of
 * src/worker/client.ts, whose types the layering keeps out of cli/. eval-browser.e2e.test.ts pins it.
 */
export interface HarnessGuard {
  createGuardClient(): {
    api: {
      probe(): Promise<DeviceProbe>;
      load(model: ModelSpec | string, onProgress?: (progress: Progress) => void): Promise<{ spec: ModelSpec; notes: string[] }>;
      checkMany(examples: Example[], options: ClassifyOptions, onResult: (result: ClassifyResult) => void): Promise<RunSummary>;
      abort(): Promise<void>;
    };
    terminate(): void;
  };
}

export interface RunSummary {
  done: number;
  failed: number;
  aborted: boolean;
}

/** Names of the Node functions the page calls (Playwright's `exposeFunction`). */
export const RESULT_BINDING = 'roguardCliResult';
export const PROGRESS_BINDING = 'roguardCliProgress';

/** Page answers travel as data: class instances (GuardError) do not survive `page.evaluate`. */
export type PageOutcome<T> = { ok: true; value: T } | { ok: false; error: GuardErrorData };

interface CliWindow {
  roguard: HarnessGuard;
  roguardCli?: ReturnType<HarnessGuard['createGuardClient']>;
  roguardCliResult(result: ClassifyResult): Promise<void>;
  roguardCliProgress(progress: Progress): Promise<void>;
}

/** Starts the worker and asks what the device offers. */
export async function pageProbe(): Promise<DeviceProbe> {
  const w = window as unknown as CliWindow;
  w.roguardCli ??= w.roguard.createGuardClient();
  return w.roguardCli.api.probe();
}

/** Loads the model in the worker, reporting progress to Node. */
export async function pageLoad(model: ModelSpec | string): Promise<PageOutcome<{ spec: ModelSpec; notes: string[] }>> {
  const w = window as unknown as CliWindow;
  try {
    const loaded = await w.roguardCli!.api.load(model, (progress) => void w.roguardCliProgress(progress));
    return { ok: true, value: { spec: loaded.spec, notes: loaded.notes } };
  } catch (error) {
    const e = error as Partial<GuardErrorData> & { name?: string };
    return { ok: false, error: { code: e.code ?? 'ENGINE_ERROR', message: e.message ?? String(error), ...(e.details ? { details: e.details } : {}) } };
  }
}

/** Runs every example through the worker's `checkMany`, handing each result to Node before the next one starts. */
export async function pageRun(input: { examples: Example[]; options: ClassifyOptions }): Promise<PageOutcome<RunSummary>> {
  const w = window as unknown as CliWindow;
  try {
    const summary = await w.roguardCli!.api.checkMany(input.examples, input.options, (result) => w.roguardCliResult(result));
    return { ok: true, value: summary };
  } catch (error) {
    const e = error as Partial<GuardErrorData>;
    return { ok: false, error: { code: e.code ?? 'ENGINE_ERROR', message: e.message ?? String(error), ...(e.details ? { details: e.details } : {}) } };
  }
}

/** Stops the load or run in progress; finished results have already reached Node. */
export async function pageAbort(): Promise<void> {
  await (window as unknown as CliWindow).roguardCli?.api.abort();
}
