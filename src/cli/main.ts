/** The `roguard` command: dispatches to `eval` and `inspect`, prints help and the version. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processContext, type CliContext } from './context';
import { EXIT, runEval } from './eval';

const USAGE = `Usage: roguard <command> [options]

Commands:
  eval      run the guard over a benchmark config and write the reference's result files
            (roguard eval --config configs/aegis.json --dataset aegis-test.parquet --base-url http://127.0.0.1:8000)
  inspect   account for every row of dataset files before a run (roguard inspect <file...>)

Options:
  --help, -h      show this help (or "roguard <command> --help")
  --version, -v   show the version
`;

function version(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/** Ctrl-C once: abort the run (rows written so far are kept); twice: quit at once. */
function withInterrupt(context: CliContext): { context: CliContext; release: () => void } {
  if (context.signal) return { context, release: () => undefined };
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT.interrupted);
    context.io.stderr('\nStopping: finishing the files (Ctrl-C again to quit at once)…\n');
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  return { context: { ...context, signal: controller.signal }, release: () => void process.off('SIGINT', onSigint) };
}

/**
 * Runs the CLI. `overrides` replaces parts of the process context (tests pass their own io, cwd and signal).
 * Never throws; returns the exit code.
 */
export async function main(argv: string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const base: CliContext = { ...processContext(), ...overrides };
  const [command, ...rest] = argv;
  switch (command) {
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      base.io.stdout(USAGE);
      return command === undefined ? EXIT.usage : EXIT.ok;
    case '--version':
    case '-v':
      base.io.stdout(`roguard ${version()}\n`);
      return EXIT.ok;
    case 'eval': {
      const { context, release } = withInterrupt(base);
      try {
        return await runEval(rest, context);
      } finally {
        release();
      }
    }
    case 'inspect': {
      // Loaded on demand so `eval` starts without the inspect command's dependencies.
      const { runInspect } = await import('./inspect');
      return runInspect(rest, base.io);
    }
    default:
      base.io.stderr(`roguard: unknown command "${command}".\n\n${USAGE}`);
      return EXIT.usage;
  }
}
