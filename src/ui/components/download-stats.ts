/** Download speed and time left from timed progress reports, and their text. */
import type { Progress } from '../../core/engine';

export interface TimedProgress {
  /** Milliseconds on a monotonic clock (`performance.now()`). */
  at: number;
  progress: Progress;
}

export interface DownloadStats {
  /** 0–1, or null when the total is unknown. */
  fraction: number | null;
  /** True when loaded/total count bytes (a download), not steps or a fraction. */
  bytes: boolean;
  loaded: number;
  total: number;
  /** Bytes (or units) per second over the recent reports; null until two reports span half a second. */
  perSecond: number | null;
  /** Seconds left at the recent speed; null when unknown. */
  secondsLeft: number | null;
}

/** Speed is measured over reports at least this far apart, so one burst does not swing it. */
const MIN_SPAN_MS = 500;

export function downloadStats(samples: readonly TimedProgress[]): DownloadStats | null {
  const last = samples.at(-1);
  if (!last) return null;
  const { loaded, total, phase } = last.progress;
  const fraction = total > 0 ? Math.min(1, loaded / total) : null;
  const bytes = phase === 'download' && total > 1;
  const samePhase = samples.filter((s) => s.progress.phase === phase && s.progress.total === total);
  const first = samePhase[0]!;
  const span = last.at - first.at;
  const gained = loaded - first.progress.loaded;
  const perSecond = span >= MIN_SPAN_MS && gained >= 0 ? (gained * 1000) / span : null;
  const secondsLeft = perSecond && perSecond > 0 && total > 0 ? Math.max(0, (total - loaded) / perSecond) : null;
  return { fraction, bytes, loaded, total, perSecond, secondsLeft };
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'];

/** Bytes in decimal units, as browsers show downloads: `1.5 GB`, `830 KB`. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '?';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** A duration for people: `45 s`, `3 min 20 s`, `1 h 5 min`. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

/** One line under a progress bar: what is done, how fast, how long left. */
export function describeDownload(stats: DownloadStats): string {
  const parts: string[] = [];
  if (stats.bytes) {
    parts.push(`${formatBytes(stats.loaded)} of ${formatBytes(stats.total)}`);
    if (stats.perSecond !== null) parts.push(`${formatBytes(stats.perSecond)}/s`);
  } else if (stats.fraction !== null) {
    parts.push(`${Math.round(stats.fraction * 100)}%`);
  }
  if (stats.secondsLeft !== null) parts.push(`about ${formatDuration(stats.secondsLeft)} left`);
  return parts.join(' · ');
}
