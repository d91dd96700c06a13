/** The bench's printed report: the side-by-side table, the checks and the issue's targets. */
import type { EngineBench } from './engine-bench';
import type { ImportTiming } from './import';
import { perExample } from './pipelines';
import type { RerunTiming } from './rerun';

const fmt = (value: number, digits = 1) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ratio = (a: number, b: number) => (b > 0 ? a / b : Number.POSITIVE_INFINITY);
const times = (value: number) => (Number.isFinite(value) ? `${fmt(value)}x` : '∞');

/** Targets of issue 8: at least this many times fewer prefill tokens and more examples per second. */
export const TARGETS = { prefill: 5, speed: 3 } as const;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[0]!) : cell.padStart(widths[column]!))).join('   ').trimEnd());
}

/** The two pipelines side by side with the ratio between them. */
export function engineTable(bench: EngineBench): string[] {
  const ref = perExample(bench.totals.reference);
  const ours = perExample(bench.totals.ours);
  const reused = (key: 'reference' | 'ours') => bench.totals[key].reusedTokens / Math.max(1, bench.totals[key].examples);
  const scored = (key: 'reference' | 'ours') => `${bench.totals[key].scored}/${bench.totals[key].examples}`;
  return table([
    ['per example', 'reference-style', 'ours', 'ratio'],
    ['prefill tokens (computed)', fmt(ref.prefillTokens), fmt(ours.prefillTokens), `${times(ratio(ref.prefillTokens, ours.prefillTokens))} fewer`],
    ['prompt tokens reused', fmt(reused('reference')), fmt(reused('ours')), ''],
    ['decode tokens', fmt(ref.decodeTokens, 2), fmt(ours.decodeTokens, 2), `${times(ratio(ref.decodeTokens, ours.decodeTokens))} fewer`],
    ['time (ms)', fmt(ref.msPerExample), fmt(ours.msPerExample), `${times(ratio(ref.msPerExample, ours.msPerExample))} less`],
    ['examples / second', fmt(ref.examplesPerSecond, 2), fmt(ours.examplesPerSecond, 2), `${times(ratio(ours.examplesPerSecond, ref.examplesPerSecond))} more`],
    ['engine time (ms)', fmt(ref.engineMs), fmt(ours.engineMs), ''],
    ['pipeline overhead (ms)', fmt(ref.overheadMs, 2), fmt(ours.overheadMs, 2), 'wall time minus engine time'],
    ['P(flagged) in the same pass', scored('reference'), scored('ours'), ''],
  ]);
}

/** The checks; `failures` lists what is wrong (empty when everything holds). */
export function checkLines(bench: EngineBench): { lines: string[]; failures: string[] } {
  const { agreement, stop, flagged } = bench;
  const failures = [...agreement.mismatches];
  const lines = [
    `verdicts identical: ${agreement.sameVerdict}/${agreement.compared}; our output is the start of the reference-style output in ${agreement.sameText}/${agreement.compared}`,
    `early stop, reference reading: ${fmt(stop.decodedTokens / Math.max(1, stop.examples), 2)} tokens decoded per example, ${fmt(stop.neededTokens / Math.max(1, stop.examples), 2)} needed to read the verdict; decoded past it: ${stop.late.length} examples${stop.unchecked ? ` (${stop.unchecked} not checked: not the tiny model's answers)` : ''}`,
  ];
  if (stop.late.length) failures.push(`tokens decoded after the verdict was readable in examples ${stop.late.join(', ')}`);
  if (flagged) {
    const f = flagged;
    lines.push(
      `sample with a trigger word on its unsafe rows (${f.flaggedVerdicts}/${f.examples} flagged), ours in robust reading (waits for the closing brace when flagged): verdicts identical ${f.agreement.sameVerdict}/${f.agreement.compared}; ${fmt(f.stop.decodedTokens / Math.max(1, f.stop.examples), 2)} tokens decoded per example, ${fmt(f.stop.neededTokens / Math.max(1, f.stop.examples), 2)} needed; decoded past it: ${f.stop.late.length} examples`,
    );
    failures.push(...f.agreement.mismatches.map((m) => `flagged variant: ${m}`));
    if (f.stop.late.length) failures.push(`flagged variant: tokens decoded after the verdict was readable in examples ${f.stop.late.join(', ')}`);
  }
  return { lines, failures };
}

/** Whether the issue's targets are met (not judged on a reduced run, whose first example weighs too much). */
export function targetLines(bench: EngineBench, judged: boolean): { lines: string[]; met: boolean } {
  const ref = perExample(bench.totals.reference);
  const ours = perExample(bench.totals.ours);
  const prefill = ratio(ref.prefillTokens, ours.prefillTokens);
  const speed = ratio(ours.examplesPerSecond, ref.examplesPerSecond);
  const same = bench.agreement.sameVerdict === bench.agreement.compared && bench.agreement.mismatches.length === 0;
  if (!judged) return { lines: [`targets: not judged on a reduced run (prefill ${times(prefill)} fewer, ${times(speed)} more examples per second)`], met: true };
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');
  const met = prefill >= TARGETS.prefill && speed >= TARGETS.speed && same;
  return {
    lines: [
      `targets: prefill tokens ≥ ${TARGETS.prefill}x fewer: ${times(prefill)} ${verdict(prefill >= TARGETS.prefill)}; examples per second ≥ ${TARGETS.speed}x more: ${times(speed)} ${verdict(speed >= TARGETS.speed)}; identical verdicts: ${verdict(same)}`,
    ],
    met,
  };
}

export function importLine(timing: ImportTiming): string {
  const mb = timing.bytes / 1e6;
  return `import: ${timing.rows.toLocaleString('en-US')}-row CSV (${fmt(mb)} MB) through readDataset + applyMapping: ${fmt(timing.ms, 0)} ms (${fmt(timing.rows / (timing.ms / 1000), 0)} rows/s), ${timing.examples.toLocaleString('en-US')} examples, ${timing.reported} rows reported`;
}

export function rerunLine(timing: RerunTiming): string {
  return `re-run: ${timing.examples.toLocaleString('en-US')} cached examples through the run controller and store (Node, fake-indexeddb): ${fmt(timing.ms, 0)} ms (${fmt(timing.examples / (timing.ms / 1000), 0)} examples/s), ${timing.cacheHits.toLocaleString('en-US')} from the cache, ${timing.modelCalls} model calls`;
}
