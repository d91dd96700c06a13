import { describe, expect, it } from 'vitest';
import { PLACEHOLDER_MLC_URL } from '../../engines/registry-urls';
import { mlcUrlFor } from '../../engines/registry-urls';
import { importUrlFor, localRoguardMlcSetting, summariseFolder } from './folder-import';

const ORIGIN = 'http://127.0.0.1:5173';

describe('importUrlFor', () => {
  it('keeps a configured weights URL', () => {
    expect(importUrlFor({ id: 'x', url: 'https://cdn.example/roguard-q4f32_1/' }, ORIGIN)).toBe('https://cdn.example/roguard-q4f32_1/');
  });

  it('stores under a path on this site when the URL is the placeholder', () => {
    const entry = { id: 'roguard-1.0-q4f32_1-MLC', url: mlcUrlFor(PLACEHOLDER_MLC_URL, 'q4f32_1'), urlIsPlaceholder: true };
    const url = importUrlFor(entry, ORIGIN);
    expect(url).toBe(`${ORIGIN}/local-models/roguard-1.0-q4f32_1-MLC/`);
    // The setting written after an import names the same folder for that build.
    expect(mlcUrlFor(localRoguardMlcSetting(ORIGIN), 'q4f32_1')).toBe(url);
  });
});

describe('summariseFolder', () => {
  it('counts files and finds the MLC metadata', () => {
    const summary = summariseFolder([
      { name: 'mlc-chat-config.json', size: 1000, webkitRelativePath: 'RoGuard-q4f32_1/mlc-chat-config.json' },
      { name: 'tensor-cache.json', size: 2000, webkitRelativePath: 'RoGuard-q4f32_1/tensor-cache.json' },
      { name: 'params_shard_0.bin', size: 30_000_000, webkitRelativePath: 'RoGuard-q4f32_1/params_shard_0.bin' },
    ]);
    expect(summary).toEqual({ files: 3, bytes: 30_003_000, folder: 'RoGuard-q4f32_1', hasConfig: true, hasTensorCache: true, hasLibrary: false });
  });

  it('notices a folder that is not an MLC build', () => {
    expect(summariseFolder([{ name: 'notes.txt', size: 5 }])).toMatchObject({ hasConfig: false, hasTensorCache: false, folder: '' });
    expect(summariseFolder([])).toMatchObject({ files: 0, bytes: 0 });
  });
});
