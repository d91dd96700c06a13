/**
 * A value read from a dataset, typed so that Python's text of it can be reproduced exactly:
 * `bigint` is a Python int (JSON `1`, Parquet INT32/INT64), `number` is a Python float
 * (JSON `1.0`, `1e3`, Parquet FLOAT/DOUBLE). CSV cells are always strings.
 */
export type DataValue =
  | string
  | number
  | bigint
  | boolean
  | null
  | DataValue[]
  | { [key: string]: DataValue };

/** One dataset row: column name → value. */
export type DataRow = Record<string, DataValue>;
