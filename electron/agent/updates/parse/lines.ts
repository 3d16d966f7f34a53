// Small helpers the parsers of command output share.

/**
 * No line of these tools is near this long (an apt `Inst` line with three origins is ~200
 * characters): longer lines are garbage, and skipping them keeps every pattern's work small.
 */
export const MAX_LINE_LENGTH = 2000;

/** The non-empty lines, without trailing blanks or carriage returns (output pasted from Windows). */
export const lines = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '' && line.length <= MAX_LINE_LENGTH);

/** The start of what a tool printed, for the one-line detail of an unreadable output. */
export function firstWords(text: string): string {
  const first = text.split(/\r?\n/).find((line) => line.trim() !== '')?.trim() ?? '';
  if (!first) return 'empty output';
  return first.length > 60 ? `“${first.slice(0, 59)}…”` : `“${first}”`;
}

/** Each name once, in the order first seen. */
export const unique = (names: readonly string[]): string[] => [...new Set(names)];
