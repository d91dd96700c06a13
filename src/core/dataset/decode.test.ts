import { describe, expect, it } from 'vitest';
import { decodeText, firstInvalidUtf8 } from './decode';

const bytes = (...values: number[]) => new Uint8Array(values);

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(new TextEncoder().encode('héllo'))).toEqual({ ok: true, text: 'héllo', encoding: 'utf-8' });
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0x61))).toEqual({ ok: true, text: 'a', encoding: 'utf-8-bom' });
  });

  it('reads UTF-16 LE and BE with a BOM, surrogate pairs included', () => {
    expect(decodeText(bytes(0xff, 0xfe, 0x61, 0x00, 0x3d, 0xd8, 0x00, 0xde))).toEqual({ ok: true, text: 'a😀', encoding: 'utf-16le' });
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0x61, 0x00, 0xe9))).toEqual({ ok: true, text: 'aé', encoding: 'utf-16be' });
  });

  it('refuses damaged UTF-16, UTF-32 and UTF-16 without a BOM, saying what to do', () => {
    const odd = decodeText(bytes(0xff, 0xfe, 0x61, 0x00, 0x62));
    expect(odd).toMatchObject({ ok: false, reason: expect.stringMatching(/^The file is UTF-16LE but has an odd number of bytes: it is truncated\. Re-save it as UTF-8/) });
    const lone = decodeText(bytes(0xff, 0xfe, 0x61, 0x00, 0x3d, 0xd8, 0x62, 0x00));
    expect(lone).toMatchObject({ ok: false, reason: expect.stringContaining('unpaired surrogate at byte offset 4') });
    expect(decodeText(bytes(0xff, 0xfe, 0x00, 0x00, 0x61, 0, 0, 0))).toMatchObject({ ok: false, reason: expect.stringMatching(/^The file is UTF-32/) });
    const noBom = new Uint8Array([...'prompt,label'].flatMap((c) => [c.charCodeAt(0), 0]));
    expect(decodeText(noBom)).toMatchObject({ ok: false, reason: expect.stringMatching(/^The file looks like UTF-16 without a byte-order mark/) });
  });

  it('names the offset and line of the first byte that is not UTF-8', () => {
    const text = decodeText(bytes(0x61, 0x0a, 0x62, 0x0d, 0x0a, 0x63, 0x0d, 0x64, 0x92, 0x65));
    expect(text).toEqual({
      ok: false,
      reason:
        'The file is not valid UTF-8: byte 0x92 at offset 8 (line 4) begins a broken character. It was probably saved as Windows-1252/Latin-1. ' +
        'Re-save it as UTF-8 (for example "CSV UTF-8" in Excel, or encoding="utf-8" in pandas) and try again.',
    });
  });
});

describe('firstInvalidUtf8', () => {
  it('agrees with the strict decoder on overlongs, surrogates, truncation and stray continuation bytes', () => {
    expect(firstInvalidUtf8(bytes(0x61, 0xc3, 0xa9))).toBe(-1);
    expect(firstInvalidUtf8(bytes(0x61, 0xc0, 0x80))).toBe(1);
    expect(firstInvalidUtf8(bytes(0xe0, 0x80, 0x80))).toBe(0);
    expect(firstInvalidUtf8(bytes(0xed, 0xa0, 0x80))).toBe(0);
    expect(firstInvalidUtf8(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0);
    expect(firstInvalidUtf8(bytes(0x61, 0x62, 0xe2, 0x82))).toBe(2);
    expect(firstInvalidUtf8(bytes(0x80))).toBe(0);
    expect(firstInvalidUtf8(bytes(0xf0, 0x9f, 0x98, 0x80, 0xff))).toBe(4);
  });
});
