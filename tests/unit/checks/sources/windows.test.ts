import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createWindowsChecksSource, hostFailureReason, windowsChecksFromDocument } from '../../../../electron/agent/checks/sources/windows';
import type { CheckName } from '../../../../electron/agent/checks/types';
import { PART_DEADLINE_MS, SCRIPT_OVERHEAD_MS, WINDOWS_PARTS, type WindowsPart } from '../../../../electron/agent/checks/windows-script';
import { USER_MARK } from '../../../../electron/agent/platform/mask';
import { createPowerShellHost, type PowerShellHost, type PowerShellResult } from '../../../../electron/agent/platform/powershell-host';
import { createFakeClock } from '../../../doubles/fake-clock';
import { until } from '../../../integration/fixtures/until';
import { recorded } from '../fixtures';

const NOW = Date.parse('2026-12-07T09:00:00Z');
const RAN_AT = '2026-12-07T09:00:00.000Z';
const STAND_IN = fileURLToPath(new URL('../../../doubles/powershell-stand-in.mjs', import.meta.url));
const ALL: ReadonlySet<CheckName> = new Set(['antivirus', 'firewall', 'encryption', 'time', 'office', 'tempFiles']);

// The script's document is COMPOSED here (no PowerShell ran it; its shape is windows-script.ts's):
// its parts carry recorded values where one exists: Security Center's Defender entry and
// w32tm's text from tests/fixtures/checks (windows-10-22h2, windows-unknown-version).
const PARTS: Record<WindowsPart, unknown> = {
  'securitycenter-av': {
    value: [{ displayName: 'Windows Defender', productState: 397568, pathToSignedProductExe: 'windowsdefender://', timestamp: 'Mon, 04 Mar 2024 18:28:49 GMT' }],
    ms: 210,
  },
  'mp-computer-status': {
    value: { AMRunningMode: 'Normal', AntivirusEnabled: true, RealTimeProtectionEnabled: true, AntivirusSignatureAge: 0, QuickScanAge: 1, QuickScanEndTime: '2026-12-06T19:06:42.0000000Z', FullScanEndTime: null },
    ms: 1800,
  },
  'firewall-profile': {
    value: [
      { Name: 'Domain', Enabled: 'True' },
      { Name: 'Private', Enabled: 'True' },
      { Name: 'Public', Enabled: 'False' },
    ],
    ms: 95,
  },
  bitlocker: { value: { systemDrive: 'C:', shellProtection: 1, volumes: null, volumesError: 'not elevated: Win32_EncryptableVolume needs admin rights' }, ms: 60 },
  'w32tm-status': { value: recorded('windows-unknown-version/w32tm-status.verbose-synced.en.txt'), ms: 40 },
  'c2r-config': {
    value: { VersionToReport: '16.0.17928.20114', UpdateChannel: null, CDNBaseUrl: 'http://officecdn.microsoft.com/pr/55336b82-a18d-4dd6-b5f6-9e5095c314a6', Platform: 'x64' },
    ms: 3,
  },
  'temp-size': {
    value: {
      user: { path: 'C:\\Users\\jan\\AppData\\Local\\Temp\\', bytes: 1_288_490_188, files: 5120, denied: 0, truncated: false, readable: true, link: false },
      system: { path: 'C:\\Windows\\Temp', bytes: 0, files: 0, denied: 1, truncated: false, readable: false, link: false },
    },
    ms: 700,
  },
};
const doc = (parts: Partial<Record<WindowsPart, unknown>> = PARTS) => ({ schema: 1, parts });

describe('windowsChecksFromDocument', () => {
  it('reads every part of the document into the six findings, and one run per part for admins', () => {
    const { findings, probes } = windowsChecksFromDocument(doc(), NOW, RAN_AT, 2000);
    expect(findings.antivirus).toMatchObject({ value: { expected: true, products: [{ name: 'Windows Defender', state: 'on', source: 'securitycenter', signatureAgeDays: 0 }] } });
    expect(findings.firewall).toEqual({
      value: {
        tool: 'windows',
        profiles: [
          { name: 'domain', enabled: true },
          { name: 'private', enabled: true },
          { name: 'public', enabled: false },
        ],
        enabled: false,
      },
    });
    expect(findings.encryption).toEqual({ value: { volume: 'C:', state: 'on', percent: null, method: 'bitlocker' } });
    expect(findings.time).toMatchObject({ value: { synchronised: true } });
    expect(findings.office).toEqual({ value: { version: '16.0.17928.20114', channel: 'monthly-enterprise' } });
    expect(findings.tempFiles).toEqual({ value: { userBytes: 1_288_490_188, systemBytes: null } });
    expect(probes.map((p) => [p.probe, p.read, p.durationMs])).toEqual([
      ['securitycenter-av', true, 210],
      ['mp-computer-status', true, 1800],
      ['firewall-profile', true, 95],
      ['bitlocker', true, 60],
      ['w32tm-status', true, 40],
      ['c2r-config', true, 3],
      ['temp-size', true, 700],
    ]);
    expect(probes.find((p) => p.probe === 'w32tm-status')?.raw).toBe(recorded('windows-unknown-version/w32tm-status.verbose-synced.en.txt'));
    expect(JSON.parse(probes.find((p) => p.probe === 'firewall-profile')!.raw)).toEqual((PARTS['firewall-profile'] as { value: unknown }).value);
  });

  it('a part that hung in its runspace is unknown because of the timeout; the others are still read', () => {
    const { findings, probes } = windowsChecksFromDocument(
      doc({ ...PARTS, 'w32tm-status': { error: 'timeout', detail: 'no answer within 15000 ms', ms: 15003 } }),
      NOW,
      RAN_AT,
      15500,
    );
    expect(findings.time).toEqual({ unknown: 'timeout', detail: 'no answer within 15000 ms' });
    expect(findings.firewall).toHaveProperty('value');
    expect(findings.encryption).toHaveProperty('value');
    expect(probes.find((p) => p.probe === 'w32tm-status')).toEqual({
      probe: 'w32tm-status',
      ranAt: RAN_AT,
      durationMs: 15003,
      read: false,
      reason: 'timeout',
      detail: 'no answer within 15000 ms',
      raw: '',
    });
  });

  // The failures' details as the script writes them (FullyQualifiedErrorId, NativeErrorCode, HRESULT, message): composed.
  const NO_SECURITY_CENTER = { error: 'failed', detail: 'HRESULT 0x8004100e,Microsoft.Management.Infrastructure.CimCmdlets.GetCimInstanceCommand InvalidNamespace 0x80131500: Ungültiger Namespace', ms: 30 };
  const DEFENDER_NOT_RUNNING = { error: 'failed', detail: 'HRESULT 0x800106ba,Get-MpComputerStatus Failed 0x80131500: A general error occurred that is not covered by a more specific error code.', ms: 40 };

  it('Windows Server (no Security Center): antivirus from Defender alone', () => {
    const { findings, probes } = windowsChecksFromDocument(doc({ ...PARTS, 'securitycenter-av': NO_SECURITY_CENTER }), NOW, RAN_AT, 2000);
    expect(findings.antivirus).toMatchObject({ value: { expected: true, products: [{ source: 'defender', state: 'on' }] } });
    expect(probes.find((p) => p.probe === 'securitycenter-av')).toMatchObject({ read: false, reason: 'unsupported' });
  });

  it('Windows Server whose Defender service does not run: Defender off, not unknown', () => {
    const { findings } = windowsChecksFromDocument(doc({ 'securitycenter-av': NO_SECURITY_CENTER, 'mp-computer-status': DEFENDER_NOT_RUNNING }), NOW, RAN_AT, 100);
    expect(findings.antivirus).toMatchObject({ value: { products: [{ source: 'defender', state: 'off' }] } });
  });

  it('a failure no parser knows is the part’s error, with its detail for admins', () => {
    const { findings } = windowsChecksFromDocument(doc({ 'securitycenter-av': { error: 'failed', detail: 'Failed 0x80131500: Schwerwiegender Fehler', ms: 9 } }), NOW, RAN_AT, 100);
    expect(findings.antivirus).toEqual({ unknown: 'error', detail: expect.stringContaining('Schwerwiegender Fehler') });
  });

  it('access denied is denied, and an empty Security Center is unknown unless Defender answered', () => {
    const { findings } = windowsChecksFromDocument(
      doc({ 'securitycenter-av': { value: [], ms: 20 }, 'mp-computer-status': PARTS['mp-computer-status'], 'firewall-profile': { error: 'denied', detail: 'AccessDenied Zugriff verweigert', ms: 5 } }),
      NOW,
      RAN_AT,
      100,
    );
    expect(findings.firewall).toEqual({ unknown: 'denied', detail: 'AccessDenied Zugriff verweigert' });
    // Defender's own part answered: its product stands in for the empty list.
    expect(findings.antivirus).toMatchObject({ value: { products: [{ source: 'defender' }] } });
    const alone = windowsChecksFromDocument(doc({ 'securitycenter-av': { value: [], ms: 20 } }), NOW, RAN_AT, 100);
    expect(alone.findings.antivirus).toEqual({ unknown: 'error', detail: expect.stringContaining('lists no antivirus product') });
  });

  it('reads BitLocker’s WMI volumes when the user is elevated, and picks the system drive', () => {
    const volumes = [
      { DriveLetter: 'D:', ProtectionStatus: 0, ConversionStatus: 0, EncryptionPercentage: 0 },
      { DriveLetter: 'C:', ProtectionStatus: 0, ConversionStatus: 2, EncryptionPercentage: 37 },
    ];
    const { findings } = windowsChecksFromDocument(doc({ bitlocker: { value: { systemDrive: 'C:', shellProtection: 3, volumes, volumesError: null } } }), NOW, RAN_AT, 100);
    expect(findings).toEqual({ encryption: { value: { volume: 'C:', state: 'encrypting', percent: 37, method: 'bitlocker' } } });
  });

  it('a user temp folder that is a link is not sized (unknown), and Windows’ own Temp that cannot be listed is null, not zero', () => {
    const size = { path: 'x', bytes: 0, files: 0, denied: 0, truncated: false };
    const linked = { user: { ...size, readable: true, link: true }, system: { ...size, readable: true, link: false } };
    expect(windowsChecksFromDocument(doc({ 'temp-size': { value: linked } }), NOW, RAN_AT, 100).findings.tempFiles).toMatchObject({ unknown: 'unsupported' });
    expect(windowsChecksFromDocument(doc(), NOW, RAN_AT, 100).findings.tempFiles).toEqual({ value: { userBytes: 1_288_490_188, systemBytes: null } });
  });

  it('Microsoft 365 not installed is a null value, not unknown', () => {
    expect(windowsChecksFromDocument(doc({ 'c2r-config': { value: null, ms: 2 } }), NOW, RAN_AT, 100).findings).toEqual({ office: { value: null } });
  });

  it('cuts what a probe printed to 4000 characters', () => {
    const { probes } = windowsChecksFromDocument(doc({ 'w32tm-status': { value: 'x'.repeat(10_000), ms: 1 } }), NOW, RAN_AT, 100);
    expect(probes[0]!.raw).toHaveLength(4000);
  });

  it.each([null, 'garbage', { schema: 2, parts: {} }, { schema: 1, parts: { 'firewall-profile': { ms: 3 } } }, { schema: 1, parts: { 'firewall-profile': { error: 'exploded' } } }])(
    'a document that is not the script’s (%j): every check unknown, unreadable, never a throw',
    (bad) => {
      const { findings, probes } = windowsChecksFromDocument(bad, NOW, RAN_AT, 100);
      expect(Object.keys(findings).sort()).toEqual(['antivirus', 'encryption', 'firewall', 'office', 'tempFiles', 'time']);
      for (const finding of Object.values(findings)) expect(finding).toMatchObject({ unknown: 'unreadable' });
      expect(probes).toHaveLength(7);
    },
  );
});

describe('hostFailureReason', () => {
  it.each([
    [{ error: 'timeout', detail: 'no answer within 35000 ms' }, 'timeout'],
    [{ error: 'died', detail: 'spawn C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe UNKNOWN' }, 'blocked'],
    [{ error: 'died', detail: 'spawn /nowhere/powershell.exe ENOENT' }, 'blocked'],
    [{ error: 'died', detail: 'could not start powershell.exe' }, 'blocked'],
    [{ error: 'died', detail: 'exited (3)' }, 'error'],
    [{ error: 'script-error', detail: 'Cannot invoke method. Method invocation is supported only on core types in this language mode.' }, 'blocked'],
    [{ error: 'script-error', detail: 'This script contains malicious content and has been blocked by your antivirus software.' }, 'blocked'],
    [{ error: 'script-error', detail: 'Exception calling "Open"' }, 'error'],
    [{ error: 'garbage', detail: 'not JSON: WARNING' }, 'unreadable'],
    [{ error: 'too-large', detail: 'more than 4194304 bytes' }, 'unreadable'],
    [{ error: 'stopped', detail: 'the host was stopped' }, 'error'],
  ] as const)('%j is %s', (failure, reason) => {
    expect(hostFailureReason({ ok: false, ...failure })).toBe(reason);
  });
});

describe('the Windows checks source', () => {
  let host: PowerShellHost | null = null;
  let folder: string | null = null;
  afterEach(() => {
    host?.stop();
    host = null;
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = null;
  });

  /** A host running the stand-in that answers the checks script from `parts`; `calls()` lists the parts of each call. */
  function standIn(parts: unknown, file = process.execPath) {
    folder = mkdtempSync(join(tmpdir(), 'hallo-checks-'));
    const log = join(folder, 'calls.log');
    writeFileSync(log, '');
    const clock = createFakeClock({ start: NOW });
    host = createPowerShellHost({ clock, file, args: [STAND_IN], env: { ...process.env, HALLO_STAND_IN_CHECKS: JSON.stringify(parts), HALLO_STAND_IN_LOG: log } });
    const calls = () => readFileSync(log, 'utf8').split('\n').filter(Boolean);
    return { clock, host, calls, source: createWindowsChecksSource(host, () => clock.now()) };
  }

  it('runs only the parts of the checks asked for, in one call', async () => {
    const { source, calls } = standIn(PARTS);
    const reading = await source.read(new Set(['firewall', 'office']));
    expect(calls()).toEqual(['firewall-profile,c2r-config']);
    expect(Object.keys(reading.findings)).toEqual(['firewall', 'office']);
    expect(reading.probes.map((p) => p.probe)).toEqual(['firewall-profile', 'c2r-config']);
  });

  it('asks nothing when no check is asked for', async () => {
    const { source, calls } = standIn(PARTS);
    expect(await source.read(new Set())).toEqual({ findings: {}, probes: [] });
    expect(calls()).toEqual([]);
  });

  it('one part that hangs the whole call: asked again part by part, the others still answer and the hung one is unknown (timeout)', async () => {
    const { source, calls, clock } = standIn({ ...PARTS, 'temp-size': 'hang' });
    const reading = source.read(ALL);
    await until('the whole call was asked', () => calls().length === 1);
    await clock.advance(PART_DEADLINE_MS['temp-size'] + SCRIPT_OVERHEAD_MS);
    await until('the hung part was asked alone', () => calls().length === 8);
    await clock.advance(PART_DEADLINE_MS['temp-size'] + SCRIPT_OVERHEAD_MS);
    const { findings, probes } = await reading;
    expect(calls()).toEqual([WINDOWS_PARTS.join(','), ...WINDOWS_PARTS]); // all at once, then each alone
    expect(findings.tempFiles).toMatchObject({ unknown: 'timeout' });
    for (const check of ['antivirus', 'firewall', 'encryption', 'time', 'office'] as const) expect(findings[check], check).toHaveProperty('value');
    expect(probes.filter((p) => !p.read).map((p) => p.probe)).toEqual(['temp-size']);
  });

  it('PowerShell in Constrained Language Mode (blocked by policy): every check asked is unknown because it is blocked', async () => {
    const { source } = standIn('language-mode');
    const { findings, probes } = await source.read(new Set(['firewall', 'time']));
    expect(findings).toEqual({
      firewall: { unknown: 'blocked', detail: expect.stringContaining('language mode') },
      time: { unknown: 'blocked', detail: expect.stringContaining('language mode') },
    });
    expect(probes.map((p) => [p.probe, p.reason])).toEqual([
      ['firewall-profile', 'blocked'],
      ['w32tm-status', 'blocked'],
    ]);
  });

  it('PowerShell missing: blocked, and no throw', async () => {
    const { source } = standIn(PARTS, join(tmpdir(), 'no-such-folder', 'powershell.exe'));
    const { findings } = await source.read(new Set(['encryption']));
    expect(findings).toEqual({ encryption: { unknown: 'blocked', detail: expect.stringContaining('ENOENT') } });
  });

  it('a check whose parts the document leaves out is unknown (error), not missing', async () => {
    const partial: PowerShellHost = { run: async () => ({ ok: true, json: doc({ 'c2r-config': PARTS['c2r-config'] }) }), stop() {}, starts: 1 };
    const { findings } = await createWindowsChecksSource(partial, () => NOW).read(new Set(['office', 'firewall']));
    expect(findings).toEqual({
      office: { value: { version: '16.0.17928.20114', channel: 'monthly-enterprise' } },
      firewall: { unknown: 'error', detail: 'the script gave no answer for firewall-profile' },
    });
  });

  it('a host that answers garbage: every check asked unreadable', async () => {
    const garbage: PowerShellHost = { run: async (): Promise<PowerShellResult> => ({ ok: false, error: 'garbage', detail: 'not JSON: WARNING' }), stop() {}, starts: 1 };
    const { findings } = await createWindowsChecksSource(garbage, () => NOW).read(new Set(['office']));
    expect(findings).toEqual({ office: { unknown: 'unreadable', detail: 'garbage: not JSON: WARNING' } });
  });

  it('masks the user’s name in what admins see (the temp folder’s path names them)', async () => {
    const temp = join(homedir(), 'AppData', 'Local', 'Temp');
    const value = { user: { path: temp, bytes: 1, files: 1, denied: 0, truncated: false, readable: true, link: false }, system: { path: 'C:\\Windows\\Temp', bytes: 0, files: 0, denied: 1, truncated: false, readable: false, link: false } };
    const fake: PowerShellHost = { run: async () => ({ ok: true, json: doc({ 'temp-size': { value, ms: 5 } }) }), stop() {}, starts: 1 };
    const { probes } = await createWindowsChecksSource(fake, () => NOW).read(new Set(['tempFiles']));
    expect(probes[0]!.raw).toContain(USER_MARK);
    expect(probes[0]!.raw).not.toContain(homedir());
  });
});
