// What kind of picture a logo is and how large, read from its first bytes: the file's own header,
// never its name or the server's Content-Type. Only the header is read (no decoding): a picture
// that lies beyond its header reaches only an <img> under the popup's CSP, which shows it broken.

export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

export interface ImageHeader {
  type: LogoType;
  width: number;
  height: number;
}

/** The type and pixel size of a PNG, JPEG or WebP; null for anything else or a header cut short. */
export function readImageHeader(bytes: Uint8Array): ImageHeader | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (startsWith(bytes, PNG_SIGNATURE)) return png(bytes, view);
    if (startsWith(bytes, [0xff, 0xd8, 0xff])) return jpeg(bytes, view);
    if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return webp(bytes, view);
  } catch {
    // A header cut short reads past the end (RangeError): not a picture we can show.
  }
  return null;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** PNG: the IHDR chunk comes first (width and height as 32-bit big-endian). */
function png(bytes: Uint8Array, view: DataView): ImageHeader | null {
  if (ascii(bytes, 12, 4) !== 'IHDR') return null;
  return sized('image/png', view.getUint32(16), view.getUint32(20));
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) are not frames. */
const SOF = new Set([0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);

/** JPEG: segments from SOI, each FF <marker> <16-bit length>, until the first start of frame. */
function jpeg(bytes: Uint8Array, view: DataView): ImageHeader | null {
  let at = 2;
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return null; // end of image or scan data before any frame
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2; // markers without a length
      continue;
    }
    if (SOF.has(marker)) return sized('image/jpeg', view.getUint16(at + 7), view.getUint16(at + 5));
    at += 2 + view.getUint16(at + 2);
  }
  return null;
}

/** WebP: the first chunk says which of the three forms it is (extended, lossy, lossless). */
function webp(bytes: Uint8Array, view: DataView): ImageHeader | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8X') return sized('image/webp', 1 + uint24(bytes, 24), 1 + uint24(bytes, 27));
  if (chunk === 'VP8 ') {
    // A key frame's start code 9D 01 2A, then 14-bit width and height (2 bits of scale above them).
    if (bytes[23] !== 0x9d || bytes[24] !== 0x01 || bytes[25] !== 0x2a) return null;
    return sized('image/webp', view.getUint16(26, true) & 0x3fff, view.getUint16(28, true) & 0x3fff);
  }
  if (chunk === 'VP8L') {
    // Signature 2F, then width - 1 and height - 1 in 14 bits each, least significant bit first.
    if (bytes[20] !== 0x2f) return null;
    const bits = view.getUint32(21, true);
    return sized('image/webp', (bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1);
  }
  return null;
}

function sized(type: LogoType, width: number, height: number): ImageHeader | null {
  return width > 0 && height > 0 ? { type, width, height } : null;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  if (at + length > bytes.length) throw new RangeError('cut short');
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function uint24(bytes: Uint8Array, at: number): number {
  if (at + 3 > bytes.length) throw new RangeError('cut short');
  return bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16);
}
