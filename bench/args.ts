/** The bench's command line. `--quick` is the reduced run the unit test uses. */

export interface BenchArgs {
  quick: boolean;
  /** Passes of each pipeline over the examples, taking turns. */
  rounds: number;
  /** llama.cpp threads in each wllama worker. */
  threads: number;
  /** Sample examples to use (the sample has 40). */
  examples: number;
  csvRows: number;
  cachedExamples: number;
  /** The built app folder (built first when missing or stale). */
  dist: string;
  /** A WebLLM registry id to add the WebLLM engine on a machine with a hardware WebGPU adapter. */
  webllmModel: string | null;
}

export const USAGE = `usage: npm run bench -- [--quick] [--rounds N] [--threads N] [--examples N] [--csv-rows N] [--cached N] [--dist DIR] [--webllm-model ID]
  --quick         a reduced run (6 examples, 1 round, 2,000 CSV rows, 200 cached examples); targets are not judged
  --rounds N      passes of each pipeline over the examples, taking turns (default 2)
  --threads N     llama.cpp threads per wllama worker (default 1: on a shared 2-core machine more threads spin-wait)
  --examples N    use the first N sample examples (default: all)
  --csv-rows N    rows of the synthetic CSV to import (default 100000)
  --cached N      examples in the cached re-run (default 10000)
  --dist DIR      the built app (default $ROGUARD_DIST or dist; built first when missing or older than the sources)
  --webllm-model  WebLLM registry id to bench on a hardware WebGPU adapter (skipped otherwise)`;

const count = (flag: string, value: string | undefined, min: number): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs a whole number of at least ${min}, got ${JSON.stringify(value ?? '')}.\n${USAGE}`);
  return n;
};

/** @throws Error with the usage for an unknown flag or a bad number. */
export function parseBenchArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchArgs {
  const quick = argv.includes('--quick');
  const args: BenchArgs = {
    quick,
    rounds: quick ? 1 : 2,
    threads: 1,
    examples: quick ? 6 : Number.MAX_SAFE_INTEGER,
    csvRows: quick ? 2000 : 100_000,
    cachedExamples: quick ? 200 : 10_000,
    dist: env.ROGUARD_DIST ?? 'dist',
    webllmModel: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => argv[++i];
    if (flag === '--quick') continue;
    else if (flag === '--rounds') args.rounds = count(flag, value(), 1);
    else if (flag === '--threads') args.threads = count(flag, value(), 1);
    else if (flag === '--examples') args.examples = count(flag, value(), 1);
    else if (flag === '--csv-rows') args.csvRows = count(flag, value(), 1);
    else if (flag === '--cached') args.cachedExamples = count(flag, value(), 1);
    else if (flag === '--dist') args.dist = value() ?? args.dist;
    else if (flag === '--webllm-model') args.webllmModel = value() ?? null;
    else throw new Error(`Unknown option ${flag}.\n${USAGE}`);
  }
  return args;
}

/** How to run this exact bench again. */
export function commandLine(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  const rest = argv.join(' ');
  const prefix = env.ROGUARD_DIST ? `ROGUARD_DIST=${env.ROGUARD_DIST} ` : '';
  return env.npm_lifecycle_event === 'bench' ? `${prefix}npm run bench${rest ? ` -- ${rest}` : ''}` : `${prefix}npx tsx bench/run.ts${rest ? ` ${rest}` : ''}`;
}
