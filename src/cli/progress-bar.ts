/**
 * The run's progress on stderr: one redrawn line on a terminal; on a pipe or a log file, a plain line
 * at each tenth of the run and at the end, so logs stay short and readable.
 */

export interface ProgressSink {
  write(text: string): void;
  /** True when the sink is a terminal that understands `\r` redraws. */
  isTTY: boolean;
  /** Terminal width, when known. */
  columns?: number;
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export class ProgressBar {
  private done = 0;
  private lastTenth = -1;
  private readonly started: number;
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly total: number,
    private readonly label: string,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
  }

  /** The status text: count, percentage, rate and ETA. */
  status(): string {
    const elapsed = (this.now() - this.started) / 1000;
    const rate = elapsed > 0 ? this.done / elapsed : 0;
    const percent = this.total > 0 ? Math.floor((this.done * 100) / this.total) : 100;
    const eta = rate > 0 ? formatDuration((this.total - this.done) / rate) : '--:--';
    const rateText = rate >= 1 || rate === 0 ? `${rate.toFixed(1)} ex/s` : `${(1 / rate).toFixed(1)} s/ex`;
    const tail = this.done >= this.total ? `elapsed ${formatDuration(elapsed)}` : `ETA ${eta}`;
    return `${this.done}/${this.total} (${percent}%) · ${rateText} · ${tail}`;
  }

  private bar(width: number): string {
    const filled = this.total > 0 ? Math.round((this.done / this.total) * width) : width;
    return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}]`;
  }

  /** Records one more finished example and redraws. */
  tick(count = 1): void {
    this.done = Math.min(this.total, this.done + count);
    this.render();
  }

  render(): void {
    const status = this.status();
    if (this.sink.isTTY) {
      const room = (this.sink.columns ?? 80) - this.label.length - status.length - 4;
      const bar = room >= 10 ? ` ${this.bar(Math.min(40, room - 1))}` : '';
      this.sink.write(`\r\x1b[2K${this.label}${bar} ${status}`);
      this.drawn = true;
      return;
    }
    const tenth = this.total > 0 ? Math.floor((this.done * 10) / this.total) : 10;
    if (tenth !== this.lastTenth) {
      this.lastTenth = tenth;
      this.sink.write(`${this.label} ${status}\n`);
    }
  }

  /** Writes a message line without breaking the bar: on a terminal the bar is redrawn below it. */
  note(text: string): void {
    if (this.sink.isTTY && this.drawn) {
      this.sink.write(`\r\x1b[2K${text}\n`);
      this.render();
    } else {
      this.sink.write(`${text}\n`);
    }
  }

  /** Ends the redrawn line so later output starts on a fresh one. */
  finish(): void {
    if (this.sink.isTTY && this.drawn) this.sink.write('\n');
    this.drawn = false;
  }
}
