// Draws the tray icons (resources/tray) and the app icon (build/icon.png, build/icon.ico) with
// pngjs: `npx tsx build/make-icons.ts`. The outputs are committed; run again after a change here.
//
// The mark is a lowercase "h" and a comma: hallo,. Tray icons carry a badge for the overall
// state whose SHAPE differs per state (ok ✓ in a circle, attention ! in a triangle, problem × in
// a diamond, offline – in a circle), so they can be told apart without colour: for colour-blind
// users, and on macOS, where template images are black + alpha and tinted by the menu bar.
// Remote support has two more, a square badge in hallo,'s purple: three dots while a request
// waits for the employee, an eye while a session runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

type Overall = 'ok' | 'attention' | 'problem' | 'offline';
type Badge = Overall | 'remote-request' | 'remote-session';
type RGB = [number, number, number];
/** Coverage test in unit coordinates (0..1 across the icon). */
type Shape = (x: number, y: number) => boolean;

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');

const BRAND: RGB = [0x1f, 0x2a, 0x44]; // hallo, night blue
const WHITE: RGB = [255, 255, 255];
const STATE: Record<Badge, RGB> = {
  'remote-request': [0x4b, 0x2b, 0xbd], // hallo, purple, as the popup's accent
  'remote-session': [0x4b, 0x2b, 0xbd],
  ok: [0x10, 0x7c, 0x10], // green
  attention: [0xc2, 0x7c, 0x00], // amber, dark enough for a white "!"
  problem: [0xc4, 0x2b, 0x1c], // red
  offline: [0x6e, 0x6e, 0x6e], // grey
};

// ---------------------------------------------------------------- shapes

const rect = (x0: number, y0: number, x1: number, y1: number): Shape => (x, y) => x >= x0 && x <= x1 && y >= y0 && y <= y1;
const circle = (cx: number, cy: number, r: number): Shape => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const union = (...shapes: Shape[]): Shape => (x, y) => shapes.some((s) => s(x, y));
const minus = (a: Shape, b: Shape): Shape => (x, y) => a(x, y) && !b(x, y);
const capsule = (ax: number, ay: number, bx: number, by: number, r: number): Shape => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= r * r;
};
const roundedSquare = (inset: number, radius: number): Shape => (x, y) => {
  const cx = Math.min(Math.max(x, inset + radius), 1 - inset - radius);
  const cy = Math.min(Math.max(y, inset + radius), 1 - inset - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
};
const polygon = (points: [number, number][]): Shape => (x, y) => {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i]!;
    const [xj, yj] = points[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
};
/** `shape` scaled by `s` and moved by (dx, dy): for placing the mark inside a larger icon. */
const place = (shape: Shape, s: number, dx: number, dy: number): Shape => (x, y) => shape((x - dx) / s, (y - dy) / s);

/** "h," in the unit square. */
const mark: Shape = union(
  rect(0.14, 0.12, 0.3, 0.84), // stem
  minus(
    (x, y) => y <= 0.5 && circle(0.42, 0.5, 0.28)(x, y), // arch, outer
    circle(0.42, 0.5, 0.12), // arch, inner
  ),
  rect(0.54, 0.5, 0.7, 0.84), // leg
  circle(0.84, 0.76, 0.085), // comma: dot
  capsule(0.86, 0.78, 0.78, 0.96, 0.045), // comma: tail
);

// Badge in the lower right; its shape tells the state.
const B = { cx: 0.73, cy: 0.73, r: 0.27 };
const ellipse = (cx: number, cy: number, rx: number, ry: number): Shape => (x, y) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1;
const badgeSquare: Shape = (x, y) => Math.abs(x - B.cx) <= B.r * 0.95 && Math.abs(y - B.cy) <= B.r * 0.95;
const badgeShape: Record<Badge, Shape> = {
  'remote-request': badgeSquare,
  'remote-session': badgeSquare,
  ok: circle(B.cx, B.cy, B.r),
  offline: circle(B.cx, B.cy, B.r),
  attention: polygon([
    [B.cx, B.cy - B.r * 1.08],
    [B.cx + B.r * 1.12, B.cy + B.r * 0.92],
    [B.cx - B.r * 1.12, B.cy + B.r * 0.92],
  ]),
  problem: polygon([
    [B.cx, B.cy - B.r * 1.1],
    [B.cx + B.r * 1.1, B.cy],
    [B.cx, B.cy + B.r * 1.1],
    [B.cx - B.r * 1.1, B.cy],
  ]),
};
const s = B.r; // symbol unit
const badgeSymbol: Record<Badge, Shape> = {
  'remote-request': union(circle(B.cx - 0.5 * s, B.cy, 0.15 * s), circle(B.cx, B.cy, 0.15 * s), circle(B.cx + 0.5 * s, B.cy, 0.15 * s)),
  'remote-session': union(minus(ellipse(B.cx, B.cy, 0.72 * s, 0.46 * s), ellipse(B.cx, B.cy, 0.5 * s, 0.27 * s)), circle(B.cx, B.cy, 0.2 * s)),
  ok: union(capsule(B.cx - 0.5 * s, B.cy + 0.02 * s, B.cx - 0.12 * s, B.cy + 0.4 * s, 0.13 * s), capsule(B.cx - 0.12 * s, B.cy + 0.4 * s, B.cx + 0.52 * s, B.cy - 0.38 * s, 0.13 * s)),
  attention: union(capsule(B.cx, B.cy - 0.5 * s, B.cx, B.cy + 0.12 * s, 0.13 * s), circle(B.cx, B.cy + 0.5 * s, 0.14 * s)),
  problem: union(capsule(B.cx - 0.36 * s, B.cy - 0.36 * s, B.cx + 0.36 * s, B.cy + 0.36 * s, 0.17 * s), capsule(B.cx + 0.36 * s, B.cy - 0.36 * s, B.cx - 0.36 * s, B.cy + 0.36 * s, 0.17 * s)),
  offline: capsule(B.cx - 0.5 * s, B.cy, B.cx + 0.5 * s, B.cy, 0.14 * s),
};
/** A transparent moat around the badge so that it stands apart from the mark. */
const grow = (shape: Shape, by: number): Shape => (x, y) =>
  [0, 1, 2, 3, 4, 5, 6, 7].some((k) => shape(x + by * Math.cos((k * Math.PI) / 4), y + by * Math.sin((k * Math.PI) / 4))) || shape(x, y);

// ---------------------------------------------------------------- rendering

interface Layer {
  shape: Shape;
  color: RGB | null; // null = cut out (transparent)
}

/** Paints layers in order at `size` px, 4×4 samples per pixel for smooth edges. */
function render(size: number, layers: Layer[]): Buffer {
  const png = new PNG({ width: size, height: size });
  const n = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const x = (px + (sx + 0.5) / n) / size;
          const y = (py + (sy + 0.5) / n) / size;
          let color: RGB | null = null;
          for (const layer of layers) if (layer.shape(x, y)) color = layer.color;
          if (color) {
            r += color[0];
            g += color[1];
            b += color[2];
            a += 1;
          }
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = a ? Math.round(r / a) : 0;
      png.data[i + 1] = a ? Math.round(g / a) : 0;
      png.data[i + 2] = a ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return PNG.sync.write(png);
}

/** Colour tray icon: the mark in a brand tile, the state's badge in the state's colour. */
function trayLayers(state: Badge): Layer[] {
  const tileMark = place(mark, 0.8, 0.02, 0.02);
  return [
    { shape: roundedSquare(0.02, 0.2), color: BRAND },
    { shape: tileMark, color: WHITE },
    { shape: grow(badgeShape[state], 0.07), color: null },
    { shape: badgeShape[state], color: STATE[state] },
    { shape: badgeSymbol[state], color: WHITE },
  ];
}

/** macOS template: black + alpha only; the badge's shape and symbol carry the state. */
function templateLayers(state: Badge): Layer[] {
  return [
    { shape: place(mark, 0.8, 0.02, 0.02), color: [0, 0, 0] },
    { shape: grow(badgeShape[state], 0.07), color: null },
    { shape: badgeShape[state], color: [0, 0, 0] },
    { shape: badgeSymbol[state], color: null },
  ];
}

/** ICO with PNG entries (Windows Vista and later read these). */
function ico(images: { size: number; png: Buffer }[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach(({ size, png }, i) => {
    const at = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, at);
    header.writeUInt8(size >= 256 ? 0 : size, at + 1);
    header.writeUInt16LE(1, at + 4); // colour planes
    header.writeUInt16LE(32, at + 6); // bits per pixel
    header.writeUInt32LE(png.length, at + 8);
    header.writeUInt32LE(offset, at + 12);
    offset += png.length;
  });
  return Buffer.concat([header, ...images.map((image) => image.png)]);
}

function write(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
  console.log(`${path.slice(root.length + 1)} (${data.length} bytes)`);
}

const tray = join(root, 'resources', 'tray');
for (const state of ['ok', 'attention', 'problem', 'offline', 'remote-request', 'remote-session'] as const) {
  // Windows: 16 px (+@2x); Linux panels: 32 px (+@2x). Electron loads @2x on HiDPI by itself.
  for (const size of [16, 32]) {
    write(join(tray, `tray-${state}-${size}.png`), render(size, trayLayers(state)));
    write(join(tray, `tray-${state}-${size}@2x.png`), render(size * 2, trayLayers(state)));
  }
  write(join(tray, `tray-${state}Template.png`), render(16, templateLayers(state)));
  write(join(tray, `tray-${state}Template@2x.png`), render(32, templateLayers(state)));
}

const appLayers: Layer[] = [
  { shape: roundedSquare(0.06, 0.2), color: BRAND },
  { shape: place(mark, 0.62, 0.19, 0.19), color: WHITE },
];
write(join(here, 'icon.png'), render(512, appLayers));
write(join(here, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256].map((size) => ({ size, png: render(size, appLayers) }))));
