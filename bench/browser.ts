/**
 * Headless Chromium driving the real guard worker of the built app (harness/index.html exposes its
 * client as `window.roguard`), with the tiny model served from memory on 127.0.0.1.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { chromium, type Browser, type LaunchOptions, type Page } from '@playwright/test';
import { makeTinyModel } from '../scripts/make-tiny-model';
import { serveStatic, type StaticServer } from '../src/cli/static-server';
import type { ModelSpec } from '../src/core/engine';
import type { Example } from '../src/core/example';
import type { ClassifyOptions, ClassifyResult } from '../src/core/result';
import type { DeviceProbe } from '../src/engines/device';
import type { LoadedModel, RunSummary } from '../src/worker/api';
import type { GuardClient } from '../src/worker/client';
// Brings the declaration of `window.roguard`.
import type {} from '../harness/main';
import { chromiumLaunchOptions } from '../tests/e2e/browser';
import { ROOT } from './inputs';

declare global {
  interface Window {
    benchClients?: Record<string, GuardClient>;
  }
}

export const TINY_MODEL_PATH = '/bench-models/tiny-guard.gguf';
const HARNESS = 'harness/index.html';
const SOURCES = ['index.html', 'vite.config.ts', 'package.json', 'src', 'harness', 'public', 'prompts'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : info.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** Builds the app into `dist` when it is missing or older than its sources; returns the folder. */
export async function ensureBuilt(dist: string, log: (line: string) => void): Promise<string> {
  const folder = resolve(ROOT, dist);
  const page = join(folder, HARNESS);
  const built = existsSync(page) ? statSync(page).mtimeMs : 0;
  const reason = built === 0 ? 'it has no harness page' : SOURCES.some((source) => newest(join(ROOT, source)) > built) ? 'the sources changed since it was built' : null;
  if (reason === null) return folder;
  log(`Building the app into ${relative(ROOT, folder)} (${reason})…`);
  const { build } = await import('vite');
  await build({ root: ROOT, configFile: join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: folder, emptyOutDir: true } });
  return folder;
}

/** The test launch options without forcing SwiftShader, so a real GPU adapter is used where there is one. */
export function hardwareGpuLaunchOptions(): LaunchOptions {
  const options = chromiumLaunchOptions();
  return { ...options, args: (options.args ?? []).filter((arg) => !arg.startsWith('--use-webgpu-adapter=')) };
}

export interface PassOutcome {
  /** Wall time of the whole pass seen from the page, ms. */
  wallMs: number;
  results: ClassifyResult[];
  summary: RunSummary;
}

export class BenchBrowser {
  private constructor(
    private readonly browser: Browser,
    private readonly server: StaticServer,
    readonly page: Page,
  ) {}

  /** Serves `dist` plus the tiny model, opens the worker harness in headless Chromium (WebGPU on SwiftShader by default). */
  static async open(dist: string, launch: LaunchOptions = chromiumLaunchOptions()): Promise<BenchBrowser> {
    const model = Buffer.from(makeTinyModel());
    const server = await serveStatic(dist, [
      (req, res) => {
        if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== TINY_MODEL_PATH) return false;
        res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': model.length });
        res.end(req.method === 'HEAD' ? undefined : model);
        return true;
      },
    ]);
    const browser = await chromium.launch(launch).catch(async (error: unknown) => {
      await server.close();
      throw error;
    });
    const page = await browser.newPage();
    await page.goto(`${server.url}/${HARNESS}`);
    await page.waitForFunction(() => document.body.dataset.ready === 'true');
    return new BenchBrowser(browser, server, page);
  }

  get url(): string {
    return this.server.url;
  }

  chromiumVersion(): string {
    return this.browser.version();
  }

  probe(): Promise<DeviceProbe> {
    return this.page.evaluate(() => window.roguard.probeDevice());
  }

  /** Starts a worker of its own under `name` and loads `spec` in it. */
  load(name: string, spec: ModelSpec): Promise<LoadedModel> {
    return this.page.evaluate(
      async ([key, model]) => {
        const client = window.roguard.createGuardClient();
        (window.benchClients ??= {})[key] = client;
        return client.api.load(model);
      },
      [name, spec] as const,
    );
  }

  /** Runs the examples through the named worker's `checkMany`, timed in the page. */
  pass(name: string, examples: Example[], options: ClassifyOptions): Promise<PassOutcome> {
    // Handed over as JSON text: Playwright's argument types recurse too deeply on these records.
    const input = JSON.stringify({ name, examples: examples.map(({ index, prompt, response }) => ({ index, prompt, response })), options });
    return this.page.evaluate(async (text): Promise<PassOutcome> => {
      const { name: key, examples: batch, options: settings } = JSON.parse(text) as { name: string; examples: Example[]; options: ClassifyOptions };
      const client = window.benchClients![key]!;
      const results: ClassifyResult[] = [];
      const started = performance.now();
      const summary = await client.api.checkMany(batch, settings, (result) => void results.push(result));
      return { wallMs: performance.now() - started, results, summary };
    }, input);
  }

  async close(): Promise<void> {
    await this.page.evaluate(() => Object.values(window.benchClients ?? {}).forEach((client) => client.terminate())).catch(() => undefined);
    await this.browser.close();
    await this.server.close();
  }
}
