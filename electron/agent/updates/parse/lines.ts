// Small helpers the parsers of command output share.

/** The non-empty lines, without trailing blanks or carriage returns (output pasted from Windows). */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');

/** The start of what a tool printed, for the one-line detail of an unreadable output. */
export function firstWords(text: string): string {
  const first = lines(text)[0]?.trim() ?? '';
  if (!first) return 'empty output';
  return first.length > 60 ? `“${first.slice(0, 59)}…”` : `“${first}”`;
}

/** Each name once, in the order first seen. */
export const unique = (names: readonly string[]): string[] => [...new Set(names)];
