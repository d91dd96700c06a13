/**
 * The shell's theme colours resolved to concrete values for recharts. Charts get real colours, not
 * `var(--x)`, so an SVG copied into an image (the PNG export) keeps them.
 */
import { useSyncExternalStore } from 'react';

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accent: string;
  flagged: string;
  safe: string;
  unparsed: string;
  info: string;
  /** A neutral colour for reference marks such as the published F1. */
  reference: string;
}

const VARIABLES: Record<keyof ChartColors, [name: string, fallback: string]> = {
  text: ['--text', '#14171f'],
  muted: ['--text-muted', '#4a5161'],
  grid: ['--border', '#c9ced8'],
  surface: ['--surface', '#ffffff'],
  accent: ['--accent', '#1d4ed8'],
  flagged: ['--flagged', '#b42318'],
  safe: ['--safe', '#146c2e'],
  unparsed: ['--unparsed', '#7a4b00'],
  info: ['--info', '#1e4f8a'],
  reference: ['--text-muted', '#4a5161'],
};

function readColors(): ChartColors {
  const style = typeof document === 'undefined' ? null : getComputedStyle(document.documentElement);
  const entries = Object.entries(VARIABLES).map(([key, [name, fallback]]) => {
    const value = style?.getPropertyValue(name).trim();
    return [key, value || fallback];
  });
  return Object.fromEntries(entries) as ChartColors;
}

let current: ChartColors | null = null;
let key = '';

function snapshot(): ChartColors {
  const next = readColors();
  const nextKey = JSON.stringify(next);
  if (current === null || nextKey !== key) {
    current = next;
    key = nextKey;
  }
  return current;
}

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia('(prefers-color-scheme: dark)');
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** Theme colours that follow the system's light/dark setting. */
export function useChartColors(): ChartColors {
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}
