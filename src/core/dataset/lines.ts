/** Line splitting as Python's universal newlines do it: `\n`, `\r\n` and a lone `\r` end a line; U+2028 and U+0085 do not. */

export interface TextLine {
  /** 1-based line number. */
  line: number;
  text: string;
}

export function splitLines(text: string): TextLine[] {
  if (text === '') return [];
  const parts = text.split(/\r\n|\r|\n/);
  if (parts.at(-1) === '') parts.pop();
  return parts.map((line, i) => ({ line: i + 1, text: line }));
}

/** JSON's own whitespace: what `json.loads` skips. */
export function isJsonBlank(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}
