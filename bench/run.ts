/**
 * `npm run bench`: the reference-style pipeline and ours side by side on the aegis config and the
 * sample dataset, on the tiny model in headless Chromium (wllama); then a large CSV import and a
 * cached re-run in Node; WebLLM where a hardware WebGPU adapter is present. Exit code 1 when a check
 * fails (different verdicts, tokens decoded after the verdict), 2 on bad arguments or a crash.
 */
import { pathToFileURL } from 'node:url';
import { parseBenchArgs, commandLine, type BenchArgs } from './args';
import { BenchBrowser, ensureBuilt } from './browser';
import { benchEngine } from './engine-bench';
import { timeImport } from './import';
import { aegisSample, CONFIG_PATH, SAMPLE_PATH } from './inputs';
import { machineLines } from './machine';
import { checkLines, engineTable, importLine, rerunLine, targetLines } from './report';
import { timeCachedRerun } from './rerun';
import { webllmLines } from './webllm';

async function bench(args: BenchArgs, argv: readonly string[], print: (line: string) => void): Promise<number> {
  const inputs = await aegisSample(args.examples);
  const dist = await ensureBuilt(args.dist, print);
  const browser = await BenchBrowser.open(dist);
  let engine;
  try {
    print('RoGuard Web speed bench');
    print(`command: ${commandLine(argv)}`);
    for (const line of machineLines(browser.chromiumVersion())) print(line);
    print(`engine: wllama (llama.cpp in WebAssembly) in the guard worker, tiny model from scripts/make-tiny-model.ts, ${args.threads} thread${args.threads === 1 ? '' : 's'} per worker`);
    print(
      `workload: ${CONFIG_PATH} ("${inputs.policy.outputField}" = ${inputs.policy.flaggedValue}, max_output_tokens ${inputs.config.max_output_tokens}, greedy) over ${SAMPLE_PATH}: ${inputs.examples.length} examples × ${args.rounds} round${args.rounds === 1 ? '' : 's'} per pipeline`,
    );
    print('');
    engine = await benchEngine(browser, inputs, {
      rounds: args.rounds,
      model: { id: 'tiny-guard', engine: 'wllama', url: `${browser.url}/bench-models/tiny-guard.gguf`, options: { threads: args.threads } },
      flaggedVariant: true,
    });
  } finally {
    await browser.close();
  }
  for (const line of engineTable(engine)) print(line);
  print('');
  const checks = checkLines(engine);
  for (const line of checks.lines) print(line);
  for (const line of targetLines(engine, !args.quick).lines) print(line);
  print('');
  print(importLine(await timeImport(args.csvRows)));
  print(rerunLine(await timeCachedRerun(inputs, args.cachedExamples)));
  const webllm = await webllmLines(dist, inputs, args.rounds, args.webllmModel);
  for (const line of webllm.lines) print(line);
  const failures = [...checks.failures, ...webllm.failures];
  for (const failure of failures) print(`CHECK FAILED: ${failure}`);
  return failures.length > 0 ? 1 : 0;
}

/** Runs the bench with `argv` (no node/script), printing with `print`; resolves with the exit code. */
export async function main(argv: readonly string[], print: (line: string) => void = (line) => console.log(line)): Promise<number> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 2;
  }
  try {
    return await bench(args, argv, print);
  } catch (error) {
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 2;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
