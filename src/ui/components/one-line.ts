/** A cell's text on one line, cut short at `max` characters: the full text is one click away. */
export function oneLine(text: string | null, max = 160): string {
  if (text === null) return '';
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
