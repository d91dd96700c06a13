/**
 * How wllama runs here: threads (several only when the page is cross-origin isolated, since wasm
 * threads need SharedArrayBuffer) and whether layers go to WebGPU (only on a hardware adapter: a
 * software one such as SwiftShader is slower than wasm SIMD on the CPU).
 */
import type { ModelSpec } from '../core/engine';

export interface WllamaRuntime {
  threads: number;
  /** Layers offloaded to WebGPU; 0 keeps everything on the CPU. */
  gpuLayers: number;
  /** Why the GPU is or is not used, for the load notes. */
  gpuNote: string;
}

/** The slice of the WebGPU API we probe (not in TypeScript's WebWorker lib). */
interface GpuLike {
  requestAdapter(): Promise<{ info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean } } | null>;
}

async function hardwareAdapter(): Promise<{ ok: boolean; note: string }> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return { ok: false, note: 'no WebGPU in this browser: running on the CPU' };
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return { ok: false, note: 'no WebGPU adapter: running on the CPU' };
    const info = adapter.info ?? {};
    const name = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`;
    if (info.isFallbackAdapter || /swiftshader/i.test(name)) return { ok: false, note: `software WebGPU adapter (${name.trim()}): running on the CPU` };
    return { ok: true, note: `WebGPU adapter ${name.trim() || 'found'}` };
  } catch (error) {
    return { ok: false, note: `WebGPU probe failed (${error instanceof Error ? error.message : String(error)}): running on the CPU` };
  }
}

/** Threads and GPU offload for a load; `options.threads` and `options.gpuLayers` override the choice. */
export async function chooseRuntime(options: ModelSpec['options'] = {}): Promise<WllamaRuntime> {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  const cores = globalThis.navigator?.hardwareConcurrency ?? 1;
  const threads = typeof options.threads === 'number' ? Math.max(1, Math.floor(options.threads)) : isolated ? Math.max(2, Math.min(8, Math.floor(cores / 2))) : 1;
  if (typeof options.gpuLayers === 'number') {
    return { threads, gpuLayers: Math.max(0, Math.floor(options.gpuLayers)), gpuNote: `gpuLayers set to ${options.gpuLayers}` };
  }
  const adapter = await hardwareAdapter();
  return { threads, gpuLayers: adapter.ok ? 999 : 0, gpuNote: adapter.note };
}
