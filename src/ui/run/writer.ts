/**
 * Writes a run's results off the hot path: finished results wait in memory and go to IndexedDB in
 * one transaction per batch (every `batchSize` results or `flushMs` after the first waiting one),
 * together with their cache entries and the run's counters, so the stored run always matches its
 * stored results.
 */
import { saveBatch } from '../../store/batch';
import type { GuardDb } from '../../store/db';
import type { CacheRecord, ResultRecord, RunRecord } from '../../store/records';

export interface WriteItem {
  result: ResultRecord;
  /** The model's output to remember, or null (served from cache, a shared duplicate, an error). */
  cacheEntry: CacheRecord | null;
}

/** Counters of what is stored, written with each batch. */
export interface StoredTotals {
  done: number;
  cacheHits: number;
  duplicates: number;
  errors: number;
  modelMs: number;
}

export interface WriterOptions {
  batchSize: number;
  flushMs: number;
  /** Cap on records per transaction, so a burst of cache hits is written in bounded pieces. */
  maxBatch?: number;
  /** Run fields to write with a batch, given the totals once the batch is stored. */
  runFields: (totals: StoredTotals) => Partial<Omit<RunRecord, 'id'>>;
  /** A background write failed; its items are kept for the next `flush()`. */
  onError: (error: unknown) => void;
  now: () => number;
}

export class BatchWriter {
  private queue: WriteItem[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private failed = false;
  private stored: StoredTotals;

  constructor(
    private readonly db: GuardDb,
    private readonly runId: number,
    totals: StoredTotals,
    private readonly options: WriterOptions,
  ) {
    this.stored = { ...totals };
  }

  get totals(): StoredTotals {
    return { ...this.stored };
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Queues finished results; returns at once. */
  add(items: WriteItem[]): void {
    this.queue.push(...items);
    if (this.failed) return;
    if (this.queue.length >= this.options.batchSize) this.schedule(0);
    else this.schedule(this.options.flushMs);
  }

  /**
   * Writes everything queued, then resolves. After a failed background write, this retries it.
   * @throws GuardError STORAGE_QUOTA (or the database's error) when a write fails; the items stay queued.
   */
  async flush(): Promise<void> {
    this.clearTimer();
    this.failed = false;
    const run = this.chain.then(() => this.drain(true));
    this.chain = run.catch(() => undefined);
    await run;
  }

  /** Stops the timer; queued items are dropped (for a controller that is being thrown away). */
  dispose(): void {
    this.clearTimer();
    this.queue = [];
  }

  private schedule(delay: number): void {
    if (this.timer !== null && delay > 0) return;
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      const run = this.chain.then(() => this.drain());
      this.chain = run.catch((error: unknown) => {
        this.failed = true;
        this.options.onError(error);
      });
    }, delay);
  }

  private clearTimer(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  /**
   * Writes what is queued now; then, of what arrived during the write, only full batches (the rest
   * waits for its timer), so results trickling in never turn into one transaction each.
   */
  private async drain(all = false): Promise<void> {
    const cap = this.options.maxBatch ?? 2000;
    for (let first = true; this.queue.length > 0 && (all || first || this.queue.length >= this.options.batchSize); first = false) {
      const items = this.queue.splice(0, cap);
      const totals = { ...this.stored };
      for (const { result } of items) {
        totals.done++;
        if (result.fromCache) totals.cacheHits++;
        if (result.duplicateOf !== null) totals.duplicates++;
        if (result.error) totals.errors++;
        if (!result.fromCache && result.duplicateOf === null) totals.modelMs += result.latencyMs;
      }
      try {
        await saveBatch(
          this.db,
          {
            runId: this.runId,
            results: items.map((item) => item.result),
            cacheEntries: items.flatMap((item) => (item.cacheEntry ? [item.cacheEntry] : [])),
            run: this.options.runFields(totals),
          },
          this.options.now(),
        );
      } catch (error) {
        this.queue.unshift(...items);
        throw error;
      }
      this.stored = totals;
    }
    if (this.queue.length > 0 && !all) this.schedule(this.options.flushMs);
  }
}
