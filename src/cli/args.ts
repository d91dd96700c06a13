/** A small command-line flag parser: `--name value`, `--name=value` and boolean `--name`, with clear errors. */

export interface FlagSpec {
  /** Takes a value (`--out file`) or is a switch (`--reference`). */
  kind: 'value' | 'switch';
}

export type ParsedFlags = Record<string, string | true>;

/** A mistake in how the command was typed: exit code 2 and the usage text. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function closest(name: string, known: string[]): string | undefined {
  return known.find((k) => k.startsWith(name) || name.startsWith(k) || (k.length > 3 && k.slice(0, 4) === name.slice(0, 4)));
}

/**
 * Parses `args` against the known flags. Positional arguments are not accepted.
 * @throws UsageError for an unknown flag, a missing value, a value given to a switch, a repeated flag or a positional argument.
 */
export function parseFlags(args: string[], specs: Record<string, FlagSpec>): ParsedFlags {
  const flags: ParsedFlags = {};
  const known = Object.keys(specs);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--') || arg === '--') {
      throw new UsageError(`unexpected argument "${arg}"; every option is a --flag (see --help).`);
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq === -1 ? undefined : eq);
    const spec = specs[name];
    if (!spec) {
      const near = closest(name, known);
      throw new UsageError(`unknown option --${name}${near ? ` (did you mean --${near}?)` : ''}.`);
    }
    if (name in flags) throw new UsageError(`--${name} is given twice.`);
    if (spec.kind === 'switch') {
      if (eq !== -1) throw new UsageError(`--${name} takes no value.`);
      flags[name] = true;
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || (eq === -1 && value.startsWith('--'))) throw new UsageError(`--${name} needs a value.`);
    if (value === '') throw new UsageError(`--${name} needs a non-empty value.`);
    flags[name] = value;
  }
  return flags;
}

/**
 * A flag's value as a whole number of at least `min`.
 * @throws UsageError when it is not one.
 */
export function integerFlag(flags: ParsedFlags, name: string, min: number): number | undefined {
  const value = flags[name];
  if (value === undefined) return undefined;
  if (value === true || !/^\d+$/.test(value) || Number(value) < min) {
    throw new UsageError(`--${name} must be a whole number of at least ${min}, got "${String(value)}".`);
  }
  return Number(value);
}

/** A value flag's text, or undefined. */
export function textFlag(flags: ParsedFlags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}
