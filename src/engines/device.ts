/** What the capability probe found about this browser's GPU (types only). */
export interface DeviceProbe {
  webgpu: boolean;
  /** Why WebGPU cannot be used, and what to do, when `webgpu` is false. */
  reason?: string;
  adapter?: {
    vendor: string;
    architecture: string;
    device: string;
    description: string;
    /** True for software adapters such as SwiftShader. */
    isFallback: boolean;
  };
  shaderF16: boolean;
  limits?: {
    maxBufferSize: number;
    maxStorageBufferBindingSize: number;
    maxComputeWorkgroupStorageSize: number;
  };
  /** Cross-origin isolation (SharedArrayBuffer), which multi-threaded wllama needs. */
  crossOriginIsolated: boolean;
  hardwareConcurrency: number;
  /** Storage estimate from `navigator.storage.estimate()`, bytes. */
  storage?: { usage: number; quota: number; persisted: boolean };
}
