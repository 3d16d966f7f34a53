// Kept free of zod: the renderer formats with it too.

/**
 * How this PC's own file manager counts a gigabyte, so that a figure we show matches the one the
 * employee sees there: Windows Explorer divides by 2^30 and calls it "GB"; macOS Finder and GNOME
 * Files divide by 10^9. The agent decides it once per platform (`state.app.sizeUnits`); the
 * checklist, Details, the send preview and the disk thresholds all go through `gigabytes()`.
 */
export const SIZE_UNITS = ['binary', 'decimal'] as const;
export type SizeUnits = (typeof SIZE_UNITS)[number];

const BYTES_PER_GB: Record<SizeUnits, number> = { binary: 1024 ** 3, decimal: 1e9 };

/** Bytes as "GB" in `units`, unrounded: for comparing with a threshold given in GB. */
export function exactGigabytes(bytes: number, units: SizeUnits): number {
  return bytes / BYTES_PER_GB[units];
}

/** Bytes as the "GB" figure every view shows: one decimal, so the checklist and Details say the same number. */
export function gigabytes(bytes: number, units: SizeUnits): number {
  return Math.round(exactGigabytes(bytes, units) * 10) / 10;
}

export type SizeUnit = 'gb' | 'mb' | 'kb' | 'bytes';

/**
 * Bytes in the largest unit that is at least one, as the file manager counts it in `units` (kB and
 * MB step by 1024 where GB does), one decimal: for a size that may be small, such as what
 * "Tijdelijke bestanden opruimen" freed. The catalog says it (`size.<unit>`).
 */
export function sizeParts(bytes: number, units: SizeUnits): { unit: SizeUnit; value: number } {
  const step = units === 'binary' ? 1024 : 1000;
  const round = (value: number) => Math.round(value * 10) / 10;
  if (bytes >= BYTES_PER_GB[units]) return { unit: 'gb', value: gigabytes(bytes, units) };
  if (bytes >= step * step) return { unit: 'mb', value: round(bytes / (step * step)) };
  if (bytes >= step) return { unit: 'kb', value: round(bytes / step) };
  return { unit: 'bytes', value: Math.max(0, Math.round(bytes)) };
}
