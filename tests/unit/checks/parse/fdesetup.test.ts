import { describe, expect, it } from 'vitest';
import { parseFdesetupStatus } from '../../../../electron/agent/checks/parse/fdesetup';
import { GARBAGE, recorded } from '../fixtures';

const filevault = (state: string, percent: number | null = null) => ({ value: { volume: '/', state, percent, method: 'filevault' } });

describe('fdesetup status', () => {
  it('reads FileVault on, with an institutional key, as recorded on two Macs', () => {
    expect(parseFdesetupStatus(recorded('macos-10.15.6/fdesetup.on-institutional-key.en.txt'))).toEqual(filevault('on'));
    expect(parseFdesetupStatus(recorded('macos-unknown-version/fdesetup.on-institutional-key.en.txt'))).toEqual(filevault('on'));
  });

  // Composed (no recorded output of these states was found, see tests/fixtures/checks/README.md):
  // the lines as fdesetup's users quote them (Jamf extension attributes, DEPNotify-Starter issue 58).
  it('composed: off, deferred (still off), and a conversion under way with or without its percentage', () => {
    expect(parseFdesetupStatus('FileVault is Off.\n')).toEqual(filevault('off'));
    expect(parseFdesetupStatus("FileVault is Off.\nDeferred enablement appears to be active for user 'jan'.\n")).toEqual(filevault('off'));
    expect(parseFdesetupStatus('FileVault is On.\nEncryption in progress: Percent completed = 42.5\n')).toEqual(filevault('encrypting', 42.5));
    expect(parseFdesetupStatus('FileVault is On.\nEncryption in progress: Pending\n')).toEqual(filevault('encrypting'));
    expect(parseFdesetupStatus('FileVault is Off.\nDecryption in progress: Percent completed = 12\n')).toEqual(filevault('decrypting', 12));
  });

  it('anything else is unreadable with a one-line detail, never a guess', () => {
    for (const text of [...GARBAGE, 'FileVault is On and off', 'Error: Unable to get status.']) {
      const parsed = parseFdesetupStatus(text);
      expect(parsed, JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
      if ('detail' in parsed) expect(parsed.detail.length).toBeLessThanOrEqual(64);
    }
  });
});
