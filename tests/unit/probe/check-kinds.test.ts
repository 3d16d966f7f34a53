import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isStatusCode } from '../../../electron/contract/status-codes';
import { CHECK_PARSE_KINDS, parseCheckRecorded } from '../../../electron/probe/check-kinds';
import { GARBAGE, NOW, recorded } from '../checks/fixtures';

// `npm run probe -- parse <kind> <file>` for the protection checks, on every recorded output of
// tests/fixtures/checks/ whose name starts with a kind (c2r-config has none yet: see its README).

const FIXTURES = new URL('../../fixtures/checks/', import.meta.url);
const files = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.txt'))
  .flatMap((path) => {
    const kind = CHECK_PARSE_KINDS.find((k) => path.split('/').at(-1)!.startsWith(`${k}.`));
    return kind ? [[kind, path] as const] : [];
  });

describe('probe parse: the protection checks', () => {
  it('has recorded outputs for every kind but c2r-config', () => {
    expect(new Set(files.map(([kind]) => kind))).toEqual(new Set(CHECK_PARSE_KINDS.filter((k) => k !== 'c2r-config')));
  });

  it.each(files)('%s %s: status items of the table with a severity, and what was found', (kind, path) => {
    const report = parseCheckRecorded(kind, recorded(path), NOW);
    expect(report.kind).toBe(kind);
    for (const item of report.items) {
      expect(isStatusCode(item.code)).toBe(true);
      expect(['ok', 'attention', 'problem', 'unknown']).toContain(item.severity);
    }
    if (report.readable) expect(report.items.every((i) => i.code !== 'health.unknown')).toBe(true);
    else expect(report.found).toMatchObject({ unknown: expect.any(String), detail: expect.any(String) });
  });

  it.each([
    ['w32tm-status', 'windows-11/w32tm-status.local-cmos.en.txt', [['time', 'attention', 'health.time.not-synced']]],
    ['w32tm-status', 'windows-11/w32tm-status.access-denied.de.txt', [['time', 'unknown', 'health.unknown']]],
    ['securitycenter-av', 'windows-10-22h2/securitycenter-av.defender-on.en.txt', [['antivirus:Windows Defender', 'ok', 'health.antivirus.ok']]],
    // An empty Security Center: unknown, because it did not answer (a workstation always lists Defender).
    ['securitycenter-av', '(empty output)', [['antivirus', 'unknown', 'health.unknown']]],
    ['firewall-profile', 'windows-unknown-version/firewall-profile.list-all-off.en.txt', [['firewall', 'problem', 'health.firewall.off']]],
    ['socketfilterfw', 'macos-15/socketfilterfw.block-all.en.txt', [['firewall', 'ok', 'health.firewall.ok']]],
    ['ufw-status', 'debian-12/ufw-status.inactive.en.txt', [['firewall', 'problem', 'health.firewall.off']]],
    ['fdesetup', 'macos-10.15.6/fdesetup.on-institutional-key.en.txt', [['encryption', 'ok', 'health.encryption.on']]],
    ['timedatectl', 'balenaos-2.47.1/timedatectl.not-synced-ntp-na.en.txt', [['time', 'attention', 'health.time.not-synced']]],
  ] as const)('%s %s: what the popup would list', (kind, path, lines) => {
    const text = path === '(empty output)' ? '' : recorded(path);
    expect(parseCheckRecorded(kind, text, NOW).items.map((i) => [i.id, i.severity, i.code])).toEqual(lines);
  });

  it.each(CHECK_PARSE_KINDS)('%s: garbage is unknown, not a guess', (kind) => {
    for (const text of GARBAGE) {
      const report = parseCheckRecorded(kind, text, NOW);
      expect(report.readable).toBe(false);
      expect(report.items.map((i) => i.severity)).toEqual(['unknown']);
    }
  });
});
