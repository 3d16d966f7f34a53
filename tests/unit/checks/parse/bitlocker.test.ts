import { describe, expect, it } from 'vitest';
import { bitLockerProtectionOf, parseBitLocker } from '../../../../electron/agent/checks/parse/bitlocker';
import { GARBAGE, recorded } from '../fixtures';

const bitlocker = (volume: string, state: string, percent: number | null = null) => ({ volume, state, percent, method: 'bitlocker' });

describe('parseBitLocker', () => {
  it('reads every volume of Get-BitLockerVolume’s table: one encrypting, the system volume off', () => {
    expect(parseBitLocker(recorded('windows-unknown-version/bitlocker.get-bitlockervolume-table.en.txt'))).toEqual({
      value: [bitlocker('D:', 'encrypting', 1), bitlocker('E:', 'off'), bitlocker('C:', 'off'), bitlocker('F:', 'off'), bitlocker('G:', 'off')],
    });
  });

  it('reads Get-BitLockerVolume’s list: the system volume encrypted and protected', () => {
    expect(parseBitLocker(recorded('windows-unknown-version/bitlocker.get-bitlockervolume-list-on.en.txt'))).toEqual({ value: [bitlocker('C:', 'on')] });
  });

  it('reads German manage-bde -status by position: decrypted, encrypting at 3,5 %, and done with protection on', () => {
    expect(parseBitLocker(recorded('windows-10-22h2/bitlocker.manage-bde-decrypted.de.txt'))).toEqual({ value: [bitlocker('C:', 'off')] });
    expect(parseBitLocker(recorded('windows-10-22h2/bitlocker.manage-bde-encrypting.de.txt'))).toEqual({ value: [bitlocker('C:', 'encrypting', 3.5)] });
    expect(parseBitLocker(recorded('windows-10-22h2/bitlocker.manage-bde-protection-on.de.txt'))).toEqual({ value: [bitlocker('C:', 'on')] });
  });

  it('calls encrypted without protection (device encryption never finished) suspended, from a block pasted without its volume line', () => {
    expect(parseBitLocker(recorded('windows-11/bitlocker.manage-bde-waiting-activation.en.txt'))).toEqual({ value: [bitlocker('', 'suspended')] });
  });

  // Composed (Win32_EncryptableVolume as JSON was not found recorded): the script's selection of
  // its properties, ConversionStatus and ProtectionStatus as the numbers WMI gives.
  it.each([
    [{ DriveLetter: 'C:', ConversionStatus: 1, ProtectionStatus: 1, EncryptionPercentage: 100 }, bitlocker('C:', 'on')],
    [{ DriveLetter: 'C:', ConversionStatus: 1, ProtectionStatus: 0, EncryptionPercentage: 100 }, bitlocker('C:', 'suspended')],
    [{ DriveLetter: 'C:', ConversionStatus: 0, ProtectionStatus: 0, EncryptionPercentage: 0 }, bitlocker('C:', 'off')],
    [{ DriveLetter: 'C:', ConversionStatus: 4, ProtectionStatus: 0, EncryptionPercentage: 42 }, bitlocker('C:', 'encrypting', 42)],
    [{ DriveLetter: 'C:', ConversionStatus: 3, ProtectionStatus: 0, EncryptionPercentage: 80 }, bitlocker('C:', 'decrypting', 80)],
  ])('reads Win32_EncryptableVolume JSON %j (composed)', (volume, finding) => {
    expect(parseBitLocker(JSON.stringify([volume]))).toEqual({ value: [finding] });
  });

  it('a manage-bde in a language whose words it does not know is unreadable, never guessed (composed: the German block with its words replaced)', () => {
    const text = recorded('windows-10-22h2/bitlocker.manage-bde-protection-on.de.txt').replace('Der Schutz ist aktiviert.', 'Ochrona jest włączona.');
    expect(parseBitLocker(text)).toEqual({ unknown: 'unreadable', detail: expect.stringContaining('Ochrona jest włączona.') });
  });

  it.each([...GARBAGE, '[]', '[{"DriveLetter":"C:","ConversionStatus":9,"ProtectionStatus":1}]'])('%j is unreadable, with a one-line reason', (text) => {
    const parsed = parseBitLocker(text);
    expect(parsed).toMatchObject({ unknown: 'unreadable' });
    expect((parsed as { detail: string }).detail).not.toContain('\n');
  });
});

describe('bitLockerProtectionOf (the shell property any user may read)', () => {
  it.each([
    [1, 'on'],
    [5, 'on'],
    [6, 'on'],
    [2, 'off'],
    [3, 'encrypting'],
    [4, 'decrypting'],
  ] as const)('%i is %s', (value, state) => {
    expect(bitLockerProtectionOf(value, 'C:')).toEqual({ value: bitlocker('C:', state) });
  });

  it('empty is unsupported (no BitLocker on this edition or disk); an unknown number is unreadable', () => {
    expect(bitLockerProtectionOf(null, 'C:')).toMatchObject({ unknown: 'unsupported' });
    expect(bitLockerProtectionOf(0, 'C:')).toMatchObject({ unknown: 'unreadable' });
  });
});
