import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { fitScreenshot, scaleDown, THUMBNAIL_WIDTH } from '../../../electron/agent/tickets/screenshot';

/** Noise compresses badly, so a PNG of it is big: it has to be scaled to fit. */
function noisy(width: number, height: number): Buffer {
  const png = new PNG({ width, height });
  let seed = 42;
  for (let i = 0; i < png.data.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    png.data[i] = i % 4 === 3 ? 255 : seed >> 23;
  }
  return PNG.sync.write(png);
}

describe('fitting the screenshot', () => {
  it('scales a picture that is too large until it fits, keeping the aspect ratio', async () => {
    const original = noisy(800, 600);
    const max = 200_000;
    expect(original.length).toBeGreaterThan(max);
    const fit = await fitScreenshot(original, max);
    expect(fit.ok).toBe(true);
    if (!fit.ok) return;
    expect(fit.value.png.length).toBeLessThanOrEqual(max);
    expect(fit.value.width).toBeLessThan(800);
    expect(fit.value.width / fit.value.height).toBeCloseTo(800 / 600, 1);
    const decoded = PNG.sync.read(fit.value.png);
    expect([decoded.width, decoded.height]).toEqual([fit.value.width, fit.value.height]);
  });

  it('leaves a picture that fits as it is', async () => {
    const original = noisy(100, 80);
    const fit = await fitScreenshot(original, 1_000_000);
    expect(fit.ok && fit.value.png.equals(original)).toBe(true);
    expect(fit.ok && fit.value.thumbnail).toMatch(/^data:image\/png;base64,/);
  });

  it('says why when even a small one cannot fit, or the bytes are no PNG', async () => {
    expect(await fitScreenshot(noisy(400, 300), 100)).toEqual({ ok: false, reason: 'too-large' });
    expect(await fitScreenshot(new TextEncoder().encode('not a png'), 1_000_000)).toEqual({ ok: false, reason: 'unreadable' });
  });

  it('averages the area, not the nearest pixel: a fine checkerboard becomes grey', () => {
    const width = 64;
    const data = Buffer.alloc(width * width * 4);
    for (let y = 0; y < width; y++) {
      for (let x = 0; x < width; x++) {
        const v = (x + y) % 2 === 0 ? 0 : 255;
        data.set([v, v, v, 255], (y * width + x) * 4);
      }
    }
    const small = scaleDown({ width, height: width, data }, 16, 16);
    for (let i = 0; i < small.data.length; i += 4) expect(Math.abs(small.data[i]! - 128)).toBeLessThanOrEqual(1);
  });

  it('makes a thumbnail at most 320 px wide as a PNG data URL', async () => {
    const fit = await fitScreenshot(noisy(1000, 500), 10_000_000);
    if (!fit.ok) throw new Error('fit failed');
    const url = fit.value.thumbnail;
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const thumb = PNG.sync.read(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'));
    expect([thumb.width, thumb.height]).toEqual([THUMBNAIL_WIDTH, 160]);
  });
});
