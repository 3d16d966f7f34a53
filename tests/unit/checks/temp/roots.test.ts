import { describe, expect, it } from 'vitest';
import { isInside } from '../../../../electron/agent/checks/temp/roots';

// The fence of the cleanup: a folder's real path must lie inside the root's, on every OS.

describe('isInside', () => {
  it.each([
    ['linux', '/tmp', '/tmp', true],
    ['linux', '/tmp', '/tmp/a/b', true],
    ['linux', '/tmp', '/tmp/..cache', true],
    ['linux', '/tmp', '/tmpfoo', false],
    ['linux', '/tmp', '/', false],
    ['linux', '/tmp/a', '/tmp/a/../b', false],
    ['darwin', '/private/var/folders/zz/T', '/private/var/folders/zz/T/com.apple.x', true],
    ['darwin', '/private/var/folders/zz/T', '/var/folders/zz/T/x', false],
    // NTFS compares names without regard to case.
    ['win32', 'C:\\Users\\anna\\AppData\\Local\\Temp', 'c:\\users\\ANNA\\appdata\\local\\temp\\x', true],
    ['win32', 'C:\\Users\\anna\\AppData\\Local\\Temp', 'C:\\Users\\anna\\AppData\\Local\\Temp2', false],
    ['win32', 'C:\\Users\\anna\\AppData\\Local\\Temp', 'D:\\Users\\anna\\AppData\\Local\\Temp\\x', false],
    ['win32', 'C:\\Users\\anna\\AppData\\Local\\Temp', 'C:\\Windows', false],
  ] as const)('on %s: %s holds %s: %s', (platform, root, path, inside) => {
    expect(isInside(root, path, platform)).toBe(inside);
  });
});
