import type { PNG as Png } from 'pngjs';

// The screenshot as it will be sent: scaled down (area average, so text stays readable as a
// blur rather than breaking into noise) until the PNG fits the policy's maxAttachmentBytes, and a
// small thumbnail for the form.

export interface FittedScreenshot {
  png: Buffer;
  width: number;
  height: number;
  /** A small PNG for the form, as a data URL. */
  thumbnail: string;
  /** The size it was taken at, for the log. */
  original: { width: number; height: number; bytes: number };
}
export type FitResult = { ok: true; value: FittedScreenshot } | { ok: false; reason: 'unreadable' | 'too-large' | 'empty' };

export const THUMBNAIL_WIDTH = 320;
/** Below this width a screenshot tells a technician nothing. */
const MIN_WIDTH = 160;
const MAX_STEPS = 12;
/** Beyond this many pixels (e.g. three 8K screens) the capture is refused rather than decoded. */
const MAX_PIXELS = 100e6;

interface Image {
  width: number;
  height: number;
  data: Buffer; // RGBA
}

/** Box filter: each target pixel is the coverage-weighted mean of the source pixels under it. */
export function scaleDown(src: Image, width: number, height: number): Image {
  const out = Buffer.alloc(width * height * 4);
  const sx = src.width / width;
  const sy = src.height / height;
  const acc = new Float64Array(4);
  for (let y = 0; y < height; y++) {
    const y0 = y * sy;
    const y1 = y0 + sy;
    for (let x = 0; x < width; x++) {
      const x0 = x * sx;
      const x1 = x0 + sx;
      acc.fill(0);
      let total = 0;
      for (let yy = Math.floor(y0); yy < Math.min(src.height, Math.ceil(y1)); yy++) {
        const wy = Math.min(y1, yy + 1) - Math.max(y0, yy);
        for (let xx = Math.floor(x0); xx < Math.min(src.width, Math.ceil(x1)); xx++) {
          const w = wy * (Math.min(x1, xx + 1) - Math.max(x0, xx));
          const i = (yy * src.width + xx) * 4;
          acc[0]! += src.data[i]! * w;
          acc[1]! += src.data[i + 1]! * w;
          acc[2]! += src.data[i + 2]! * w;
          acc[3]! += src.data[i + 3]! * w;
          total += w;
        }
      }
      const o = (y * width + x) * 4;
      for (let c = 0; c < 4; c++) out[o + c] = total > 0 ? Math.round(acc[c]! / total) : 0;
    }
  }
  return { width, height, data: out };
}

type PngCodec = typeof Png;

/** pngjs with its zlib streams loads at the first screenshot: most agents never take one. */
async function loadPng(): Promise<PngCodec> {
  return (await import('pngjs')).PNG;
}

function encode(PNG: PngCodec, image: Image): Buffer {
  const png = new PNG({ width: image.width, height: image.height });
  image.data.copy(png.data);
  return PNG.sync.write(png, { colorType: 6, deflateLevel: 9 });
}

function decode(PNG: PngCodec, bytes: Uint8Array): Image | null {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // The header says the size: refuse absurd ones before pngjs allocates for them.
    if (buffer.length >= 24 && buffer.readUInt32BE(16) * buffer.readUInt32BE(20) > MAX_PIXELS) return null;
    const png = PNG.sync.read(buffer);
    return { width: png.width, height: png.height, data: png.data };
  } catch {
    return null;
  }
}

const sized = (src: Image, scale: number): Image => {
  const width = Math.max(1, Math.round(src.width * scale));
  const height = Math.max(1, Math.round(src.height * scale));
  return scale >= 1 ? src : scaleDown(src, width, height);
};

/**
 * The largest version that fits in `maxBytes`. Each step guesses the scale from how far off the
 * last one was (PNG size grows roughly with the pixel count) and goes at least 15 % smaller.
 */
export async function fitScreenshot(bytes: Uint8Array, maxBytes: number): Promise<FitResult> {
  const PNG = await loadPng();
  const src = decode(PNG, bytes);
  if (!src) return { ok: false, reason: 'unreadable' };
  if (src.width === 0 || src.height === 0) return { ok: false, reason: 'empty' };
  const original = { width: src.width, height: src.height, bytes: bytes.byteLength };
  const fitted = (png: Buffer, image: Image): FitResult => ({
    ok: true,
    value: { png, width: image.width, height: image.height, thumbnail: thumbnailOf(PNG, image), original },
  });
  if (bytes.byteLength <= maxBytes) return fitted(Buffer.from(bytes), src);
  let scale = 1;
  for (let step = 0; step < MAX_STEPS; step++) {
    scale = step === 0 ? Math.sqrt(maxBytes / bytes.byteLength) : scale;
    if (src.width * scale < MIN_WIDTH) break;
    const image = sized(src, scale);
    const encoded = encode(PNG, image);
    if (encoded.length <= maxBytes) return fitted(encoded, image);
    scale = Math.min(scale * 0.85, scale * Math.sqrt(maxBytes / encoded.length) * 0.95);
  }
  return { ok: false, reason: 'too-large' };
}

/** At most 320 px wide, from the pixels already decoded. */
function thumbnailOf(PNG: PngCodec, image: Image): string {
  const scale = Math.min(1, THUMBNAIL_WIDTH / image.width);
  return `data:image/png;base64,${encode(PNG, sized(image, scale)).toString('base64')}`;
}
