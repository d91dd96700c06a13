/**
 * A minimal GGUF v3 writer: metadata key/values and F32 tensors, laid out as llama.cpp's gguf reader
 * expects (little-endian; strings are a u64 byte length then UTF-8; tensor data aligned to
 * `general.alignment`, default 32). Spec: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
 */

export const GGUF_MAGIC = 0x46554747; // "GGUF" read as a little-endian u32
export const GGUF_VERSION = 3;
export const GGUF_ALIGNMENT = 32;

/** GGUF value type ids. */
export const GgufType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;

/** ggml tensor type id of F32. */
export const GGML_TYPE_F32 = 0;

export type GgufValue =
  | { type: 'u32'; value: number }
  | { type: 'i32'; value: number }
  | { type: 'f32'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'string'; value: string }
  | { type: 'string[]'; value: string[] }
  | { type: 'f32[]'; value: ArrayLike<number> }
  | { type: 'i32[]'; value: ArrayLike<number> };

export interface GgufTensor {
  name: string;
  /** ggml order: `dims[0]` is the contiguous (row) length. */
  dims: number[];
  data: Float32Array;
}

/** Grows a byte buffer as values are appended. */
class ByteSink {
  private buffer = new Uint8Array(1 << 16);
  private view = new DataView(this.buffer.buffer);
  length = 0;
  private readonly utf8 = new TextEncoder();

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  /** Appends `size` bytes written by `write` at the current end (numbers little-endian, as GGUF wants). */
  private put(size: number, write: (view: DataView, at: number) => void): void {
    this.reserve(size);
    write(this.view, this.length);
    this.length += size;
  }

  u8(value: number): void {
    this.put(1, (view, at) => view.setUint8(at, value));
  }
  u32(value: number): void {
    this.put(4, (view, at) => view.setUint32(at, value, true));
  }
  i32(value: number): void {
    this.put(4, (view, at) => view.setInt32(at, value, true));
  }
  u64(value: number): void {
    this.put(8, (view, at) => view.setBigUint64(at, BigInt(value), true));
  }
  f32(value: number): void {
    this.put(4, (view, at) => view.setFloat32(at, value, true));
  }
  string(value: string): void {
    const bytes = this.utf8.encode(value);
    this.u64(bytes.length);
    this.bytes(bytes);
  }
  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }
  padTo(alignment: number): void {
    while (this.length % alignment !== 0) this.u8(0);
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

function writeValue(sink: ByteSink, value: GgufValue): void {
  switch (value.type) {
    case 'u32':
      sink.u32(GgufType.UINT32);
      sink.u32(value.value);
      return;
    case 'i32':
      sink.u32(GgufType.INT32);
      sink.i32(value.value);
      return;
    case 'f32':
      sink.u32(GgufType.FLOAT32);
      sink.f32(value.value);
      return;
    case 'bool':
      sink.u32(GgufType.BOOL);
      sink.u8(value.value ? 1 : 0);
      return;
    case 'string':
      sink.u32(GgufType.STRING);
      sink.string(value.value);
      return;
    case 'string[]':
      sink.u32(GgufType.ARRAY);
      sink.u32(GgufType.STRING);
      sink.u64(value.value.length);
      for (const item of value.value) sink.string(item);
      return;
    case 'f32[]':
      sink.u32(GgufType.ARRAY);
      sink.u32(GgufType.FLOAT32);
      sink.u64(value.value.length);
      for (let i = 0; i < value.value.length; i++) sink.f32(value.value[i]!);
      return;
    case 'i32[]':
      sink.u32(GgufType.ARRAY);
      sink.u32(GgufType.INT32);
      sink.u64(value.value.length);
      for (let i = 0; i < value.value.length; i++) sink.i32(value.value[i]!);
      return;
  }
}

/**
 * Serialises a GGUF v3 file. Keys and tensors are written in the order given, so equal inputs give
 * equal bytes.
 * @throws Error when a tensor's data length does not match its dims.
 */
export function writeGguf(metadata: [string, GgufValue][], tensors: GgufTensor[]): Uint8Array {
  const sink = new ByteSink();
  sink.u32(GGUF_MAGIC);
  sink.u32(GGUF_VERSION);
  sink.u64(tensors.length);
  sink.u64(metadata.length);
  for (const [key, value] of metadata) {
    sink.string(key);
    writeValue(sink, value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    const elements = tensor.dims.reduce((a, b) => a * b, 1);
    if (elements !== tensor.data.length) {
      throw new Error(`tensor ${tensor.name}: dims ${tensor.dims.join('x')} need ${elements} values, got ${tensor.data.length}`);
    }
    sink.string(tensor.name);
    sink.u32(tensor.dims.length);
    for (const dim of tensor.dims) sink.u64(dim);
    sink.u32(GGML_TYPE_F32);
    sink.u64(offset);
    offset += Math.ceil((elements * 4) / GGUF_ALIGNMENT) * GGUF_ALIGNMENT;
  }
  sink.padTo(GGUF_ALIGNMENT);
  for (const tensor of tensors) {
    sink.bytes(new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.byteLength));
    sink.padTo(GGUF_ALIGNMENT);
  }
  return sink.result();
}
