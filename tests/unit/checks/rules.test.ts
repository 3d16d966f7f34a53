import { describe, expect, it } from 'vitest';
import { isStatusCode } from '../../../electron/contract/status-codes';
import { checksItems, compareVersions, resolveChecksPolicy, type ChecksEnv } from '../../../electron/agent/checks/rules';
import type { AntivirusProduct, Findings } from '../../../electron/agent/checks/types';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW - days * 86_400_000).toISOString();
const win: ChecksEnv = { platform: 'win32', sizeUnits: 'binary', now: NOW };
const mac: ChecksEnv = { platform: 'darwin', sizeUnits: 'decimal', now: NOW };
const linux: ChecksEnv = { platform: 'linux', sizeUnits: 'decimal', now: NOW };
const defaults = resolveChecksPolicy(undefined);

const product = (over: Partial<AntivirusProduct> = {}): AntivirusProduct => ({
  name: 'Microsoft Defender Antivirus',
  state: 'on',
  signaturesUpToDate: true,
  signatureAgeDays: 0,
  lastScan: { at: daysAgo(1), kind: 'quick' },
  source: 'defender',
  ...over,
});
const av = (...products: AntivirusProduct[]): Findings => ({ antivirus: { value: { expected: true, products } } });
/** What the checklist shows for each line: its id, severity, code and params. */
const lines = (findings: Findings, policy = defaults, env = win) => checksItems(findings, policy, env).map(({ id, severity, code, params }) => ({ id, severity, code, params }));

describe('resolveChecksPolicy', () => {
  it('fills every field with the OpenAPI defaults', () => {
    expect(resolveChecksPolicy({})).toEqual({
      intervalMinutes: 15,
      enabled: { antivirus: true, firewall: true, encryption: true, time: true, office: true, tempFiles: true },
      signatureMaxAgeDays: 3,
      scanMaxAgeDays: 14,
      timeMaxOffsetMinutes: 5,
      timeMaxSyncAgeDays: 8,
      tempFilesGb: 2,
      officeMinimumBuilds: {},
    });
  });

  it('takes what the policy names and keeps the rest', () => {
    const policy = resolveChecksPolicy({ intervalMinutes: 60, enabled: { office: false }, tempFilesGb: 0.5, officeMinimumBuilds: { current: '16.0.17531.20140', beta: 'soon' } });
    expect(policy).toMatchObject({ intervalMinutes: 60, tempFilesGb: 0.5, signatureMaxAgeDays: 3, officeMinimumBuilds: { current: '16.0.17531.20140' } });
    expect(policy.enabled).toEqual({ antivirus: true, firewall: true, encryption: true, time: true, office: false, tempFiles: true });
  });
});

describe('compareVersions', () => {
  it.each([
    ['16.0.17531.20140', '16.0.9126.2259', 1],
    ['16.0.9126.2259', '16.0.17531.20140', -1],
    ['16.0.17531.20140', '16.0.17531.20140', 0],
    ['16.0', '16.0.0.0', 0],
  ])('%s against %s: %d', (a, b, sign) => expect(compareVersions(a, b)).toBe(sign));
});

describe('antivirus', () => {
  it.each([
    ['on, fresh', [product()], 'ok', 'health.antivirus.ok', {}],
    ['off', [product({ state: 'off' })], 'problem', 'health.antivirus.off', {}],
    ['expired', [product({ state: 'expired' })], 'problem', 'health.antivirus.expired', {}],
    ['snoozed', [product({ state: 'snoozed' })], 'attention', 'health.antivirus.snoozed', {}],
    ['signatures 4 days old (policy 3)', [product({ signatureAgeDays: 4 })], 'attention', 'health.antivirus.outdated', { days: 4 }],
    ['signatures 3 days old', [product({ signatureAgeDays: 3 })], 'ok', 'health.antivirus.ok', {}],
    ['Security Center: not up to date, no age', [product({ signatureAgeDays: null, signaturesUpToDate: false, source: 'securitycenter' })], 'attention', 'health.antivirus.outdated', {}],
    ['last scan 15 days ago (policy 14)', [product({ lastScan: { at: daysAgo(15), kind: 'full' } })], 'attention', 'health.antivirus.scan-old', { days: 15 }],
    ['last scan 14 days ago', [product({ lastScan: { at: daysAgo(14), kind: 'full' } })], 'ok', 'health.antivirus.ok', {}],
  ] as const)('%s: %s', (_, products, severity, code, extra) => {
    expect(lines(av(...products))).toEqual([{ id: 'antivirus:Microsoft Defender Antivirus', severity, code, params: { product: 'Microsoft Defender Antivirus', ...extra } }]);
  });

  it('takes the thresholds from the policy', () => {
    const policy = resolveChecksPolicy({ signatureMaxAgeDays: 7, scanMaxAgeDays: 30 });
    expect(lines(av(product({ signatureAgeDays: 5, lastScan: { at: daysAgo(20), kind: 'quick' } })), policy)[0]).toMatchObject({ severity: 'ok' });
    expect(lines(av(product({ signatureAgeDays: 8 })), policy)[0]).toMatchObject({ severity: 'attention', code: 'health.antivirus.outdated' });
  });

  it('counts only the active product: Defender passive beside another scanner is not a problem', () => {
    const other = product({ name: 'Sophos Anti-Virus', source: 'securitycenter', signatureAgeDays: null, lastScan: null });
    expect(lines(av(product({ state: 'off' }), other))).toEqual([{ id: 'antivirus:Sophos Anti-Virus', severity: 'ok', code: 'health.antivirus.ok', params: { product: 'Sophos Anti-Virus' } }]);
  });

  it('lists a product once when Security Center and Defender both name it', () => {
    expect(lines(av(product({ source: 'securitycenter' }), product()))).toHaveLength(1);
  });

  it('nothing on a Windows workstation is a problem; nothing expected elsewhere is not applicable', () => {
    expect(lines(av())).toEqual([{ id: 'antivirus', severity: 'problem', code: 'health.antivirus.none', params: {} }]);
    const linuxNone: Findings = { antivirus: { value: { expected: false, products: [] } } };
    expect(lines(linuxNone, defaults, linux)).toEqual([{ id: 'antivirus', severity: 'ok', code: 'health.antivirus.not-applicable', params: {} }]);
  });

  it('macOS: XProtect is ok with its name', () => {
    const xprotect: Findings = { antivirus: { value: { expected: false, products: [product({ name: 'XProtect', source: 'xprotect', signaturesUpToDate: null, signatureAgeDays: null, lastScan: null })] } } };
    expect(lines(xprotect, defaults, mac)).toEqual([{ id: 'antivirus:XProtect', severity: 'ok', code: 'health.antivirus.ok', params: { product: 'XProtect' } }]);
  });
});

describe('firewall', () => {
  const profiles = (domain: boolean, priv: boolean, pub: boolean): Findings => ({
    firewall: { value: { tool: 'windows', enabled: domain && priv && pub, profiles: [{ name: 'domain', enabled: domain }, { name: 'private', enabled: priv }, { name: 'public', enabled: pub }] } },
  });
  it.each([
    ['every profile on', profiles(true, true, true), [['firewall', 'ok', 'health.firewall.ok']]],
    ['public off', profiles(true, true, false), [['firewall:public', 'problem', 'health.firewall.off-public']]],
    ['domain and private off', profiles(false, false, true), [['firewall:domain', 'problem', 'health.firewall.off-domain'], ['firewall:private', 'problem', 'health.firewall.off-private']]],
    ['every profile off', profiles(false, false, false), [['firewall', 'problem', 'health.firewall.off']]],
    ['macOS on', { firewall: { value: { tool: 'socketfilterfw', profiles: [], enabled: true } } }, [['firewall', 'ok', 'health.firewall.ok']]],
    ['ufw inactive', { firewall: { value: { tool: 'ufw', profiles: [], enabled: false } } }, [['firewall', 'problem', 'health.firewall.off']]],
    ['Linux without a firewall', { firewall: { value: { tool: null, profiles: [], enabled: false } } }, [['firewall', 'attention', 'health.firewall.none']]],
  ] as [string, Findings, [string, string, string][]][])('%s', (_, findings, expected) => {
    expect(lines(findings).map((l) => [l.id, l.severity, l.code])).toEqual(expected);
  });
});

describe('encryption', () => {
  it.each([
    ['on', null, 'ok', {}],
    ['off', null, 'attention', {}],
    ['suspended', null, 'attention', {}],
    ['encrypting', 42.4, 'ok', { percent: 42 }],
    ['decrypting', 10, 'attention', { percent: 10 }],
    ['encrypting', null, 'ok', {}],
  ] as const)('%s (%s %%): %s', (state, percent, severity, extra) => {
    expect(lines({ encryption: { value: { volume: 'C:', state, percent, method: 'bitlocker' } } })).toEqual([{ id: 'encryption', severity, code: `health.encryption.${state}`, params: { volume: 'C:', ...extra } }]);
  });
});

describe('time', () => {
  const time = (over: Partial<{ synchronised: boolean; source: string | null; lastSyncAt: string | null; offsetSeconds: number | null }>): Findings => ({
    time: { value: { synchronised: true, source: 'time.windows.com,0x9', lastSyncAt: daysAgo(1), offsetSeconds: 0.01, ...over } },
  });
  it.each([
    ['synchronised', time({}), 'ok', 'health.time.ok', { source: 'time.windows.com,0x9' }],
    ['no source named', time({ source: null }), 'ok', 'health.time.ok', {}],
    ['6 minutes behind', time({ offsetSeconds: -360 }), 'problem', 'health.time.off', { minutes: 6 }],
    ['5 minutes ahead (not more than the policy)', time({ offsetSeconds: 300 }), 'ok', 'health.time.ok', { source: 'time.windows.com,0x9' }],
    ['off and not synchronised: off first', time({ synchronised: false, offsetSeconds: 400 }), 'problem', 'health.time.off', { minutes: 6.7 }],
    ['never synchronised (Local CMOS Clock)', time({ synchronised: false, source: 'Local CMOS Clock', lastSyncAt: null }), 'attention', 'health.time.not-synced', {}],
    ['last sync 9 days ago (policy 8)', time({ lastSyncAt: daysAgo(9) }), 'attention', 'health.time.stale', { days: 9 }],
    ['last sync 8 days ago', time({ lastSyncAt: daysAgo(8), source: null }), 'ok', 'health.time.ok', {}],
  ] as const)('%s: %s', (_, findings, severity, code, params) => {
    expect(lines(findings)).toEqual([{ id: 'time', severity, code, params }]);
  });

  it('takes the limits from the policy', () => {
    const policy = resolveChecksPolicy({ timeMaxOffsetMinutes: 1, timeMaxSyncAgeDays: 2 });
    expect(lines(time({ offsetSeconds: 90 }), policy)[0]).toMatchObject({ code: 'health.time.off', params: { minutes: 1.5 } });
    expect(lines(time({ lastSyncAt: daysAgo(3) }), policy)[0]).toMatchObject({ code: 'health.time.stale', params: { days: 3 } });
  });
});

describe('Microsoft 365', () => {
  const office = (version: string, channel: 'current' | 'semi-annual' | 'unknown'): Findings => ({ office: { value: { version, channel } } });
  const policy = resolveChecksPolicy({ officeMinimumBuilds: { current: '16.0.17531.20140' } });
  it.each([
    ['older than the channel minimum (numerically)', office('16.0.9126.2259', 'current'), 'attention', 'health.office.old', { version: '16.0.9126.2259', channel: 'Current Channel', minimum: '16.0.17531.20140' }],
    ['at the minimum', office('16.0.17531.20140', 'current'), 'ok', 'health.office.ok', { version: '16.0.17531.20140', channel: 'Current Channel' }],
    ['a channel without a minimum', office('16.0.1.1', 'semi-annual'), 'ok', 'health.office.ok', { version: '16.0.1.1', channel: 'Semi-Annual Enterprise Channel' }],
  ] as const)('%s: %s', (_, findings, severity, code, params) => {
    expect(lines(findings, policy)).toEqual([{ id: 'office', severity, code, params }]);
  });

  it('not installed: no line', () => {
    expect(lines({ office: { value: null } })).toEqual([]);
  });
});

describe('temporary files', () => {
  const GiB = 1024 ** 3;
  it.each([
    ['1.5 GB', { userBytes: 1 * GiB, systemBytes: 0.5 * GiB }, 2, 'ok', 1.5],
    ['2.5 GB: user and system together', { userBytes: 2 * GiB, systemBytes: 0.5 * GiB }, 2, 'attention', 2.5],
    ['system not readable', { userBytes: 2.2 * GiB, systemBytes: null }, 2, 'attention', 2.2],
    ['policy 5 GB', { userBytes: 3 * GiB, systemBytes: null }, 5, 'ok', 3],
  ] as const)('%s (policy %d GB): %s', (_, value, tempFilesGb, severity, sizeGb) => {
    expect(lines({ tempFiles: { value } }, resolveChecksPolicy({ tempFilesGb }))).toEqual([
      { id: 'temp-files', severity, code: severity === 'ok' ? 'health.temp-files.ok' : 'health.temp-files.large', params: { sizeGb } },
    ]);
  });

  it("counts in the PC's own GB (decimal on macOS and Linux)", () => {
    expect(lines({ tempFiles: { value: { userBytes: 2.1e9, systemBytes: null } } }, defaults, linux)[0]).toMatchObject({ severity: 'attention', params: { sizeGb: 2.1 } });
    expect(lines({ tempFiles: { value: { userBytes: 2.1e9, systemBytes: null } } }, defaults, win)[0]).toMatchObject({ severity: 'ok', params: { sizeGb: 2 } });
  });
});

describe('the whole round', () => {
  const all: Findings = {
    antivirus: { unknown: 'blocked', detail: 'powershell.exe: execution of scripts is disabled' },
    firewall: { unknown: 'timeout', detail: 'Get-NetFirewallProfile ran past 20 s' },
    encryption: { unknown: 'denied', detail: 'manage-bde: access denied' },
    time: { unknown: 'unreadable', detail: 'no line of the shape expected' },
    office: { value: null },
    tempFiles: { value: { userBytes: 0, systemBytes: 0 } },
  };

  it('an unknown finding is "unknown, because …" with its check and reason; the others still shown', () => {
    expect(checksItems(all, defaults, win)).toEqual([
      { id: 'antivirus', check: 'antivirus', severity: 'unknown', code: 'health.unknown', params: { reason: 'blocked' } },
      { id: 'firewall', check: 'firewall', severity: 'unknown', code: 'health.unknown', params: { reason: 'timeout' } },
      { id: 'encryption', check: 'encryption', severity: 'unknown', code: 'health.unknown', params: { reason: 'denied' } },
      { id: 'time', check: 'time', severity: 'unknown', code: 'health.unknown', params: { reason: 'unreadable' } },
      { id: 'temp-files', check: 'temp-files', severity: 'ok', code: 'health.temp-files.ok', params: { sizeGb: 0 } },
    ]);
  });

  it('a check the policy turns off gives no line, even when a finding is there', () => {
    const policy = resolveChecksPolicy({ enabled: { antivirus: false, tempFiles: false } });
    expect(checksItems(all, policy, win).map((i) => i.id)).toEqual(['firewall', 'encryption', 'time']);
  });

  it('uses only codes of the table', () => {
    for (const item of checksItems(all, defaults, win)) expect(isStatusCode(item.code)).toBe(true);
  });
});
