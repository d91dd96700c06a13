/** One CSV row in the dialect of Python's `csv.writer` defaults: comma, minimal `"` quoting, `""` doubling, CRLF. */

/** A cell quoted only when it holds a comma, a quote, `\r` or `\n`, as Python's QUOTE_MINIMAL does. */
export function csvCell(text: string): string {
  return /[,"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/**
 * Prefixes `'` to a cell starting with `=`, `+`, `-`, `@`, a tab or CR, so spreadsheets do not run it as a
 * formula (OWASP CSV injection guidance). Never used for the reference-format files unless asked.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** The cells joined into one line ending in `\r\n`. */
export function csvLine(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
