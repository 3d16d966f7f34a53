import { describe, expect, it } from 'vitest';
import { GAP, popupPosition, popupSize, type Rect } from '../../electron/main/position';

const display: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
const size = { width: 380, height: 560 };
const inside = (p: { x: number; y: number }, area: Rect) =>
  p.x >= area.x && p.y >= area.y && p.x + size.width <= area.x + area.width && p.y + size.height <= area.y + area.height;

describe('popupPosition', () => {
  it('Windows, taskbar at the bottom: above the tray icon, centred on it', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1032 };
    const trayBounds = { x: 1700, y: 1040, width: 24, height: 40 };
    const p = popupPosition({ trayBounds, windowSize: size, workArea, displayBounds: display, platform: 'win32' });
    expect(p).toEqual({ x: 1712 - 190, y: 1032 - 560 - GAP });
  });

  it('Windows, taskbar at the top: below the taskbar', () => {
    const workArea = { x: 0, y: 48, width: 1920, height: 1032 };
    const trayBounds = { x: 1600, y: 4, width: 24, height: 40 };
    const p = popupPosition({ trayBounds, windowSize: size, workArea, displayBounds: display, platform: 'win32' });
    expect(p).toEqual({ x: 1612 - 190, y: 48 + GAP });
  });

  it('Windows, taskbar on the left: right of it, level with the icon', () => {
    const workArea = { x: 62, y: 0, width: 1858, height: 1080 };
    const trayBounds = { x: 10, y: 400, width: 40, height: 24 };
    const p = popupPosition({ trayBounds, windowSize: size, workArea, displayBounds: display, platform: 'win32' });
    expect(p).toEqual({ x: 62 + GAP, y: 412 - 280 });
  });

  it('Windows, taskbar on the right: left of it, clamped above the screen bottom', () => {
    const workArea = { x: 0, y: 0, width: 1858, height: 1080 };
    const trayBounds = { x: 1870, y: 1040, width: 40, height: 24 };
    const p = popupPosition({ trayBounds, windowSize: size, workArea, displayBounds: display, platform: 'win32' });
    expect(p).toEqual({ x: 1858 - 380 - GAP, y: 1080 - 560 - GAP });
  });

  it('Windows, auto-hidden taskbar: the tray icon tells the edge', () => {
    const trayBounds = { x: 1700, y: 1050, width: 24, height: 30 };
    const p = popupPosition({ trayBounds, windowSize: size, workArea: display, displayBounds: display, platform: 'win32' });
    expect(p.y).toBe(1080 - 560 - GAP);
  });

  it('macOS: under the menu-bar icon', () => {
    const mac: Rect = { x: 0, y: 0, width: 1440, height: 900 };
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const trayBounds = { x: 1000, y: 0, width: 22, height: 24 };
    const p = popupPosition({ trayBounds, windowSize: size, workArea, displayBounds: mac, platform: 'darwin' });
    expect(p.x).toBe(1011 - 190);
    expect(p.y).toBeGreaterThanOrEqual(25);
    expect(p.y).toBeLessThan(25 + 2 * GAP);
  });

  it('macOS: an icon at the far right is kept on screen', () => {
    const mac: Rect = { x: 0, y: 0, width: 1440, height: 900 };
    const workArea = { x: 0, y: 25, width: 1440, height: 875 };
    const trayBounds = { x: 1420, y: 0, width: 20, height: 24 };
    const p = popupPosition({ trayBounds, windowSize: size, workArea, displayBounds: mac, platform: 'darwin' });
    expect(p.x).toBe(1440 - 380 - GAP);
  });

  it('Linux with zero tray bounds: bottom-right corner of the work area by default', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1080 };
    const p = popupPosition({ trayBounds: { x: 0, y: 0, width: 0, height: 0 }, windowSize: size, workArea, displayBounds: display, platform: 'linux' });
    expect(p).toEqual({ x: 1920 - 380 - GAP, y: 1080 - 560 - GAP });
  });

  it('Linux with a top panel (GNOME) and zero bounds: top-right corner', () => {
    const workArea = { x: 0, y: 32, width: 1920, height: 1048 };
    const p = popupPosition({ trayBounds: { x: 0, y: 0, width: 0, height: 0 }, windowSize: size, workArea, displayBounds: display, platform: 'linux' });
    expect(p).toEqual({ x: 1920 - 380 - GAP, y: 32 + GAP });
  });

  it('a second monitor left of and above the primary (negative coordinates)', () => {
    const left: Rect = { x: -1920, y: -300, width: 1920, height: 1080 };
    const workArea = { x: -1920, y: -300, width: 1920, height: 1040 };
    const trayBounds = { x: -150, y: 742, width: 24, height: 36 };
    const p = popupPosition({ trayBounds, windowSize: size, workArea, displayBounds: left, platform: 'win32' });
    expect(p).toEqual({ x: -1920 + 1920 - 380 - GAP, y: -300 + 1040 - 560 - GAP });
    expect(inside(p, workArea)).toBe(true);
  });

  it('clamps into the work area: icon at the far left, and a popup larger than the screen', () => {
    const workArea = { x: 0, y: 0, width: 1920, height: 1032 };
    const p = popupPosition({ trayBounds: { x: 2, y: 1040, width: 24, height: 40 }, windowSize: size, workArea, displayBounds: display, platform: 'win32' });
    expect(p.x).toBe(GAP);
    const tiny = { x: 0, y: 0, width: 300, height: 400 };
    const q = popupPosition({ trayBounds: { x: 280, y: 380, width: 16, height: 16 }, windowSize: size, workArea: tiny, displayBounds: tiny, platform: 'win32' });
    expect(q).toEqual({ x: 0, y: 0 });
  });
});

describe('popupSize', () => {
  const base = { width: 380, height: 560 };
  const workArea = { x: 0, y: 0, width: 1920, height: 1032 };
  it.each([
    [1, { width: 380, height: 560 }],
    [1.25, { width: 475, height: 700 }],
    [2, { width: 760, height: 1032 - 2 * GAP }], // taller than the screen: the content scrolls
    [0, { width: 380, height: 560 }], // no zoom reported: as designed
  ])('zoom %s gives %j', (zoom, expected) => {
    expect(popupSize(base, zoom, workArea)).toEqual(expected);
  });
});
