/**
 * Where the RoGuard weights live. No public MLC or GGUF build of RoGuard exists, so the URL is a
 * setting: a build-time default from the environment, overridden at run time by the page (a
 * `ModelSpec.url`, or the `urls` given to `buildRegistry`). See docs/webllm.md.
 */

/** Quantizations of the MLC builds we pair with WebLLM's prebuilt Llama-3.1-8B libraries. */
export type MlcQuantization = 'q4f16_1' | 'q4f32_1';

export interface WeightUrls {
  /** MLC weights folder; `{quant}` is replaced by `q4f16_1` or `q4f32_1`. */
  roguardMlc: string;
  /** One GGUF file (or several split parts joined by spaces) for the CPU engine. */
  roguardGguf: string;
  /** The tiny test model's GGUF URL, given at run time (tests, demos). */
  tinyTestGguf?: string;
}

/**
 * Fallback when no URL was configured at build time. `.invalid` can never resolve, so loading it is
 * refused up front with a message saying how to set the real one.
 */
export const PLACEHOLDER_MLC_URL = 'https://roguard-weights.invalid/RoGuard-1.0-{quant}-MLC';
export const PLACEHOLDER_GGUF_URL = 'https://roguard-weights.invalid/RoGuard-1.0-Q4_K_M.gguf';

function env(name: 'VITE_ROGUARD_MLC_URL' | 'VITE_ROGUARD_GGUF_URL'): string | undefined {
  const value = (import.meta.env as Record<string, string | undefined> | undefined)?.[name];
  return value && value.trim() !== '' ? value.trim() : undefined;
}

/** The build-time defaults (`VITE_ROGUARD_MLC_URL`, `VITE_ROGUARD_GGUF_URL`), else the placeholders. */
export function defaultWeightUrls(): WeightUrls {
  return {
    roguardMlc: env('VITE_ROGUARD_MLC_URL') ?? PLACEHOLDER_MLC_URL,
    roguardGguf: env('VITE_ROGUARD_GGUF_URL') ?? PLACEHOLDER_GGUF_URL,
  };
}

/** The weights URL of one build: `{quant}` substituted; a URL without it names a single build and is used as is. */
export function mlcUrlFor(template: string, quantization: MlcQuantization): string {
  return template.replaceAll('{quant}', quantization);
}

export function isPlaceholderUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url).hostname.endsWith('.invalid');
  } catch {
    return false;
  }
}
