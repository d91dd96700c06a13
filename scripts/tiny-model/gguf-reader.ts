/** Reads a GGUF v3 file back (header, metadata, tensor table, F32 data) so tests can check what the writer produced. */
import { GGML_TYPE_F32, GGUF_ALIGNMENT, GGUF_MAGIC, GgufType } from './gguf-writer';

export type GgufReadValue = number | bigint | boolean | string | GgufReadValue[];

export interface GgufTensorInfo {
  name: string;
  dims: number[];
  type: number;
  /** Offset from the start of the data section. */
  offset: number;
}

export interface GgufFile {
  version: number;
  metadata: Map<string, GgufReadValue>;
  tensors: GgufTensorInfo[];
  /** Absolute byte offset where tensor data starts. */
  dataStart: number;
  /** The F32 values of a tensor. */
  tensorData(name: string): Float32Array;
}

/** @throws Error on a bad magic, an unknown value type or a truncated file. */
export function readGguf(bytes: Uint8Array): GgufFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  let pos = 0;
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new Error(`GGUF truncated at byte ${pos} (needs ${n} more)`);
  };
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const u64 = () => (need(8), (pos += 8), Number(view.getBigUint64(pos - 8, true)));
  const string = () => {
    const length = u64();
    need(length);
    pos += length;
    return utf8.decode(bytes.subarray(pos - length, pos));
  };
  const scalar = (type: number): GgufReadValue => {
    switch (type) {
      case GgufType.UINT8: return (need(1), (pos += 1), view.getUint8(pos - 1));
      case GgufType.INT8: return (need(1), (pos += 1), view.getInt8(pos - 1));
      case GgufType.UINT16: return (need(2), (pos += 2), view.getUint16(pos - 2, true));
      case GgufType.INT16: return (need(2), (pos += 2), view.getInt16(pos - 2, true));
      case GgufType.UINT32: return u32();
      case GgufType.INT32: return (need(4), (pos += 4), view.getInt32(pos - 4, true));
      case GgufType.FLOAT32: return (need(4), (pos += 4), view.getFloat32(pos - 4, true));
      case GgufType.BOOL: return (need(1), (pos += 1), view.getUint8(pos - 1) !== 0);
      case GgufType.STRING: return string();
      case GgufType.UINT64: return (need(8), (pos += 8), view.getBigUint64(pos - 8, true));
      case GgufType.INT64: return (need(8), (pos += 8), view.getBigInt64(pos - 8, true));
      case GgufType.FLOAT64: return (need(8), (pos += 8), view.getFloat64(pos - 8, true));
      case GgufType.ARRAY: {
        const itemType = u32();
        const count = u64();
        const items: GgufReadValue[] = [];
        for (let i = 0; i < count; i++) items.push(scalar(itemType));
        return items;
      }
      default:
        throw new Error(`unknown GGUF value type ${type} at byte ${pos}`);
    }
  };

  if (u32() !== GGUF_MAGIC) throw new Error('not a GGUF file (bad magic)');
  const version = u32();
  const tensorCount = u64();
  const kvCount = u64();
  const metadata = new Map<string, GgufReadValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = string();
    metadata.set(key, scalar(u32()));
  }
  const tensors: GgufTensorInfo[] = [];
  for (let i = 0; i < tensorCount; i++) {
    const name = string();
    const nDims = u32();
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) dims.push(u64());
    tensors.push({ name, dims, type: u32(), offset: u64() });
  }
  const alignment = Number(metadata.get('general.alignment') ?? GGUF_ALIGNMENT);
  const dataStart = Math.ceil(pos / alignment) * alignment;

  return {
    version,
    metadata,
    tensors,
    dataStart,
    tensorData(name) {
      const info = tensors.find((t) => t.name === name);
      if (!info) throw new Error(`no tensor ${name}`);
      if (info.type !== GGML_TYPE_F32) throw new Error(`tensor ${name} is not F32`);
      const count = info.dims.reduce((a, b) => a * b, 1);
      const start = dataStart + info.offset;
      if (start + count * 4 > bytes.length) throw new Error(`tensor ${name} runs past the end of the file`);
      const out = new Float32Array(count);
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(start + i * 4, true);
      return out;
    },
  };
}
