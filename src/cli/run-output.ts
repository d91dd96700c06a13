/**
 * The files of one eval run. Result rows are appended as examples finish, so an interrupted or failed
 * run keeps every row it wrote; the summary and the JSONL export are written at the end.
 */
import { mkdir, open, writeFile, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Evaluation, ResultRow } from '../core/evaluation';
import type { Example } from '../core/example';
import type { ClassifyResult } from '../core/result';
import { evaluationSummaryCsv, resultsCsv, resultsJsonl, summaryPathFor } from '../core/result-files';

/** `out/run.csv` → `out/run.jsonl` (the results path always ends in `.csv`). */
export function jsonlPathFor(resultsPath: string): string {
  return resultsPath.replace(/\.csv$/, '') + '.jsonl';
}

export class RunOutput {
  private constructor(
    readonly resultsPath: string,
    private readonly cwd: string,
    private readonly labeled: boolean,
    private readonly header: string,
    private handle: FileHandle | null,
  ) {}

  get summaryPath(): string {
    return summaryPathFor(this.resultsPath);
  }

  get jsonlPath(): string {
    return jsonlPathFor(this.resultsPath);
  }

  /** Creates (or empties) the results file and writes its header. `resultsPath` is relative to `cwd`. */
  static async create(resultsPath: string, cwd: string, labeled: boolean): Promise<RunOutput> {
    const absolute = resolve(cwd, resultsPath);
    await mkdir(dirname(absolute), { recursive: true });
    const handle = await open(absolute, 'w');
    const header = resultsCsv([], { labeled });
    await handle.write(header);
    return new RunOutput(resultsPath, cwd, labeled, header, handle);
  }

  /** Appends rows to the results file; each write reaches the file before the next example starts. */
  async append(rows: readonly ResultRow[]): Promise<void> {
    if (!this.handle || rows.length === 0) return;
    await this.handle.write(resultsCsv(rows, { labeled: this.labeled }).slice(this.header.length));
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
  }

  async writeSummary(evaluation: Evaluation): Promise<void> {
    await writeFile(resolve(this.cwd, this.summaryPath), evaluationSummaryCsv(evaluation));
  }

  async writeJsonl(examples: readonly Example[], results: readonly ClassifyResult[]): Promise<void> {
    await writeFile(resolve(this.cwd, this.jsonlPath), resultsJsonl(examples, results));
  }
}
