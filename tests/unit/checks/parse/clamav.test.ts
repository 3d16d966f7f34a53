import { describe, expect, it } from 'vitest';
import { parseClamavVersion } from '../../../../electron/agent/checks/parse/clamav';
import { GARBAGE, recorded } from '../fixtures';

const clamav = (signatureAgeDays: number) => ({ value: { name: 'ClamAV', state: 'on', signaturesUpToDate: null, signatureAgeDays, lastScan: null, source: 'clamav' } });

describe('clamscan / freshclam / clamdscan --version', () => {
  it('reads the database date as the signatures\' age in whole days, also after clamdscan\'s warnings', () => {
    // ClamAV 0.99.3/24319/Fri Feb 16 01:21:10 2018
    expect(parseClamavVersion(recorded('linux-unknown/clamdscan-version.with-database.en.txt'), Date.parse('2018-02-18T12:00:00Z'))).toEqual(clamav(2));
    // ClamAV 0.100.2/25163/Thu Nov 29 06:15:55 2018
    expect(parseClamavVersion(recorded('linux-unknown/clamdscan-version.deprecated-warnings.en.txt'), Date.parse('2018-11-29T08:00:00Z'))).toEqual(clamav(0));
    expect(parseClamavVersion(recorded('linux-unknown/clamdscan-version.deprecated-warnings.en.txt'), Date.parse('2026-12-07T09:00:00Z'))).toEqual(clamav(2930));
  });

  it('ClamAV without a signature database (never updated) is unknown, not "up to date"', () => {
    expect(parseClamavVersion(recorded('debian-12/clamscan-version.no-database.en.txt'), Date.now())).toEqual({ unknown: 'error', detail: 'ClamAV 1.4.6 has no signature database' });
  });

  it('garbage, or a date it cannot read, is unreadable', () => {
    for (const text of [...GARBAGE, 'ClamAV 1.0.0/26853/yesterday', 'clamscan: command not found']) {
      expect(parseClamavVersion(text, Date.now()), JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
    }
  });
});
