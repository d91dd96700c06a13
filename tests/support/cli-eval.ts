/** What both `roguard eval` end-to-end tests share: running the CLI with captured output, and the reference CSV texts. */
import { main } from '../../src/cli/main';

/** Header of the reference's results CSV. */
export const RESULTS_HEADER = 'index,input_prompt,input_response,actual_unsafe,predicted_unsafe,correct\r\n';

/** The reference's summary CSV, values in its metric order (counts, then percentages as text). */
export function summaryCsv(values: (string | number)[]): string {
  const names = ['Total Examples', 'True Positives', 'False Negatives', 'False Positives', 'True Negatives', 'Precision (%)', 'Recall (%)', 'F1 Score (%)', 'False Positive Rate (%)'];
  return `Metric,Value\r\n${names.map((name, i) => `${name},${values[i]}\r\n`).join('')}`;
}

/** Runs the CLI in `cwd` at a fixed time, with no terminal, collecting stdout and stderr. */
export async function runCli(args: string[], context: { cwd: string; env: Record<string, string | undefined>; signal?: AbortSignal | undefined }) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    io: { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text) },
    stderrIsTTY: false,
    cwd: context.cwd,
    env: context.env,
    now: () => new Date(2025, 0, 2, 3, 4, 5),
    signal: context.signal ?? new AbortController().signal,
  });
  return { code, stdout, stderr };
}
