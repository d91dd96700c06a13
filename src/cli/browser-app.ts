/**
 * The built web app that `--engine browser` serves: `dist/` (or `$ROGUARD_DIST`) in the project folder,
 * built with Vite first when it is missing or older than the sources, so a checkout needs no extra step.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GuardError } from '../core/errors';

/** The project folder (this file is `src/cli/browser-app.ts`). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The page the CLI drives; its `window.roguard` holds the worker client (harness/main.ts). */
export const HARNESS_PAGE = 'harness/index.html';

/** What goes into the build; test files do not. */
const INPUTS = ['index.html', 'vite.config.ts', 'package.json', 'src', 'harness', 'public'];
const NOT_BUILT = /\.test\.tsx?$|\.typetest\.ts$/;

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return NOT_BUILT.test(path) ? 0 : info.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Why the app must be built, or null when `dist` is there and newer than every source file. */
export function buildReason(root: string, dist: string): string | null {
  const page = join(dist, HARNESS_PAGE);
  if (!existsSync(page)) return `${relative(root, dist) || dist} has no ${HARNESS_PAGE}`;
  const built = statSync(page).mtimeMs;
  const sources = Math.max(...INPUTS.map((input) => newestMtime(join(root, input))));
  return sources > built ? `the sources changed since ${relative(root, dist) || dist} was built` : null;
}

/**
 * The folder of the built app, building it first when needed. `distDir` is relative to the project.
 * @throws GuardError ENGINE_UNREACHABLE when the app cannot be built.
 */
export async function ensureApp(distDir: string, log: (line: string) => void, root = PROJECT_ROOT): Promise<string> {
  const dist = resolve(root, distDir);
  const reason = buildReason(root, dist);
  if (reason === null) return dist;
  if (!existsSync(join(root, 'vite.config.ts'))) {
    throw new GuardError('ENGINE_UNREACHABLE', `The built app is missing (${reason}) and its sources are not here to build it: run npm run build in the project.`);
  }
  log(`Building the app into ${relative(root, dist) || dist} (${reason})…`);
  try {
    const { build } = await import('vite');
    await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'error', build: { outDir: dist, emptyOutDir: true } });
  } catch (error) {
    throw new GuardError('ENGINE_UNREACHABLE', `Building the app failed: ${error instanceof Error ? error.message : String(error)}. Run npm run build to see why.`);
  }
  return dist;
}
