/**
 * Bytes → text for the text formats. UTF-8 (with or without BOM) and UTF-16 with a BOM are read;
 * anything else is refused with the byte offset and what to do, never decoded with silent replacement
 * (a replaced character would change a prompt and so a verdict without anyone noticing).
 */
import type { DatasetEncoding } from './types';

export type Decoded = { ok: true; text: string; encoding: DatasetEncoding } | { ok: false; reason: string };

const RESAVE = 'Re-save it as UTF-8 (for example "CSV UTF-8" in Excel, or encoding="utf-8" in pandas) and try again.';

export function decodeText(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return { ok: false, reason: `The file is UTF-32, which is not supported. ${RESAVE}` };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeUtf16(bytes.subarray(2), true);
  if (startsWith(bytes, [0xfe, 0xff])) return decodeUtf16(bytes.subarray(2), false);
  const bom = startsWith(bytes, [0xef, 0xbb, 0xbf]);
  const body = bom ? bytes.subarray(3) : bytes;
  if (looksLikeUtf16WithoutBom(body)) {
    return { ok: false, reason: `The file looks like UTF-16 without a byte-order mark (every other byte is zero). ${RESAVE}` };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    return { ok: true, text, encoding: bom ? 'utf-8-bom' : 'utf-8' };
  } catch {
    const offset = firstInvalidUtf8(body) + (bom ? 3 : 0);
    const line = lineOfByte(bytes, offset);
    const byte = (bytes[offset] ?? 0).toString(16).toUpperCase().padStart(2, '0');
    return {
      ok: false,
      reason:
        `The file is not valid UTF-8: byte 0x${byte} at offset ${offset} (line ${line}) begins a broken character. ` +
        `It was probably saved as Windows-1252/Latin-1. ${RESAVE}`,
    };
  }
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024);
  if (n < 8) return false;
  let zeros = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) zeros++;
  return zeros / n > 0.3;
}

function decodeUtf16(bytes: Uint8Array, littleEndian: boolean): Decoded {
  const encoding: DatasetEncoding = littleEndian ? 'utf-16le' : 'utf-16be';
  if (bytes.length % 2 !== 0) {
    return { ok: false, reason: `The file is ${encoding.toUpperCase()} but has an odd number of bytes: it is truncated. ${RESAVE}` };
  }
  const units = new Uint16Array(bytes.length / 2);
  for (let i = 0; i < units.length; i++) {
    const a = bytes[2 * i]!;
    const b = bytes[2 * i + 1]!;
    units[i] = littleEndian ? a | (b << 8) : (a << 8) | b;
  }
  const bad = firstLoneSurrogate(units);
  if (bad >= 0) {
    return {
      ok: false,
      reason: `The file is ${encoding.toUpperCase()} but holds an unpaired surrogate at byte offset ${2 + 2 * bad}: it is damaged. ${RESAVE}`,
    };
  }
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let i = 0; i < units.length; i += CHUNK) parts.push(String.fromCharCode(...units.subarray(i, i + CHUNK)));
  return { ok: true, text: parts.join(''), encoding };
}

function firstLoneSurrogate(units: Uint16Array): number {
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = units[i + 1];
      if (next === undefined || next < 0xdc00 || next > 0xdfff) return i;
      i++;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return i;
    }
  }
  return -1;
}

/** Offset of the first byte that breaks UTF-8 (the strict rules TextDecoder applies: no overlongs, no surrogates). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return i;
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) line++;
    else if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) line++;
  }
  return line;
}
