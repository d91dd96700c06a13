import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchOptions } from './browser-launch';

const noManaged = () => '/nowhere/chrome';

describe('launchOptions', () => {
  it('uses CHROMIUM_PATH with WebGPU on and the extra flags of ROGUARD_CHROMIUM_ARGS', () => {
    const dir = mkdtempSync(join(tmpdir(), 'roguard-launch-'));
    try {
      const binary = join(dir, 'chrome');
      writeFileSync(binary, '');
      const options = launchOptions({ CHROMIUM_PATH: binary, ROGUARD_CHROMIUM_ARGS: ' --use-angle=vulkan  --foo ' }, noManaged);
      expect(options.executablePath).toBe(binary);
      expect(options.headless).toBe(true);
      expect(options.args).toEqual(expect.arrayContaining(['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--no-first-run', '--use-angle=vulkan', '--foo']));
      expect(options.args!.slice(-2)).toEqual(['--use-angle=vulkan', '--foo']);
      // No adapter is forced: a real GPU is used where there is one.
      expect(options.args!.some((arg) => arg.startsWith('--use-webgpu-adapter'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says what to install when CHROMIUM_PATH points nowhere', () => {
    expect(() => launchOptions({ CHROMIUM_PATH: '/nowhere/chromium' }, noManaged)).toThrow(/CHROMIUM_PATH is \/nowhere\/chromium, which does not exist\. Install Chromium/);
  });
});
