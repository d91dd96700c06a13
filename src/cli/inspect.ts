/** `roguard inspect <file...>`: accounts for every row of dataset files before a run (issue 9). */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { readDataset } from '../core/dataset/read';
import { escapeControls, inspectionRecord, inspectRead, toJsonText, type Inspection } from '../core/dataset/inspect';
import type { ColumnMapping } from '../core/dataset/mapping';
import type { DatasetFormat } from '../core/dataset/types';
import { pyRepr } from '../core/python';

export interface InspectIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
}

const USAGE = `Usage: roguard inspect <file...> [--prompt COL] [--response COL] [--label COL]
                       [--format csv|jsonl|json|parquet] [--json] [--examples]

Reads each file exactly as a run would and reports its format, encoding, columns, the column
mapping, how many rows become examples, and every row that does not, with the reason.
  --prompt/--response/--label COL  use this column (exact name, else ignoring case and surrounding spaces)
  --format F   read as this format whatever the extension or content says
  --json       one JSON object per file (a JSON array for several files)
  --examples   also list the examples exactly as a run would use them
Exit status: 0 when every file was read, 1 when some file could not be used at all, 2 on a usage error.`;

const FORMATS = ['csv', 'jsonl', 'json', 'parquet'];

interface InspectArgs {
  files: string[];
  given: Partial<ColumnMapping>;
  format?: DatasetFormat;
  json: boolean;
  examples: boolean;
}

/** Runs the command; returns the exit status. */
export async function runInspect(args: string[], io: InspectIo): Promise<number> {
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    if (parsed === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    io.stderr(`roguard inspect: ${parsed}\n${USAGE}\n`);
    return 2;
  }
  const inspections: Inspection[] = [];
  for (const path of parsed.files) inspections.push(await inspectFile(path, parsed));

  if (parsed.json) {
    const records = inspections.map((i) => inspectionRecord(i, parsed.examples));
    io.stdout(`${toJsonText(records.length === 1 ? records[0] : records)}\n`);
  } else {
    io.stdout(inspections.map((i) => humanReport(i, parsed.examples)).join('\n'));
  }
  return inspections.every((i) => i.readable) ? 0 : 1;
}

async function inspectFile(path: string, args: InspectArgs): Promise<Inspection> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : String(error);
    return {
      file: path,
      format: args.format ?? 'csv',
      encoding: 'unreadable',
      notes: [],
      columns: [],
      mapping: null,
      rows: 0,
      kept: 0,
      reported: [{ row: null, reason: `Cannot open ${path}: ${why}.` }],
      examples: [],
      readable: false,
    };
  }
  const read = await readDataset({ name: basename(path), bytes }, args.format ? { format: args.format } : {});
  return { ...inspectRead(read, args.given), file: path };
}

function parseArgs(args: string[]): InspectArgs | string {
  const result: InspectArgs = { files: [], given: {}, json: false, examples: false };
  let onlyFiles = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (onlyFiles || !arg.startsWith('-') || arg === '-') {
      result.files.push(arg);
      continue;
    }
    if (arg === '--') onlyFiles = true;
    else if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '--json') result.json = true;
    else if (arg === '--examples') result.examples = true;
    else {
      const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
      if (!['--prompt', '--response', '--label', '--format'].includes(flag)) return `unknown option ${arg}`;
      const value = inline ?? args[++i];
      if (value === undefined) return `${flag} needs a value`;
      if (flag === '--format') {
        if (!FORMATS.includes(value)) return `--format must be one of ${FORMATS.join(', ')}, not "${value}"`;
        result.format = value as DatasetFormat;
      } else result.given[flag.slice(2) as keyof ColumnMapping] = value;
    }
  }
  if (result.files.length === 0) return 'no file given';
  return result;
}

function humanReport(inspection: Inspection, withExamples: boolean): string {
  const q = (s: string): string => JSON.stringify(s);
  const lines = [`${inspection.file}`];
  const field = (name: string, value: string): void => {
    lines.push(`  ${name.padEnd(10)} ${value}`);
  };
  field('format', `${inspection.format}${inspection.formatNote ? ` (${inspection.formatNote})` : ''}`);
  field('encoding', inspection.encoding === 'utf-8-bom' ? 'utf-8 with a byte-order mark (skipped)' : inspection.encoding);
  if (inspection.delimiter !== undefined) field('delimiter', `${q(inspection.delimiter)} (${inspection.delimiterNote})`);
  field('columns', inspection.columns.length > 0 ? inspection.columns.map(q).join(', ') : '(none)');
  const { mapping } = inspection;
  field(
    'mapping',
    mapping
      ? [`prompt ← ${q(mapping.prompt)}`, `response ← ${mapping.response ? q(mapping.response) : '(none)'}`, `label ← ${mapping.label ? q(mapping.label) : '(none)'}`].join(', ')
      : '(none)',
  );
  for (const note of inspection.notes) field('note', note);
  field('kept', `${inspection.kept} of ${inspection.rows} row${inspection.rows === 1 ? '' : 's'} become examples`);
  field('reported', String(inspection.reported.length));
  for (const r of inspection.reported) lines.push(`    ${r.reason}`);
  if (withExamples) {
    for (const e of inspection.examples) {
      const label = e.label === undefined ? '' : `  label=${pyRepr(e.label)}`;
      lines.push(`    #${e.index}  prompt=${q(e.prompt)}  response=${e.response === null ? 'null' : q(e.response)}${label}`);
    }
  }
  return `${escapeControls(lines.join('\n'))}\n`;
}
