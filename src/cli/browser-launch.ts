/**
 * Which Chromium `roguard eval --engine browser` drives and with which flags: `CHROMIUM_PATH`, else
 * Debian's `/usr/bin/chromium`, else a browser Playwright installed. WebGPU is on; Chromium picks the
 * real GPU where there is one and SwiftShader (WebGPU on the CPU) where there is none.
 */
import { existsSync } from 'node:fs';
import type { Browser, LaunchOptions } from 'playwright-core';
import { GuardError } from '../core/errors';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

const FLAGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // WebGPU in headless Chromium on Linux needs the unsafe-WebGPU switch and Vulkan; without a usable GPU
  // the adapter is SwiftShader's (https://developer.chrome.com/docs/web-platform/webgpu/troubleshooting-tips).
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--ignore-gpu-blocklist',
];

const INSTALL_ADVICE =
  'Install Chromium (Debian/Ubuntu: apt-get install -y chromium), point CHROMIUM_PATH at a Chromium or Chrome ' +
  'binary, or let Playwright install one (npx playwright install chromium).';

/** Launch options from the environment (`CHROMIUM_PATH`, `ROGUARD_CHROMIUM_ARGS`: extra flags separated by spaces). */
export function launchOptions(env: Record<string, string | undefined>, managedPath: () => string): LaunchOptions {
  const given = env.CHROMIUM_PATH?.trim();
  let executablePath: string | undefined;
  if (given) {
    if (!existsSync(given)) throw new GuardError('ENGINE_UNREACHABLE', `CHROMIUM_PATH is ${given}, which does not exist. ${INSTALL_ADVICE}`, { path: given });
    executablePath = given;
  } else if (existsSync(DEBIAN_CHROMIUM)) {
    executablePath = DEBIAN_CHROMIUM;
  } else {
    const managed = safely(managedPath);
    if (!managed || !existsSync(managed)) throw new GuardError('ENGINE_UNREACHABLE', `No Chromium was found for --engine browser. ${INSTALL_ADVICE}`);
  }
  const extra = (env.ROGUARD_CHROMIUM_ARGS ?? '').split(/\s+/).filter(Boolean);
  // Chromium refuses to start its sandbox as root (containers, CI).
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return { headless: true, ...(executablePath ? { executablePath } : {}), args: [...sandbox, ...FLAGS, ...extra] };
}

function safely(read: () => string): string | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * Starts Chromium. Playwright is loaded only here, so `--engine openai` runs without it.
 * @throws GuardError ENGINE_UNREACHABLE when Playwright or Chromium is missing or Chromium does not start.
 */
export async function launchChromium(env: Record<string, string | undefined>): Promise<Browser> {
  let chromium: typeof import('playwright-core').chromium;
  try {
    ({ chromium } = await import('playwright-core'));
  } catch (error) {
    throw new GuardError('ENGINE_UNREACHABLE', `--engine browser needs the playwright-core package (npm install playwright-core): ${String(error)}`);
  }
  const options = launchOptions(env, () => chromium.executablePath());
  try {
    return await chromium.launch(options);
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new GuardError('ENGINE_UNREACHABLE', `Chromium (${options.executablePath ?? 'installed by Playwright'}) did not start: ${first}`);
  }
}
