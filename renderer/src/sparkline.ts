/**
 * An SVG path through percentages (0–100), evenly spaced over `width`; a missing sample breaks
 * the line instead of pretending it was zero. Values outside 0–100 are clamped.
 */
export function sparkPath(values: readonly (number | null)[], width: number, height: number): string {
  if (values.length === 0) return '';
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const round = (n: number) => Math.round(n * 10) / 10;
  let path = '';
  let drawing = false;
  values.forEach((value, index) => {
    if (value === null || !Number.isFinite(value)) {
      drawing = false;
      return;
    }
    const y = height - (Math.min(100, Math.max(0, value)) / 100) * height;
    path += `${drawing ? 'L' : 'M'}${round(index * step)} ${round(y)}`;
    drawing = true;
  });
  return path;
}
