// The embeddable library (`npm run build:lib` → dist-lib/, declarations from tsconfig.lib.json).
// Two ES entries: index.js (the page side) and guard.worker.js (the worker, with its engines), so the
// page side reaches the worker as `new Worker(new URL("./guard.worker.js", import.meta.url), { type: "module" })`,
// which consumers' bundlers bundle. That line is written through a define: Vite's own worker handling
// would emit `new URL(/* @vite-ignore */ "…", "" + import.meta.url)`, which consumers' bundlers skip.
import { defineConfig } from 'vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;
export default defineConfig({
  base: './',
  publicDir: false,
  define: { __ROGUARD_WORKER_FILE__: JSON.stringify('./guard.worker.js') },
  resolve: {
    // Library mode inlines every `?url` asset as base64; llama.cpp's 10 MB wasm stays a file beside the worker.
    alias: [{ find: /^(@wllama\/wllama\/esm\/wasm\/wllama\.wasm)\?url$/, replacement: '$1?url&no-inline' }],
  },
  build: {
    target: 'es2022',
    outDir: 'dist-lib',
    lib: {
      entry: { index: resolve(root, 'src/embed/index.ts'), 'guard.worker': resolve(root, 'src/worker/guard.worker.ts') },
      formats: ['es'],
    },
  },
});
