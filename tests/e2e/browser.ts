import type { LaunchOptions } from '@playwright/test';

/** Debian's Chromium with WebGPU emulated by SwiftShader (see shared/spec/product.md). */
export function chromiumLaunchOptions({ webgpu = true } = {}): LaunchOptions {
  return {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...(webgpu ? ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'] : ['--disable-gpu']),
    ],
  };
}
