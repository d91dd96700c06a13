/** What a CLI command gets from the process: output streams, the working directory, the clock, env, Ctrl-C. */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface CliContext {
  io: CliIo;
  /** stderr is a terminal (progress redraws in place) and its width. */
  stderrIsTTY: boolean;
  columns?: number;
  /** Relative paths (config, template, dataset, outputs) resolve against this, like the reference. */
  cwd: string;
  env: Record<string, string | undefined>;
  now: () => Date;
  /** Aborted on Ctrl-C: the run stops after writing what is done. */
  signal?: AbortSignal;
}

/** The real process as a context (without a signal: `main` adds one for Ctrl-C). */
export function processContext(): CliContext {
  return {
    io: {
      stdout: (text) => void process.stdout.write(text),
      stderr: (text) => void process.stderr.write(text),
    },
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns,
    cwd: process.cwd(),
    env: process.env,
    now: () => new Date(),
  };
}
