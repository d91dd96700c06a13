/**
 * The WebLLM engine in the bench, where it can run: a hardware WebGPU adapter (not a software fallback
 * such as SwiftShader) and a WebLLM model named with --webllm-model. Otherwise one line says why not.
 * WebLLM reuses no prompt prefix between completions (docs/speed.md), so both of its pipelines compute
 * the full prompt; ours still stops early and reads the score in the same pass.
 */
import type { DeviceProbe } from '../src/engines/device';
import { BenchBrowser, hardwareGpuLaunchOptions } from './browser';
import { benchEngine } from './engine-bench';
import type { BenchInputs } from './inputs';
import { checkLines, engineTable } from './report';

/** Why this browser cannot run WebLLM for the bench, or null when it has a hardware adapter. */
export function noHardwareGpu(probe: DeviceProbe): string | null {
  if (!probe.webgpu) return `no WebGPU (${probe.reason ?? 'no adapter'})`;
  const adapter = probe.adapter;
  const name = adapter ? `${adapter.vendor} ${adapter.architecture} ${adapter.description}`.trim() : '';
  if (!adapter || adapter.isFallback || /swiftshader/i.test(name)) return `the only WebGPU adapter is a software one (${name || 'fallback'})`;
  return null;
}

export async function webllmLines(dist: string, inputs: BenchInputs, rounds: number, modelId: string | null): Promise<{ lines: string[]; failures: string[] }> {
  const browser = await BenchBrowser.open(dist, hardwareGpuLaunchOptions());
  try {
    const probe = await browser.probe();
    const why = noHardwareGpu(probe);
    if (why) return { lines: [`WebLLM: skipped — ${why}.`], failures: [] };
    const adapter = `${probe.adapter!.vendor} ${probe.adapter!.description}`.trim();
    if (!modelId) return { lines: [`WebLLM: skipped — WebGPU adapter ${adapter} found, but no model named: add --webllm-model <registry id> (its weights must be reachable).`], failures: [] };
    const bench = await benchEngine(browser, inputs, { rounds, model: { id: modelId, engine: 'webllm' }, flaggedVariant: false });
    const checks = checkLines(bench);
    return { lines: [`WebLLM (${modelId} on ${adapter}), no prefix reuse in either pipeline:`, ...engineTable(bench), ...checks.lines], failures: checks.failures };
  } finally {
    await browser.close();
  }
}
