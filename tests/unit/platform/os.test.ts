import { describe, expect, it } from 'vitest';
import { isLinux, isMac, isWindows, osFamily } from '../../../electron/agent/platform/os';

describe('os detection', () => {
  it.each([
    ['win32', 'windows', true, false, false],
    ['darwin', 'macos', false, true, false],
    ['linux', 'linux', false, false, true],
    ['freebsd', 'other', false, false, false],
  ] as const)('%s is %s', (platform, family, windows, mac, linux) => {
    expect(osFamily(platform)).toBe(family);
    expect([isWindows(platform), isMac(platform), isLinux(platform)]).toEqual([windows, mac, linux]);
  });
});
