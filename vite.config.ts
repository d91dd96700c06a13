import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

// Cross-origin isolation lets wllama use SharedArrayBuffer threads.
// Pages under harness/ drive the worker and engines for automated checks; the app is index.html.
const harnessPages = Object.fromEntries(
  readdirSync(resolve(import.meta.dirname, 'harness'))
    .filter((name) => name.endsWith('.html'))
    .map((name) => [`harness-${name.replace(/\.html$/, '')}`, resolve(import.meta.dirname, 'harness', name)]),
);

const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [react()],
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['@wllama/wllama', '@mlc-ai/web-llm'] },
  build: {
    target: 'es2022',
    outDir: process.env.ROGUARD_DIST ?? 'dist',
    rollupOptions: { input: { main: resolve(import.meta.dirname, 'index.html'), ...harnessPages } },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'tests/**/*.test.ts', 'bench/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    setupFiles: ['tests/setup.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
