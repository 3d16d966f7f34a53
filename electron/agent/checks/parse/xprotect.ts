import { firstWords, lines } from '../../updates/parse/lines';
import type { AntivirusProduct, Parsed } from '../types';

/*
 * XProtect, macOS's built-in malware scanner: always on (no switch to turn it off), its age is
 * that of its last signature update. Two ways to read it:
 *  - install.log lines (`/var/log/install.log`, readable by all):
 *    `2020-12-22 12:48:24+01 MacBook-Pro system_installd[933]: Installed "XProtectPlistConfigData" (2137)`
 *    (newer macOS also installs `XProtectPayloads`); the last one is the current update.
 *  - the bundle itself: `defaults read …/XProtect.bundle/Contents/Info.plist CFBundleShortVersionString`
 *    (a version such as `2137` or `5287`) and its Info.plist's modification time (xprotectFromBundle).
 */
const INSTALLED = /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2})([+-]\d{2})(\d{2})?\s.*Installed "(?:XProtectPlistConfigData|XProtectPayloads)" \(([^)]*)\)/;
const BUNDLE_VERSION = /^\d+(?:\.\d+)*$/;
const DAY_MS = 86_400_000;

const product = (updatedAt: number | null, now: number): AntivirusProduct => ({
  name: 'XProtect',
  state: 'on',
  signaturesUpToDate: null,
  signatureAgeDays: updatedAt === null ? null : Math.max(0, Math.floor((now - updatedAt) / DAY_MS)),
  lastScan: null,
  source: 'xprotect',
});

/** install.log (or the lines of it that name XProtect's updates). */
export function parseXProtectInstallLog(text: string, now: number): Parsed<AntivirusProduct> {
  const installs = lines(text)
    .map((line) => INSTALLED.exec(line))
    .filter((m): m is RegExpExecArray => m !== null);
  const last = installs.at(-1);
  if (!last) return { unknown: 'unreadable', detail: 'no XProtect update in the install log' };
  const at = Date.parse(`${last[1]}T${last[2]}${last[3]}:${last[4] ?? '00'}`);
  return { value: product(Number.isNaN(at) ? null : at, now) };
}

/** `defaults read` of the bundle's version, and when its Info.plist last changed (epoch ms; null: unknown). */
export function xprotectFromBundle(versionText: string, modifiedAt: number | null, now: number): Parsed<AntivirusProduct> {
  const version = versionText.trim();
  if (!BUNDLE_VERSION.test(version)) return { unknown: 'unreadable', detail: firstWords(versionText) };
  return { value: product(modifiedAt, now) };
}
