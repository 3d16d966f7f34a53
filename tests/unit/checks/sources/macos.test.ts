import { describe, expect, it } from 'vitest';
import { createMacChecksSource } from '../../../../electron/agent/checks/sources/macos';
import type { CheckName } from '../../../../electron/agent/checks/types';
import { readSource, recorded, type FakeRun } from '../fixtures';

const NOW = Date.parse('2026-12-07T09:00:00Z');
const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate';
const FDESETUP = '/usr/bin/fdesetup status';
const PLIST = {
  sequoia: '/private/var/protected/xprotect/XProtect.bundle/Contents/Info.plist',
  sonoma: '/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist',
  mojave: '/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist',
};
const version = (plist: string) => `/usr/bin/defaults read ${plist} CFBundleShortVersionString`;
const modified = (plist: string) => `/usr/bin/stat -f %m ${plist}`;
// Composed: no recorded `defaults read` or `stat -f %m` of XProtect's bundle was found (see
// tests/fixtures/checks/README.md); the shapes are the tools' documented ones.
const NOT_THERE = (plist: string): FakeRun => ({ code: 1, stderr: `\nThe domain/default pair of (${plist}, CFBundleShortVersionString) does not exist\n` });
const THREE_DAYS_AGO = String(Math.floor((NOW - 3 * 86_400_000) / 1000));

const read = (runs: Record<string, FakeRun>, which?: ReadonlySet<CheckName>) => readSource(createMacChecksSource, NOW, runs, {}, which);

describe('the macOS checks source', () => {
  it('a Mac as set up: XProtect with its age, the firewall on, FileVault on; time cannot be read without admin rights', async () => {
    const reading = await read({
      [version(PLIST.sequoia)]: NOT_THERE(PLIST.sequoia),
      [version(PLIST.sonoma)]: { code: 0, stdout: '5287\n' },
      [modified(PLIST.sonoma)]: { code: 0, stdout: `${THREE_DAYS_AGO}\n` },
      [SOCKETFILTERFW]: { code: 0, stdout: recorded('macos-unknown-version/socketfilterfw.set-on.en.txt') },
      [FDESETUP]: { code: 0, stdout: recorded('macos-10.15.6/fdesetup.on-institutional-key.en.txt') },
    });
    expect(reading.findings).toEqual({
      antivirus: { value: { expected: true, products: [{ name: 'XProtect', state: 'on', signaturesUpToDate: null, signatureAgeDays: 3, lastScan: null, source: 'xprotect' }] } },
      firewall: { value: { tool: 'socketfilterfw', profiles: [], enabled: true } },
      encryption: { value: { volume: '/', state: 'on', percent: null, method: 'filevault' } },
      time: { unknown: 'unsupported', detail: 'macOS tells whether the clock is synchronised only to admins' },
    });
    expect(reading.probes.map((run) => [run.probe, run.read])).toEqual([
      ['xprotect', true],
      ['socketfilterfw', true],
      ['fdesetup', true],
    ]);
    expect(reading.probes[0]!.raw).toContain(`${PLIST.sonoma}: 5287`);
  });

  it('block-all firewall and a missing date: still on, the age unknown', async () => {
    const reading = await read({
      [version(PLIST.sequoia)]: { code: 0, stdout: '5287\n' },
      [modified(PLIST.sequoia)]: { code: 1, stderr: 'stat: cannot stat' },
      [SOCKETFILTERFW]: { code: 0, stdout: recorded('macos-15/socketfilterfw.block-all.en.txt') },
    }, new Set(['antivirus', 'firewall']));
    expect(reading.findings.antivirus).toEqual({ value: { expected: true, products: [expect.objectContaining({ name: 'XProtect', state: 'on', signatureAgeDays: null })] } });
    expect(reading.findings.firewall).toEqual({ value: { tool: 'socketfilterfw', profiles: [], enabled: true } });
    expect(reading.ran).not.toContain(FDESETUP);
  });

  it('fdesetup missing, socketfilterfw hanging, XProtect nowhere: blocked, timeout, blocked; nothing thrown', async () => {
    const reading = await read({
      [version(PLIST.sequoia)]: NOT_THERE(PLIST.sequoia),
      [version(PLIST.sonoma)]: NOT_THERE(PLIST.sonoma),
      [version(PLIST.mojave)]: NOT_THERE(PLIST.mojave),
      [SOCKETFILTERFW]: 'hang',
    });
    expect(reading.findings).toMatchObject({
      antivirus: { unknown: 'blocked', detail: 'XProtect was not found' },
      firewall: { unknown: 'timeout', detail: 'no answer within 10 s' },
      encryption: { unknown: 'blocked', detail: 'fdesetup is not installed' },
    });
    expect(reading.probes.map((run) => [run.probe, run.reason])).toEqual([
      ['xprotect', 'blocked'],
      ['socketfilterfw', 'timeout'],
      ['fdesetup', 'blocked'],
    ]);
  });

  it('garbage from each tool is unreadable, with the tool\'s first words for admins', async () => {
    const reading = await read({
      [version(PLIST.sequoia)]: { code: 0, stdout: 'Segmentation fault (core dumped)\n' },
      [SOCKETFILTERFW]: { code: 0, stdout: '<html><body>502 Bad Gateway</body></html>' },
      [FDESETUP]: { code: 1, stderr: 'Error: Unable to get status.' },
    }, new Set(['antivirus', 'firewall', 'encryption']));
    expect(reading.findings).toEqual({
      antivirus: { unknown: 'unreadable', detail: '“Segmentation fault (core dumped)”' },
      firewall: { unknown: 'unreadable', detail: '“<html><body>502 Bad Gateway</body></html>”' },
      encryption: { unknown: 'error', detail: 'exit 1: Error: Unable to get status.' },
    });
  });

  it('only the checks asked for run', async () => {
    const reading = await read({ [FDESETUP]: { code: 0, stdout: recorded('macos-unknown-version/fdesetup.on-institutional-key.en.txt') } }, new Set(['encryption']));
    expect(reading.findings).toEqual({ encryption: { value: { volume: '/', state: 'on', percent: null, method: 'filevault' } } });
    expect(reading.ran).toEqual([FDESETUP]);
  });
});
