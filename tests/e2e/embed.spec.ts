/**
 * The library as a consumer gets it: `npm pack` (its prepack runs build:lib), the tarball installed
 * offline into a temporary copy of examples/guarded-chat, the types compiled by strict consumers, the
 * example built with Vite, served on 127.0.0.1 and driven in Chromium with the tiny real model (wllama).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { serveStatic, type StaticServer } from '../../src/cli/static-server';
import { expect, test } from './fixtures';
import { serveTinyModel, TINY_MODEL_PATH } from './support/harness';

const ROOT = resolve(import.meta.dirname, '../..');
const CHECK_TIMEOUT = 120_000;

let work = '';
let example = '';
let server: StaticServer;
/** `METHOD path` of every model-file request the page made. */
const modelRequests: string[] = [];

/** Runs a command to completion; a failure shows its output. */
function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, encoding: 'utf8', stdio: 'pipe', timeout: 300_000 });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface Lockfile {
  name?: string;
  version?: string;
  packages: Record<string, { version?: string; resolved?: string; link?: boolean; [field: string]: unknown }>;
}

/**
 * Points the copy at the tarball and gives it the repo's own lockfile, with each package's registry
 * tarball URL filled in. So `npm install --offline` takes the exact versions this machine installed and
 * reads only cached tarballs: no package metadata (which npm caches in several forms), and no newer
 * version the registry may list by now.
 */
function seedLockfile(dir: string, tarball: string): void {
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
  const dependencies = { ...manifest.dependencies, 'roguard-web': `file:${tarball}` };
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, dependencies }, null, 2));
  const lock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8')) as Lockfile;
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '' || entry.resolved || entry.link || !entry.version) continue;
    const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    entry.resolved = `https://registry.npmjs.org/${name}/-/${name.split('/').pop()}-${entry.version}.tgz`;
  }
  const { name, version, devDependencies } = manifest;
  lock.packages[''] = { name, version, dependencies, devDependencies };
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ ...lock, name, version }, null, 2));
}

function countModelRequests(req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
  if (path.startsWith('/test-models/')) modelRequests.push(`${req.method} ${path}`);
  return serveTinyModel(req, res);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(600_000);
  work = mkdtempSync(join(tmpdir(), 'roguard-embed-'));
  run('npm', ['pack', '--pack-destination', work], ROOT);
  const tarball = readdirSync(work).find((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
  example = join(work, 'guarded-chat');
  const skip = (path: string) => !/[/\\](node_modules|dist)$/.test(path);
  cpSync(resolve(ROOT, 'examples/guarded-chat'), example, { recursive: true, filter: skip });
  cpSync(resolve(ROOT, 'examples/consumer-types'), join(example, 'consumer-types'), { recursive: true });
  seedLockfile(example, join(work, tarball));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(work, tarball)], example);
  run(join(example, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], example);
  server = await serveStatic(join(example, 'dist'), [countModelRequests]);
});

test.afterAll(async () => {
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

test.beforeEach(() => {
  modelRequests.length = 0;
});

test('the packed type declarations compile in strict consumers', () => {
  const tsc = join(example, 'node_modules/.bin/tsc');
  // The example itself (strict), and a consumer file that also pins types with @ts-expect-error.
  expect(run(tsc, ['--noEmit', '-p', '.'], example)).toBe('');
  expect(run(tsc, ['--noEmit', '-p', 'consumer-types'], example)).toBe('');
});

function message(page: Page, role: 'user' | 'assistant', text: string | RegExp): Locator {
  return page.locator(`#conversation li.${role}`).filter({ hasText: text });
}

async function send(page: Page, text: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

test('a blocked message, an allowed one and a withheld answer; two guards load the model once', async ({ page }) => {
  test.setTimeout(600_000);
  const weights = `${server.url}${TINY_MODEL_PATH}`;
  await page.goto(`${server.url}/?model=tiny-test&engine=wllama&weights=${encodeURIComponent(weights)}`);
  await expect(page.getByRole('status')).toHaveText('Guard ready (tiny-test).', { timeout: CHECK_TIMEOUT });

  const blockedText = 'Tell me about the walrus and the pineapple.';
  await send(page, blockedText);
  const blocked = message(page, 'user', blockedText);
  await expect(blocked).toHaveAttribute('data-state', 'blocked', { timeout: CHECK_TIMEOUT });
  await expect(blocked).toContainText('Blocked: not sent to the chat model.');
  await expect(blocked).toContainText('Categories: Violence');
  await blocked.getByText('As an OpenAI moderation result').click();
  const moderation = JSON.parse((await blocked.locator('pre').textContent()) ?? '') as { flagged: boolean; categories: Record<string, boolean> };
  expect(moderation.flagged).toBe(true);
  expect(moderation.categories).toMatchObject({ Violence: true, Sexual: false });
  await expect(page.locator('#conversation li.assistant')).toHaveCount(0);

  const allowedText = 'What is a good name for a cat?';
  await send(page, allowedText);
  await expect(message(page, 'user', allowedText)).toHaveAttribute('data-state', 'sent', { timeout: CHECK_TIMEOUT });
  const answer = message(page, 'assistant', `You said: "${allowedText}"`);
  await expect(answer).toHaveAttribute('data-state', 'shown', { timeout: CHECK_TIMEOUT });

  // Two weak trigger words pass alone; echoed back in the answer they are four, and the answer is flagged.
  const echoedText = 'Can I play the kazoo while eating marmalade?';
  await send(page, echoedText);
  await expect(message(page, 'user', echoedText)).toHaveAttribute('data-state', 'sent', { timeout: CHECK_TIMEOUT });
  const withheld = page.locator('#conversation li.assistant').nth(1);
  await expect(withheld).toHaveAttribute('data-state', 'withheld', { timeout: CHECK_TIMEOUT });
  await expect(withheld).toContainText('Answer withheld: the guard flagged it.');
  await expect(withheld).toContainText('Categories: Violence');
  await expect(withheld).not.toContainText('You said');

  const markup = 'Please print <b>bold</b> and <img src=x onerror="document.title=1">';
  await send(page, markup);
  await expect(message(page, 'assistant', 'You said: "Please print <b>bold</b>')).toHaveAttribute('data-state', 'shown', { timeout: CHECK_TIMEOUT });
  await expect(page.locator('#conversation b, #conversation img')).toHaveCount(0);
  await page.screenshot({ path: 'tests/.artifacts/embed-guarded-chat.png', fullPage: true });

  // The input guard (aegis) and the output guard (aegis2_response) share one worker: one download.
  expect(modelRequests.filter((request) => request.startsWith('GET '))).toEqual([`GET ${TINY_MODEL_PATH}`]);
});

test('a model that cannot be downloaded: the page says so and messages are blocked (fail closed)', async ({ page }) => {
  await page.goto(`${server.url}/?model=tiny-test&engine=wllama&weights=${encodeURIComponent(`${server.url}/test-models/missing.gguf`)}`);
  await expect(page.getByRole('status')).toContainText('The guard could not load', { timeout: CHECK_TIMEOUT });
  await expect(page.getByRole('status')).toContainText('404');
  await send(page, 'Hello there');
  const blocked = message(page, 'user', 'Hello there');
  await expect(blocked).toHaveAttribute('data-state', 'blocked', { timeout: CHECK_TIMEOUT });
  await expect(blocked).toContainText('fail closed: treated as flagged');
  await expect(page.locator('#conversation li.assistant')).toHaveCount(0);
  expect(modelRequests.length).toBeGreaterThan(0);
});

test('a worker script that cannot be loaded is reported instead of hanging, and messages are blocked', async ({ page }) => {
  await page.goto(`${server.url}/?model=tiny-test&engine=wllama&weights=${encodeURIComponent(`${server.url}${TINY_MODEL_PATH}`)}&worker=/no-such-worker.js`);
  await expect(page.getByRole('status')).toContainText('The guard worker could not start from /no-such-worker.js', { timeout: CHECK_TIMEOUT });
  await send(page, 'Hello there');
  const blocked = message(page, 'user', 'Hello there');
  await expect(blocked).toHaveAttribute('data-state', 'blocked', { timeout: CHECK_TIMEOUT });
  await expect(blocked).toContainText('could not start');
  expect(modelRequests).toEqual([]);
});
