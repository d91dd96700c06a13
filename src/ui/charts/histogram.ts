/** Equal-width bins for the latency histogram. */

export interface Bin {
  /** Inclusive lower edge. */
  from: number;
  /** Exclusive upper edge (inclusive for the last bin). */
  to: number;
  count: number;
}

/**
 * Splits `values` into `binCount` equal-width bins between their minimum and maximum (rounded out to
 * whole units); non-finite values are left out. One bin when every value is the same.
 */
export function histogram(values: readonly number[], binCount = 20): Bin[] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const value of finite) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const low = Math.floor(min);
  const high = Math.ceil(max);
  if (high === low) return [{ from: low, to: low + 1, count: finite.length }];
  const bins = Math.max(1, Math.min(binCount, Math.ceil(high - low)));
  const width = (high - low) / bins;
  const result: Bin[] = Array.from({ length: bins }, (_, i) => ({ from: low + i * width, to: low + (i + 1) * width, count: 0 }));
  for (const value of finite) {
    const slot = Math.min(bins - 1, Math.floor((value - low) / width));
    result[slot]!.count++;
  }
  return result;
}

/** The p-th percentile (0–100) by nearest rank, or null for no values. */
export function percentile(values: readonly number[], p: number): number | null {
  const finite = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * finite.length));
  return finite[rank - 1]!;
}
