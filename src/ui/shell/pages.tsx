/**
 * The route table. Benchmark and Runs are separate chunks, found with `import.meta.glob` so the app
 * builds (and says "coming soon") while those pages do not exist yet.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { CheckPage } from '../check/CheckPage';
import { ModelsPage } from '../models/ModelsPage';
import type { PageId } from './route';

/** Props every page receives from the shell. */
export interface PageProps {
  /** The run id of `#/runs/<id>`; only the Runs page reads it. */
  runId?: string;
}

type PageModule = Record<string, ComponentType<PageProps>>;

const benchmarkModules = import.meta.glob<PageModule>('../benchmark/BenchmarkPage.tsx');
const runsModules = import.meta.glob<PageModule>('../runs/RunsPage.tsx');

function lazyPage(
  modules: Record<string, () => Promise<PageModule>>,
  exportName: string,
): LazyExoticComponent<ComponentType<PageProps>> | null {
  const load = Object.values(modules)[0];
  if (!load) return null;
  return lazy(async () => {
    const module = await load();
    const page = module[exportName];
    if (!page) throw new Error(`The page module does not export ${exportName}.`);
    return { default: page };
  });
}

export type PageComponent = ComponentType<PageProps> | LazyExoticComponent<ComponentType<PageProps>>;

/** Page id → its component, or null where the page is not built yet. */
export const PAGE_COMPONENTS: Record<PageId, PageComponent | null> = {
  check: CheckPage,
  benchmark: lazyPage(benchmarkModules, 'BenchmarkPage'),
  runs: lazyPage(runsModules, 'RunsPage'),
  models: ModelsPage,
};
