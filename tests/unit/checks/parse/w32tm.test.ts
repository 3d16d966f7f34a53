import { describe, expect, it } from 'vitest';
import { parseW32tmStatus } from '../../../../electron/agent/checks/parse/w32tm';
import { GARBAGE } from '../../updates/fixtures';
import { local, NOW, recorded } from '../fixtures';

const read = (path: string) => parseW32tmStatus(recorded(path), NOW);

describe('w32tm /query /status, read by position and shape', () => {
  it('an English /verbose output synchronised with time.windows.com: source without its flags, the sync time, the phase offset', () => {
    expect(read('windows-unknown-version/w32tm-status.verbose-synced.en.txt')).toEqual({
      value: { synchronised: true, source: 'time.windows.com', lastSyncAt: local(2023, 9, 16, 12, 47, 56), offsetSeconds: 0.0000039 },
    });
  });

  it('German and Italian outputs give the same kind of finding: the labels are never read', () => {
    expect(read('windows-server-2025/w32tm-status.verbose-synced.de.txt')).toEqual({
      value: { synchronised: true, source: 'time.windows.com', lastSyncAt: local(2026, 9, 25, 6, 35, 7), offsetSeconds: -0.0000433 },
    });
    // The explanation of the last sync error wraps onto a line of its own; `Quelle:` ends in a space.
    expect(read('windows-server-2019/w32tm-status.verbose-stale-data.de.txt')).toEqual({
      value: { synchronised: true, source: 'time.windows.com', lastSyncAt: local(2026, 9, 28, 7, 26, 42), offsetSeconds: -0.0008992 },
    });
    expect(read('windows-unknown-version/w32tm-status.synced-domain.it.txt')).toEqual({
      value: { synchronised: true, source: 'dc01.example.local', lastSyncAt: local(2020, 9, 25, 17, 14, 58), offsetSeconds: null },
    });
    expect(read('windows-unknown-version/w32tm-status.synced-pool.it.txt')).toEqual({
      value: { synchronised: true, source: 'pool.ntp.org', lastSyncAt: local(2020, 9, 25, 18, 0, 42), offsetSeconds: null },
    });
  });

  it('without /verbose there is no offset; a domain controller, Hyper-V and an NTP server are real sources', () => {
    expect(read('windows-11/w32tm-status.synced.en.txt')).toEqual({
      value: { synchronised: true, source: 'time.nist.gov', lastSyncAt: local(2025, 5, 30, 9, 7, 1), offsetSeconds: null },
    });
    expect(read('windows-unknown-version/w32tm-status.verbose-domain.en.txt')).toEqual({
      value: { synchronised: true, source: 'DCNAME.company.com', lastSyncAt: local(2012, 11, 18, 2, 26, 21), offsetSeconds: -0.0027702 },
    });
    expect(read('windows-unknown-version/w32tm-status.verbose-vm-ic.en.txt')).toEqual({
      value: { synchronised: true, source: 'VM IC Time Synchronization Provider', lastSyncAt: local(2023, 5, 23, 19, 51, 39), offsetSeconds: -0.0000013 },
    });
  });

  it('the local CMOS clock is no source: not synchronised, in English and German, with or without a sync time', () => {
    expect(read('windows-unknown-version/w32tm-status.verbose-local-cmos.en.txt')).toEqual({
      value: { synchronised: false, source: null, lastSyncAt: null, offsetSeconds: 0 },
    });
    expect(read('windows-server-2025/w32tm-status.verbose-local-cmos.de.txt')).toEqual({
      value: { synchronised: false, source: null, lastSyncAt: null, offsetSeconds: 0 },
    });
    expect(read('windows-11/w32tm-status.local-cmos.en.txt')).toEqual({
      value: { synchronised: false, source: null, lastSyncAt: local(2025, 5, 30, 9, 6, 45), offsetSeconds: null },
    });
  });

  it('leap indicator 3 (clock not synchronised) is not synchronised, whatever the source', () => {
    expect(read('windows-unknown-version/w32tm-status.verbose-unsynced.en.txt')).toEqual({
      value: { synchronised: false, source: 'time.windows.com', lastSyncAt: local(2023, 9, 16, 12, 52, 13), offsetSeconds: 0.7679486 },
    });
    expect(read('windows-unknown-version/w32tm-status.verbose-stale-data.en.txt')).toEqual({
      value: { synchronised: false, source: 'time.windows.com', lastSyncAt: local(2011, 12, 5, 23, 25, 18), offsetSeconds: 0.0000695 },
    });
  });

  it('the stopped service and a denied access are told by their code, in German', () => {
    expect(read('windows-10-22h2/w32tm-status.service-stopped.de.txt')).toEqual({
      unknown: 'blocked',
      detail: 'w32tm: Folgender Fehler ist aufgetreten: Der Dienst wurde nicht gestartet. (0x80070426)',
    });
    expect(read('windows-11/w32tm-status.access-denied.de.txt')).toEqual({
      unknown: 'denied',
      detail: 'w32tm: Folgender Fehler ist aufgetreten: Zugriff verweigert (0x80070005)',
    });
  });

  it('labels in a language never seen (derived: every label of a recorded output replaced) read the same', () => {
    const text = recorded('windows-unknown-version/w32tm-status.verbose-synced.en.txt');
    const relabelled = text.replace(/^[^:\n]+:/gm, (_, index: number) => `Étiquette ${index} :`);
    expect(relabelled).not.toContain('Source');
    expect(parseW32tmStatus(relabelled, NOW)).toEqual(parseW32tmStatus(text, NOW));
    // Pasted from Windows: CRLF line ends.
    expect(parseW32tmStatus(text.replace(/\n/g, '\r\n'), NOW)).toEqual(parseW32tmStatus(text, NOW));
  });

  it('garbage, an empty or a cut output is unreadable, never a throw', () => {
    for (const text of GARBAGE) expect(parseW32tmStatus(text, NOW)).toMatchObject({ unknown: 'unreadable' });
    const cut = recorded('windows-11/w32tm-status.synced.en.txt').split('\n').slice(0, 5).join('\n');
    expect(parseW32tmStatus(cut, NOW)).toMatchObject({ unknown: 'unreadable', detail: expect.stringContaining('Leap Indicator') });
    // Composed, not recorded: a failure code this parser has no reason for is an error, with the line for admins.
    expect(parseW32tmStatus('The following error occurred: The RPC server is unavailable. (0x800706BA)', NOW)).toEqual({
      unknown: 'error',
      detail: 'w32tm: The following error occurred: The RPC server is unavailable. (0x800706BA)',
    });
  });
});
