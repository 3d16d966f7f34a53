import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImageHeader } from '../../../electron/agent/branding/image';

// Real files made by Chromium's canvas (tests/fixtures/branding/README.md says how).
const fixture = (name: string) => new Uint8Array(readFileSync(`tests/fixtures/branding/${name}`));

describe('a logo judged by its own first bytes', () => {
  it.each([
    ['logo-160x48.png', 'image/png', 160, 48],
    ['logo-160x48.jpg', 'image/jpeg', 160, 48],
    ['logo-160x48.webp', 'image/webp', 160, 48],
    ['logo-lossless-120x40.webp', 'image/webp', 120, 40],
    ['simple-lossy-160x48.webp', 'image/webp', 160, 48],
    ['simple-lossless-120x40.webp', 'image/webp', 120, 40],
    ['wide-2000x20.png', 'image/png', 2000, 20],
    ['noise-200x200.png', 'image/png', 200, 200],
  ])('%s is %s of %i × %i pixels', (name, type, width, height) => {
    expect(readImageHeader(fixture(name))).toEqual({ type, width, height });
  });

  it('anything else is not a picture: HTML, SVG, GIF, nothing, a header cut short', () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(readImageHeader(text('<!doctype html><title>404</title>'))).toBeNull();
    expect(readImageHeader(text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(readImageHeader(text('GIF89a\x10\x00\x10\x00'))).toBeNull();
    expect(readImageHeader(new Uint8Array())).toBeNull();
    expect(readImageHeader(fixture('logo-160x48.png').subarray(0, 20))).toBeNull();
    expect(readImageHeader(fixture('logo-160x48.jpg').subarray(0, 100))).toBeNull();
    expect(readImageHeader(fixture('simple-lossless-120x40.webp').subarray(0, 22))).toBeNull();
  });
});
