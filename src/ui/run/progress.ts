/** Pacing of progress events (a few per second at most) and the run's speed and time left. */

/** Calls `emit` at most once per `intervalMs`; a call inside the interval is delivered at its end. */
export class Throttle {
  private last = Number.NEGATIVE_INFINITY;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly emit: () => void,
    private readonly intervalMs: number,
    private readonly now: () => number,
  ) {}

  poke(): void {
    const wait = this.last + this.intervalMs - this.now();
    if (wait <= 0) {
      this.fire();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => this.fire(), wait);
    }
  }

  /** Emits now (a status change must not wait), cancelling a pending emission. */
  force(): void {
    this.fire();
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.dispose();
    this.last = this.now();
    this.emit();
  }
}

/** Speed of the model part of a run in this session, and the time left at that speed. */
export class RateMeter {
  private startedAt: number | null = null;
  private prompts = 0;
  private examples = 0;

  constructor(private readonly now: () => number) {}

  /** Marks when the model starts working (cache hits before that do not count as speed). */
  begin(): void {
    this.startedAt ??= this.now();
  }

  /** One prompt came back from the model, answering `examples` examples (itself and its duplicates). */
  add(examples: number): void {
    this.prompts++;
    this.examples += examples;
  }

  private seconds(): number | null {
    if (this.startedAt === null || this.prompts === 0) return null;
    const elapsed = (this.now() - this.startedAt) / 1000;
    return elapsed > 0 ? elapsed : null;
  }

  examplesPerSecond(): number | null {
    const seconds = this.seconds();
    return seconds === null ? null : this.examples / seconds;
  }

  /** Seconds until `promptsLeft` more prompts are done, or null before the first one. */
  etaSeconds(promptsLeft: number): number | null {
    if (promptsLeft <= 0) return 0;
    const seconds = this.seconds();
    return seconds === null ? null : (promptsLeft * seconds) / this.prompts;
  }
}
