// The embeddable library (`npm run build:lib` → dist-lib/, declarations from tsconfig.lib.json).
// Two ES entries: index.js (the page side) and guard.worker.js (the worker, with its engines), so the
// page side reaches the worker as `new Worker(new URL("./guard.worker.js", import.meta.url), { type: "module" })`,
// which consumers' bundlers bundle. That line is written through a define: Vite's own worker handling
// would emit `new URL(/* @vite-ignore */ "…", "" + import.meta.url)`, which consumers' bundlers skip.
import { defineConfig, type Plugin } from 'vite';
import { resolve } from 'node:path';

const root = import.meta.dirname;
const CLIENT = resolve(root, 'src/worker/client.ts');
/** The app's worker start in the shared client; Vite would bundle that worker a second time beside the entry. */
const APP_WORKER_URL = "new URL('./guard.worker.ts', import.meta.url)";

/** Points the shared client (src/worker/client.ts) at the library's own `guard.worker.js` entry. */
function libraryWorker(): Plugin {
  return {
    name: 'roguard-library-worker',
    enforce: 'pre',
    transform(code, id) {
      if (id.split('?')[0] !== CLIENT) return null;
      const found = code.split(APP_WORKER_URL).length - 1;
      if (found !== 1) this.error(`vite.lib.config.ts expected ${APP_WORKER_URL} once in src/worker/client.ts, found it ${found} times.`);
      return { code: code.replace(APP_WORKER_URL, 'new URL(__ROGUARD_WORKER_FILE__, import.meta.url)'), map: null };
    },
  };
}

export default defineConfig({
  base: './',
  publicDir: false,
  plugins: [libraryWorker()],
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
