/**
 * What this browser can run: WebGPU, the adapter, `shader-f16`, buffer limits, cross-origin isolation,
 * cores and storage. Runs in the page or the worker. WebLLM 0.2.86 downloads the model library before
 * it looks for a GPU, so we probe first and fail with a reason a person can act on.
 */
import type { DeviceProbe } from './device';

/** The slice of the WebGPU API we read (the TypeScript libs here ship no WebGPU types). */
interface GpuAdapterInfoLike {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapterLike {
  features: { has(name: string): boolean };
  limits: Record<string, number | undefined>;
  info?: GpuAdapterInfoLike;
  isFallbackAdapter?: boolean;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

const CPU_ADVICE =
  'Or switch to the CPU engine (wllama) with the RoGuard GGUF build, which needs no GPU but is much slower.';

export const NO_WEBGPU_REASON =
  'This browser does not offer WebGPU. Use a current Chrome or Edge (version 113 or later) on Windows, macOS or ChromeOS; ' +
  'on Linux or Android Chrome, enable chrome://flags/#enable-unsafe-webgpu (and #enable-vulkan on Linux); ' +
  'Safari 26 and Firefox 141 or later support it on some systems. ' +
  CPU_ADVICE;

const INSECURE_REASON =
  'WebGPU needs a secure page (https:// or http://localhost). Open the app over https or on localhost. ' + CPU_ADVICE;

const NO_ADAPTER_REASON =
  'WebGPU is present but no GPU adapter was found: the GPU may be blocklisted, disabled or its driver too old. ' +
  'Check chrome://gpu, update the graphics driver, or try chrome://flags/#enable-unsafe-webgpu. ' +
  'A smaller model (Llama-3.2-1B-Instruct) will not help here. ' +
  CPU_ADVICE;

export function gpuOf(scope: { navigator?: unknown } = globalThis): GpuLike | undefined {
  const nav = scope.navigator as { gpu?: GpuLike } | undefined;
  return nav?.gpu ?? undefined;
}

/** Resolves with null when the adapter request takes longer than `ms` (a hung driver must not hang the app). */
async function requestAdapter(gpu: GpuLike, ms: number): Promise<GpuAdapterLike | null> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([gpu.requestAdapter({ powerPreference: 'high-performance' }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function storageEstimate(): Promise<DeviceProbe['storage']> {
  const storage = (globalThis.navigator as { storage?: StorageManager } | undefined)?.storage;
  if (!storage?.estimate) return undefined;
  try {
    const estimate = await storage.estimate();
    const persisted = storage.persisted ? await storage.persisted() : false;
    return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
  } catch {
    return undefined;
  }
}

function describeAdapter(adapter: GpuAdapterLike): NonNullable<DeviceProbe['adapter']> {
  const info = adapter.info ?? {};
  const text = `${info.vendor ?? ''} ${info.architecture ?? ''} ${info.description ?? ''}`;
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallback: info.isFallbackAdapter ?? adapter.isFallbackAdapter ?? /swiftshader|llvmpipe|software/i.test(text),
  };
}

/** Probes the device; never throws: every failure is a `reason` that says what to do. */
export async function probeDevice(options: { adapterTimeoutMs?: number } = {}): Promise<DeviceProbe> {
  const base = {
    crossOriginIsolated: Boolean((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated),
    hardwareConcurrency: globalThis.navigator?.hardwareConcurrency ?? 1,
    storage: await storageEstimate(),
  };
  const gpu = gpuOf();
  if (!gpu) {
    const secure = (globalThis as { isSecureContext?: boolean }).isSecureContext !== false;
    return { ...base, webgpu: false, shaderF16: false, reason: secure ? NO_WEBGPU_REASON : INSECURE_REASON };
  }
  let adapter: GpuAdapterLike | null;
  try {
    adapter = await requestAdapter(gpu, options.adapterTimeoutMs ?? 10_000);
  } catch (error) {
    return { ...base, webgpu: false, shaderF16: false, reason: `${NO_ADAPTER_REASON} (${String(error)})` };
  }
  if (!adapter) return { ...base, webgpu: false, shaderF16: false, reason: NO_ADAPTER_REASON };
  const limit = (name: string): number => Number(adapter.limits[name] ?? 0);
  return {
    ...base,
    webgpu: true,
    adapter: describeAdapter(adapter),
    shaderF16: adapter.features.has('shader-f16'),
    limits: {
      maxBufferSize: limit('maxBufferSize'),
      maxStorageBufferBindingSize: limit('maxStorageBufferBindingSize'),
      maxComputeWorkgroupStorageSize: limit('maxComputeWorkgroupStorageSize'),
    },
  };
}
