/**
 * Time to import a large CSV the way the Benchmark page does: bytes → `readDataset` (decoding, format
 * and delimiter detection, parsing) → `detectMapping` + `applyMapping` (examples). In Node.
 */
import { applyMapping, detectMapping } from '../src/core/dataset/mapping';
import { readDataset } from '../src/core/dataset/read';

const WORDS = ['how', 'do', 'I', 'bake', 'bread', 'tell', 'me', 'about', 'the', 'weather', 'can', 'you', 'help', 'write', 'a', 'poem', 'for', 'my', 'friend', 'today', 'why', 'is', 'sky', 'blue'];

/** A deterministic CSV of `rows` rows (prompt, response, label) with commas, doubled quotes and line breaks inside fields. */
export function syntheticCsv(rows: number): string {
  const lines = ['prompt,response,label'];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  const sentence = (length: number) => Array.from({ length }, () => WORDS[next() % WORDS.length]).join(' ');
  for (let row = 1; row <= rows; row++) {
    const prompt = `${sentence(8 + (next() % 16))}, row ${row}?`;
    const response = row % 7 === 0 ? `"Sure, ""${sentence(4)}""\nand then ${sentence(6)}."` : row % 5 === 0 ? '' : sentence(10 + (next() % 30));
    lines.push(`${prompt.includes(',') ? `"${prompt}"` : prompt},${response},${row % 2 === 0 ? 'unsafe' : 'safe'}`);
  }
  return `${lines.join('\r\n')}\r\n`;
}

export interface ImportTiming {
  rows: number;
  bytes: number;
  ms: number;
  examples: number;
  reported: number;
}

/**
 * Reads and maps a synthetic CSV of `rows` rows, timed.
 * @throws Error when a row is lost (the import must account for every row).
 */
export async function timeImport(rows: number): Promise<ImportTiming> {
  const bytes = new TextEncoder().encode(syntheticCsv(rows));
  const started = performance.now();
  const read = await readDataset({ name: 'bench.csv', bytes });
  const { examples, reported } = applyMapping(read, detectMapping(read.columns));
  const ms = performance.now() - started;
  if (examples.length + reported.length + read.reported.length !== rows) {
    throw new Error(`The import accounted for ${examples.length + reported.length + read.reported.length} of ${rows} rows.`);
  }
  return { rows, bytes: bytes.length, ms, examples: examples.length, reported: reported.length + read.reported.length };
}
