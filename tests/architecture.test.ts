// Dependencies point one way: ui/cli/embed → worker/store → engines → core (shared/spec/product.md).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname, '../src');
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  engines: ['engines', 'core'],
  worker: ['worker', 'engines', 'core'],
  store: ['store', 'core'],
  ui: ['ui', 'worker', 'store', 'engines', 'core', 'embed'],
  embed: ['embed', 'worker', 'core', 'engines'],
  cli: ['cli', 'core', 'engines'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|new URL\(\s*['"]([^'"]+)['"]/g)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? '')
    .filter((spec) => spec.startsWith('.'));
}

describe('layering', () => {
  const files = sourceFiles(SRC);
  it('finds the source tree', () => {
    expect(files.length).toBeGreaterThan(5);
  });
  for (const file of files) {
    const layer = relative(SRC, file).split('/')[0]!;
    it(`${relative(SRC, file)} imports only from ${ALLOWED[layer]?.join(', ')}`, () => {
      expect(ALLOWED[layer], `unknown layer ${layer}`).toBeDefined();
      for (const spec of importsOf(file)) {
        const target = relative(SRC, resolve(dirname(file), spec)).split('/')[0]!;
        expect(ALLOWED[layer], `${relative(SRC, file)} imports ${spec}`).toContain(target);
      }
    });
  }
  it('core never touches the DOM, React, IndexedDB or Node', () => {
    for (const file of files.filter((f) => relative(SRC, f).startsWith('core/'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from ['"](react|dexie|node:[a-z]+|fs|path)['"]|\bdocument\.|\bwindow\.|indexedDB/);
    }
  });
});
