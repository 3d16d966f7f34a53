import { describe, expect, it } from 'vitest';
import { createLinuxChecksSource } from '../../../../electron/agent/checks/sources/linux';
import type { CheckName } from '../../../../electron/agent/checks/types';
import { readSource, recorded, type FakeRun } from '../fixtures';

const NOW = Date.parse('2018-02-20T09:00:00Z');
const CLAMSCAN = '/usr/bin/clamscan --version';
const FRESHCLAM = '/usr/bin/freshclam --version';
const UFW = '/usr/sbin/ufw status';
const FIREWALLD = '/usr/bin/firewall-cmd --state';
const NFT = '/usr/sbin/nft list ruleset';
const LSBLK = '/usr/bin/lsblk --json -o NAME,TYPE,FSTYPE,MOUNTPOINTS';
const OLD_LSBLK = '/usr/bin/lsblk --json -o NAME,TYPE,FSTYPE,MOUNTPOINT';
const TIMEDATECTL = '/usr/bin/timedatectl status';

const ok = (file: string): FakeRun => ({ code: 0, stdout: recorded(file) });
const read = (runs: Record<string, FakeRun>, files: Record<string, string> = {}, which?: ReadonlySet<CheckName>) => readSource(createLinuxChecksSource, NOW, runs, files, which);

describe('the Linux checks source', () => {
  it('a protected workstation: ClamAV\'s signature age, ufw on, / unencrypted, the clock synchronised; one run per probe', async () => {
    const reading = await read({
      // clamdscan's recorded line: clamscan prints the same form
      [CLAMSCAN]: ok('linux-unknown/clamdscan-version.with-database.en.txt'),
      [UFW]: ok('debian-12/ufw-status.verbose-active-rules.en.txt'),
      [LSBLK]: ok('debian-12/luks.lsblk-mountpoints-unencrypted.en.txt'),
      [TIMEDATECTL]: ok('linux-unknown/timedatectl.synced.en.txt'),
    });
    expect(reading.findings).toEqual({
      antivirus: { value: { expected: true, products: [{ name: 'ClamAV', state: 'on', signaturesUpToDate: null, signatureAgeDays: 4, lastScan: null, source: 'clamav' }] } },
      firewall: { value: { tool: 'ufw', profiles: [], enabled: true } },
      encryption: { value: { volume: '/', state: 'off', percent: null, method: 'luks' } },
      time: { value: { synchronised: true, source: null, lastSyncAt: null, offsetSeconds: null } },
    });
    expect(reading.probes.map((run) => [run.probe, run.read, run.reason])).toEqual([
      ['clamav', true, null],
      ['ufw-status', true, null],
      ['luks', true, null],
      ['timedatectl', true, null],
    ]);
    expect(reading.probes[0]).toMatchObject({ ranAt: '2018-02-20T09:00:00.000Z', durationMs: 0, detail: null, raw: 'ClamAV 0.99.3/24319/Fri Feb 16 01:21:10 2018\n' });
    // ufw filters: firewalld and nft are not asked; office and temp files are not this source's
    expect(reading.ran).not.toContain(FIREWALLD);
    expect(reading.ran).not.toContain(NFT);
  });

  it('without root: ufw status is denied, so /etc/ufw/ufw.conf answers, and admins see both', async () => {
    const reading = await read(
      { [UFW]: { code: 1, stderr: recorded('debian-12/ufw-status.denied.en.txt') } },
      { '/etc/ufw/ufw.conf': recorded('debian-12/ufw-conf.enabled.en.txt') },
      new Set(['firewall']),
    );
    expect(reading.findings).toEqual({ firewall: { value: { tool: 'ufw', profiles: [], enabled: true } } });
    expect(reading.probes).toHaveLength(1);
    expect(reading.probes[0]!.raw).toContain('ERROR: You need to be root to run this script');
    expect(reading.probes[0]!.raw).toContain('ENABLED=yes');
  });

  it('ufw denied without its file, firewalld not running, nft denied: firewalld\'s "off" is the answer, each run kept', async () => {
    const reading = await read(
      {
        [UFW]: { code: 1, stderr: recorded('debian-12/ufw-status.denied.en.txt') },
        [FIREWALLD]: { code: 252, stderr: recorded('debian-12/ufw-status.firewalld-not-running.en.txt') },
        [NFT]: { code: 1, stderr: recorded('debian-12/nftables.denied.en.txt') },
      },
      {},
      new Set(['firewall']),
    );
    expect(reading.findings.firewall).toEqual({ value: { tool: 'firewalld', profiles: [], enabled: false } });
    expect(reading.probes.map((run) => [run.probe, run.reason])).toEqual([
      ['ufw-status', 'denied'],
      ['firewalld', null],
      ['nftables', 'denied'],
    ]);
  });

  it('only nft is there and it needs root: denied, "unknown, because" rather than "off"', async () => {
    const reading = await read({ [NFT]: { code: 1, stderr: recorded('debian-12/nftables.denied.en.txt') } }, {}, new Set(['firewall']));
    expect(reading.findings.firewall).toEqual({ unknown: 'denied', detail: '“Operation not permitted (you must be root)”' });
    expect(reading.probes.map((run) => [run.probe, run.reason, run.detail])).toEqual([
      ['ufw-status', 'blocked', 'ufw is not installed'],
      ['firewalld', 'blocked', 'firewall-cmd is not installed'],
      ['nftables', 'denied', '“Operation not permitted (you must be root)”'],
    ]);
  });

  it('nft as root filters when ufw is off and firewalld has no bus', async () => {
    const reading = await read(
      {
        [UFW]: ok('debian-12/ufw-status.inactive.en.txt'),
        [FIREWALLD]: { code: 36, stderr: recorded('debian-12/ufw-status.firewalld-no-bus.en.txt') },
        [NFT]: ok('debian-12/nftables.policy-drop.en.txt'),
      },
      {},
      new Set(['firewall']),
    );
    expect(reading.findings.firewall).toEqual({ value: { tool: 'nftables', profiles: [], enabled: true } });
    expect(reading.probes[1]).toMatchObject({ probe: 'firewalld', read: false, reason: 'error', detail: 'exit 36: Error: DBUS_ERROR: Failed to connect to socket /run/dbus/system_bus_socket: No such file or directory' });
  });

  it('nothing installed: no antivirus expected, no firewall, lsblk missing, no systemd: each said, nothing thrown', async () => {
    const reading = await read({ [TIMEDATECTL]: { code: 1, stderr: recorded('debian-12/timedatectl.no-systemd.en.txt') } });
    expect(reading.findings).toEqual({
      antivirus: { value: { expected: false, products: [] } },
      firewall: { value: { tool: null, profiles: [], enabled: false } },
      encryption: { unknown: 'blocked', detail: 'lsblk is not installed' },
      time: { unknown: 'unsupported', detail: '“System has not been booted with systemd as init system (PID…”' },
    });
    // every usual path was tried before "not installed"
    expect(reading.ran.filter((line) => line.endsWith('clamscan --version'))).toEqual(['/usr/sbin/clamscan --version', CLAMSCAN, '/sbin/clamscan --version', '/bin/clamscan --version']);
  });

  it('util-linux before 2.37 does not know MOUNTPOINTS: asked again with MOUNTPOINT', async () => {
    // util-linux 2.38 recorded here says `lsblk: unknown column: FOO` for a column it lacks; the name is swapped in
    const reading = await read(
      { [LSBLK]: { code: 1, stderr: 'lsblk: unknown column: MOUNTPOINTS' }, [OLD_LSBLK]: ok('debian-12/luks.lsblk-mountpoint-unencrypted.en.txt') },
      {},
      new Set(['encryption']),
    );
    expect(reading.findings).toEqual({ encryption: { value: { volume: '/', state: 'off', percent: null, method: 'luks' } } });
    expect(reading.probes.map((run) => run.probe)).toEqual(['luks']);
  });

  it('ClamAV without a database (freshclam only): unknown, not "up to date"', async () => {
    const reading = await read({ [FRESHCLAM]: ok('debian-12/clamscan-version.no-database.en.txt') }, {}, new Set(['antivirus']));
    expect(reading.findings).toEqual({ antivirus: { unknown: 'error', detail: 'ClamAV 1.4.6 has no signature database' } });
  });

  it('only the checks asked for run', async () => {
    const reading = await read({ [TIMEDATECTL]: ok('linux-unknown/timedatectl.not-synced-rtc-off.en.txt') }, {}, new Set(['time']));
    expect(Object.keys(reading.findings)).toEqual(['time']);
    expect(reading.ran).toEqual(['/usr/sbin/timedatectl status', TIMEDATECTL]); // its usual paths, nothing else
    expect(reading.probes.map((run) => run.probe)).toEqual(['timedatectl']);
  });

  it('garbage, a hang and a flood: unreadable, timeout, unreadable; the raw output cut for admins', async () => {
    const reading = await read({
      [CLAMSCAN]: { code: 0, stdout: `<html>${'x'.repeat(10_000)}</html>` },
      [UFW]: ok('debian-12/ufw-status.active.en.txt'),
      [LSBLK]: 'hang',
      [TIMEDATECTL]: 'flood',
    });
    expect(reading.findings.antivirus).toMatchObject({ unknown: 'unreadable' });
    expect(reading.findings.encryption).toEqual({ unknown: 'timeout', detail: 'no answer within 10 s' });
    expect(reading.findings.time).toMatchObject({ unknown: 'unreadable' });
    expect(reading.findings.firewall).toEqual({ value: { tool: 'ufw', profiles: [], enabled: true } }); // the others are unaffected
    expect(reading.probes[0]!.raw).toHaveLength(4000);
  });
});
