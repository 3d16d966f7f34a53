// Fitting text and series into the sizes the API allows, the same way everywhere.

/** `text` cut to `max` characters, the cut shown by an ellipsis. */
export const cut = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** At most `max` points, evenly spread, always ending with the newest. */
export function thin<T>(points: readonly T[], max: number): T[] {
  if (points.length <= max) return [...points];
  const step = points.length / max;
  return Array.from({ length: max }, (_, i) => points[points.length - 1 - Math.floor((max - 1 - i) * step)]!);
}
