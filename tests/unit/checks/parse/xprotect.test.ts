import { describe, expect, it } from 'vitest';
import { parseXProtectInstallLog, xprotectFromBundle } from '../../../../electron/agent/checks/parse/xprotect';
import { GARBAGE, recorded } from '../fixtures';

const xprotect = (signatureAgeDays: number | null) => ({ value: { name: 'XProtect', state: 'on', signaturesUpToDate: null, signatureAgeDays, lastScan: null, source: 'xprotect' } });

describe('XProtect', () => {
  it('dates its signatures from the install log\'s XProtectPlistConfigData line, among other installs', () => {
    // 2020-12-22 12:48:24+01 … Installed "XProtectPlistConfigData" (2137)
    const log = recorded('macos-unknown-version/xprotect-install-log.installed.en.txt');
    expect(parseXProtectInstallLog(log, Date.parse('2020-12-22T11:48:24Z'))).toEqual(xprotect(0));
    expect(parseXProtectInstallLog(log, Date.parse('2021-01-13T12:00:00Z'))).toEqual(xprotect(22));
  });

  it('a log without an XProtect update says so', () => {
    const others = recorded('macos-unknown-version/xprotect-install-log.installed.en.txt').split('\n').filter((line) => !line.includes('XProtect')).join('\n');
    expect(parseXProtectInstallLog(others, Date.now())).toEqual({ unknown: 'unreadable', detail: 'no XProtect update in the install log' });
  });

  // Composed: no recorded `defaults read …XProtect.bundle…` output was found; the version is a bare number.
  it('composed: the bundle\'s version and its modification time', () => {
    const now = Date.parse('2026-12-07T09:00:00Z');
    expect(xprotectFromBundle('5287\n', now - 3 * 86_400_000, now)).toEqual(xprotect(3));
    expect(xprotectFromBundle('2137\n', null, now)).toEqual(xprotect(null));
  });

  it('garbage is unreadable', () => {
    for (const text of GARBAGE) {
      expect(parseXProtectInstallLog(text, Date.now()), JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
      expect(xprotectFromBundle(text, 0, Date.now()), JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
    }
    expect(xprotectFromBundle('The domain/default pair of (…/Info.plist, CFBundleShortVersionString) does not exist', 0, Date.now())).toMatchObject({ unknown: 'unreadable' });
  });
});
