/** Helpers the worker specs share: the harness page, and the tiny model served on the app's origin. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Page } from '@playwright/test';
import { makeTinyModel } from '../../../scripts/make-tiny-model';
import { expect } from '../fixtures';

/** Where `serveTinyModel` answers: add it to the `routes` option and load `${app.url}${TINY_MODEL_PATH}`. */
export const TINY_MODEL_PATH = '/test-models/tiny.gguf';

const TINY = Buffer.from(makeTinyModel());

/** Serves the tiny model's bytes (and answers the HEAD check wllama makes first). */
export function serveTinyModel(req: IncomingMessage, res: ServerResponse): boolean {
  if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== TINY_MODEL_PATH) return false;
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': TINY.length });
  res.end(req.method === 'HEAD' ? undefined : TINY);
  return true;
}

/** Opens `harness/index.html`, which puts the worker client on `window.roguard`. */
export async function openHarness(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/harness/index.html`);
  await expect(page.locator('body[data-ready="true"]')).toBeAttached();
}
