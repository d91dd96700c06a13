import { ByteWriter, parquetWrite } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { readParquet } from './parquet';

type WriteOptions = Parameters<typeof parquetWrite>[0];

function parquet(columnData: WriteOptions['columnData'], schema: WriteOptions['schema']): Uint8Array {
  const writer = new ByteWriter();
  parquetWrite({ writer, columnData, schema });
  return new Uint8Array(writer.getBuffer());
}

describe('readParquet', () => {
  it('types values inside structs and lists as Python would (INT32 items → bigint), dates as Python prints them', async () => {
    const bytes = parquet(
      [
        { name: 'prompt', data: ['a', 'b'] },
        { name: 'category', data: [{ violence: true, n: 3 }, { violence: false, n: null }] },
        { name: 'tags', data: [[1, 2], []] },
        { name: 'day', data: [new Date(Date.UTC(2024, 4, 1)), null] },
      ],
      [
        { name: 'root', num_children: 4 },
        { name: 'prompt', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
        { name: 'category', repetition_type: 'OPTIONAL', num_children: 2 },
        { name: 'violence', type: 'BOOLEAN', repetition_type: 'OPTIONAL' },
        { name: 'n', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', type: 'INT32', repetition_type: 'OPTIONAL' },
        { name: 'day', type: 'INT32', converted_type: 'DATE', repetition_type: 'OPTIONAL' },
      ],
    );
    const read = await readParquet(bytes);
    expect(read.columns).toEqual(['prompt', 'category', 'tags', 'day']);
    expect(read.rows).toEqual([
      { row: 1, values: { prompt: 'a', category: { violence: true, n: 3n }, tags: [1n, 2n], day: '2024-05-01' } },
      { row: 2, values: { prompt: 'b', category: { violence: false, n: null }, tags: [], day: null } },
    ]);
  });

  it('reports a row whose string cell is not UTF-8 instead of replacing the bytes', async () => {
    const bytes = parquet(
      [
        { name: 'prompt', data: [new TextEncoder().encode('fine'), new Uint8Array([0x63, 0x61, 0x66, 0xe9]), new TextEncoder().encode('also fine')] },
      ],
      [
        { name: 'root', num_children: 1 },
        { name: 'prompt', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      ],
    );
    const read = await readParquet(bytes);
    expect(read.rows.map((r) => [r.row, r.values.prompt])).toEqual([
      [1, 'fine'],
      [3, 'also fine'],
    ]);
    expect(read.reported).toEqual([{ row: 2, reason: 'row 2: column "prompt" holds bytes that are not UTF-8 text' }]);
  });

  it('gives one message for a file with no rows', async () => {
    const bytes = parquet([{ name: 'prompt', data: [] }], [
      { name: 'root', num_children: 1 },
      { name: 'prompt', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
    ]);
    expect((await readParquet(bytes)).reported).toEqual([{ row: null, reason: 'The Parquet file has no rows.' }]);
  });
});
