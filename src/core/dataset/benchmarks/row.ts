/** One dataset row as a benchmark loader sees it: reading a key the row lacks, or a prompt that is not text, stops that row only. */
import type { DataRow, DataValue } from '../../value';
import { describeValue, quoteName } from '../describe';

/** Thrown by a loader for one row; the runner reports the row and goes on. */
export class RowProblem extends Error {}

export class BenchmarkRow {
  constructor(
    readonly values: DataRow,
    private readonly resolve: (key: string) => string,
  ) {}

  get(key: string): DataValue {
    const column = this.resolve(key);
    if (!Object.hasOwn(this.values, column)) throw new RowProblem(`the key ${quoteName(column)} is missing`);
    return this.values[column]!;
  }

  /** The prompt must be text: the reference would crash on anything else. */
  prompt(key: string): string {
    const value = this.get(key);
    if (typeof value !== 'string') throw new RowProblem(`the prompt ${quoteName(key)} holds ${describeValue(value)}, not text`);
    return value;
  }

  /** A response may be null (sent as the loader's null text) but otherwise must be text. */
  response(key: string): string | null {
    const value = this.get(key);
    if (value !== null && typeof value !== 'string') {
      throw new RowProblem(`the response ${quoteName(key)} holds ${describeValue(value)}, not text`);
    }
    return value;
  }
}
