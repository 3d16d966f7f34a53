import { describe, expect, it } from 'vitest';
import { DEFENDER_NAME, parseMpComputerStatus } from '../../../../electron/agent/checks/parse/mp-status';
import { GARBAGE } from '../../updates/fixtures';
import { local, NOW, recorded } from '../fixtures';

const defender = (fields: object) => ({
  value: { name: DEFENDER_NAME, source: 'defender', state: 'on', signaturesUpToDate: null, signatureAgeDays: null, lastScan: null, ...fields },
});

describe('Get-MpComputerStatus', () => {
  it('Windows 11 22H2: on, signatures of today, the last quick scan in the day-month regional format', () => {
    expect(parseMpComputerStatus(recorded('windows-11-22h2/mp-computer-status.on.en.txt'), NOW)).toEqual(
      defender({ signaturesUpToDate: true, signatureAgeDays: 0, lastScan: { at: local(2022, 10, 16, 19, 6, 42), kind: 'quick' } }),
    );
  });

  it('Windows 11 22H2 in 2023: `02-10-2023` is 2 October, the nearer of the two past readings (27-03-2023 in the same output agrees)', () => {
    expect(parseMpComputerStatus(recorded('windows-11-22h2/mp-computer-status.on-2023.en.txt'), NOW)).toEqual(
      defender({ signaturesUpToDate: true, signatureAgeDays: 0, lastScan: { at: local(2023, 10, 2, 20, 51, 52), kind: 'quick' } }),
    );
  });

  it('a virtual machine that never scanned: no last scan; signatures a day old', () => {
    expect(parseMpComputerStatus(recorded('windows-unknown-version/mp-computer-status.on-vm.en.txt'), NOW)).toEqual(
      defender({ signaturesUpToDate: true, signatureAgeDays: 1, lastScan: null }),
    );
  });

  it('the 2013 output, without AMRunningMode or DefenderSignaturesOutOfDate: on, up-to-dateness not said', () => {
    expect(parseMpComputerStatus(recorded('windows-unknown-version/mp-computer-status.on-2013.en.txt'), NOW)).toEqual(
      defender({ signaturesUpToDate: null, signatureAgeDays: 0, lastScan: { at: local(2013, 7, 30, 13, 50, 24), kind: 'quick' } }),
    );
  });

  it('Defender turned off, as Microsoft shows it: not running, nothing scanned; signatures it never had are neither up to date nor old', () => {
    expect(parseMpComputerStatus(recorded('windows-unknown-version/mp-computer-status.not-running.en.txt'), NOW)).toEqual(
      defender({ state: 'off', signaturesUpToDate: null, signatureAgeDays: null, lastScan: null }),
    );
  });

  it('Defender’s service not running (0x800106BA, another antivirus took over: CrowdStrike) is Defender off', () => {
    expect(parseMpComputerStatus(recorded('windows-unknown-version/mp-computer-status.service-not-running.en.txt'), NOW)).toEqual(
      defender({ state: 'off' }),
    );
  });

  // Composed, not recorded (no whole real output of these states or of the JSON form was found;
  // see the fixtures README), each from the recorded list with the named fields changed.
  const list = recorded('windows-11-22h2/mp-computer-status.on.en.txt');
  const withField = (name: string, value: string) => list.replace(new RegExp(`^(${name}\\s*:).*$`, 'm'), `$1 ${value}`);

  it('off when real-time protection, the antivirus or the service is off, or the mode is “Not running” (composed)', () => {
    for (const text of [
      withField('RealTimeProtectionEnabled', 'False'),
      withField('AntivirusEnabled', 'False'),
      withField('AMServiceEnabled', 'False'),
      withField('AMRunningMode', 'Not running'),
    ]) {
      expect(parseMpComputerStatus(text, NOW)).toMatchObject({ value: { state: 'off' } });
    }
  });

  it('passive mode beside another antivirus is off for Defender (the rules look at the other product) (composed)', () => {
    expect(parseMpComputerStatus(withField('AMRunningMode', 'Passive Mode'), NOW)).toMatchObject({ value: { state: 'off' } });
    expect(parseMpComputerStatus(withField('AMRunningMode', 'EDR Block Mode'), NOW)).toMatchObject({ value: { state: 'off' } });
  });

  it('old signatures: the age in days, or from the last update when the age says never (composed)', () => {
    expect(parseMpComputerStatus(withField('AntivirusSignatureAge', '12').replace('DefenderSignaturesOutOfDate      : False', 'DefenderSignaturesOutOfDate      : True'), NOW)).toMatchObject({
      value: { signatureAgeDays: 12, signaturesUpToDate: false },
    });
    const updated = withField('AntivirusSignatureAge', '65535').replace(/^(AntivirusSignatureLastUpdated\s*:).*$/m, '$1 27-11-2026 09:00:00 AM');
    expect(parseMpComputerStatus(updated, new Date(2026, 11, 7, 8, 0, 0).getTime())).toMatchObject({ value: { signatureAgeDays: 9 } });
  });

  it('the newer of the quick and the full scan, by end time or else by age (composed)', () => {
    const full = withField('FullScanEndTime', '17-10-2022 08:00:00 AM');
    expect(parseMpComputerStatus(full, NOW)).toMatchObject({ value: { lastScan: { at: local(2022, 10, 17, 8, 0, 0), kind: 'full' } } });
    // The quick scan's end time gone: its age (1 day in this output) is newer than the full scan's 3 days.
    const byAge = withField('QuickScanEndTime', '').replace(/^(FullScanAge\s*:).*$/m, '$1 3');
    expect(parseMpComputerStatus(byAge, NOW)).toMatchObject({ value: { lastScan: { at: new Date(NOW - 86_400_000).toISOString(), kind: 'quick' } } });
    const neverQuick = byAge.replace(/^(QuickScanAge\s*:).*$/m, '$1 4294967295');
    expect(parseMpComputerStatus(neverQuick, NOW)).toMatchObject({ value: { lastScan: { at: new Date(NOW - 3 * 86_400_000).toISOString(), kind: 'full' } } });
  });

  it('ConvertTo-Json in Windows PowerShell 5.1 (/Date(ms)/) and in PowerShell 7 (ISO) (composed)', () => {
    const fields = { AMRunningMode: 'Normal', AMServiceEnabled: true, AntivirusEnabled: true, RealTimeProtectionEnabled: true, AntivirusSignatureAge: 2, DefenderSignaturesOutOfDate: false, FullScanAge: 4294967295, FullScanEndTime: null };
    const windowsPowerShell = JSON.stringify({ ...fields, QuickScanEndTime: '/Date(1665947202000)/' });
    expect(parseMpComputerStatus(windowsPowerShell, NOW)).toEqual(
      defender({ signaturesUpToDate: true, signatureAgeDays: 2, lastScan: { at: '2022-10-16T19:06:42.000Z', kind: 'quick' } }),
    );
    const powerShell7 = JSON.stringify([{ ...fields, QuickScanEndTime: '2022-10-16T21:06:42+02:00' }]);
    expect(parseMpComputerStatus(powerShell7, NOW)).toEqual(parseMpComputerStatus(windowsPowerShell, NOW));
    const displayHint = JSON.stringify({ ...fields, QuickScanEndTime: { value: '/Date(1665947202000)/', DisplayHint: 2, DateTime: 'Sunday, October 16, 2022 7:06:42 PM' } });
    expect(parseMpComputerStatus(displayHint, NOW)).toEqual(parseMpComputerStatus(windowsPowerShell, NOW));
  });

  it('no Defender module is unsupported; another failure code is its reason; garbage is unreadable, never a throw', () => {
    const missing = "Get-MpComputerStatus : The term 'Get-MpComputerStatus' is not recognized\n    + FullyQualifiedErrorId : CommandNotFoundException";
    expect(parseMpComputerStatus(missing, NOW)).toMatchObject({ unknown: 'unsupported' });
    expect(parseMpComputerStatus('Get-MpComputerStatus : Zugriff verweigert\n    + FullyQualifiedErrorId : HRESULT 0x80070005,Get-MpComputerStatus', NOW)).toMatchObject({ unknown: 'denied' });
    for (const text of GARBAGE) expect(parseMpComputerStatus(text, NOW)).toMatchObject({ unknown: 'unreadable' });
    expect(parseMpComputerStatus('{"AMRunningMode": "Normal"}', NOW)).toMatchObject({ unknown: 'unreadable' });
  });
});
