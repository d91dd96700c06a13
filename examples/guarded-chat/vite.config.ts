import { defineConfig } from 'vite';

// Cross-origin isolation lets the CPU engine (wllama) use several threads.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  server: { headers: isolation },
  preview: { headers: isolation },
  // The guard worker loads its engines on demand (code splitting), which needs ES module workers.
  worker: { format: 'es' },
  // Pre-bundling would move the library away from its worker and wasm files, which it finds by import.meta.url.
  optimizeDeps: { exclude: ['roguard-web'] },
  build: { target: 'es2022' },
});
