import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildReason, ensureApp } from './browser-app';

let root: string;

function project(): string {
  root = mkdtempSync(join(tmpdir(), 'roguard-app-'));
  mkdirSync(join(root, 'src/core'), { recursive: true });
  mkdirSync(join(root, 'dist/harness'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html>');
  writeFileSync(join(root, 'src/core/a.ts'), 'export {}');
  writeFileSync(join(root, 'dist/harness/index.html'), '<!doctype html>');
  return root;
}

const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('buildReason', () => {
  it('is null when the built page is newer than every source, and says why otherwise', () => {
    project();
    at(join(root, 'index.html'), 1000);
    at(join(root, 'src/core/a.ts'), 1000);
    at(join(root, 'dist/harness/index.html'), 2000);
    expect(buildReason(root, join(root, 'dist'))).toBeNull();
    // A test file is not part of the build.
    writeFileSync(join(root, 'src/core/a.test.ts'), 'test');
    at(join(root, 'src/core/a.test.ts'), 3000);
    expect(buildReason(root, join(root, 'dist'))).toBeNull();
    at(join(root, 'src/core/a.ts'), 3000);
    expect(buildReason(root, join(root, 'dist'))).toBe('the sources changed since dist was built');
    expect(buildReason(root, join(root, 'dist-other'))).toBe('dist-other has no harness/index.html');
  });
});

describe('ensureApp', () => {
  it('returns a fresh build as is, and refuses to build without the sources', async () => {
    project();
    at(join(root, 'index.html'), 1000);
    at(join(root, 'src/core/a.ts'), 1000);
    at(join(root, 'dist/harness/index.html'), 2000);
    const log: string[] = [];
    expect(await ensureApp('dist', (line) => log.push(line), root)).toBe(join(root, 'dist'));
    expect(log).toEqual([]);
    await expect(ensureApp('missing', (line) => log.push(line), root)).rejects.toThrow(/The built app is missing \(missing has no harness\/index\.html\).*run npm run build/);
  });
});
