import { describe, expect, it } from 'vitest';
import { parseTimedatectl } from '../../../../electron/agent/checks/parse/timedatectl';
import { GARBAGE, recorded } from '../fixtures';

const NOW = Date.parse('2026-12-07T09:00:00Z');
const time = (synchronised: boolean, source: string | null = null, offsetSeconds: number | null = null) => ({ value: { synchronised, source, lastSyncAt: null, offsetSeconds } });

describe('timedatectl', () => {
  it('reads "synchronised" from the synchronized line in every recorded wording, whatever the NTP service line says', () => {
    const cases: [string, boolean][] = [
      ['debian-sid-systemd-247/timedatectl.synced-ntp-active.en.txt', true],
      ['debian-sid-systemd-247/timedatectl.synced-ntp-inactive.en.txt', true], // synchronised by something else
      ['debian-buster-2018/timedatectl.synced-timesyncd-wording.en.txt', true], // systemd 235-238
      ['linux-unknown/timedatectl.synced-old-wording-dst.en.txt', true], // "NTP synchronized", DST lines
      ['linux-unknown/timedatectl.synced.en.txt', true],
      ['nixos-2018/timedatectl.synced-ntp-na.en.txt', true], // NTP service: N/A (chrony)
      ['balenaos-2.47.1/timedatectl.not-synced-ntp-na.en.txt', false],
      ['linux-unknown/timedatectl.not-synced-rtc-off.en.txt', false], // NTP active, yet not synchronised
      ['linux-unknown/timedatectl.not-synced-ntp-inactive.en.txt', false],
    ];
    for (const [file, synced] of cases) expect(parseTimedatectl(recorded(file), NOW), file).toEqual(time(synced));
  });

  it('without systemd (a container, another init) it cannot say: unsupported, with systemd\'s own words', () => {
    expect(parseTimedatectl(recorded('debian-12/timedatectl.no-systemd.en.txt'), NOW)).toEqual({
      unknown: 'unsupported',
      detail: '“System has not been booted with systemd as init system (PID…”',
    });
  });

  // Composed: no recorded `timedatectl show` or `timesync-status` output was found (and neither
  // runs here without systemd). The keys are systemd's documented properties.
  it('composed: the show form (key=value), and the source and offset where timesync-status is pasted with it', () => {
    expect(parseTimedatectl('Timezone=Europe/Amsterdam\nLocalRTC=no\nCanNTP=yes\nNTP=yes\nNTPSynchronized=no\nTimeUSec=Mon 2026-12-07 10:00:00 CET\n', NOW)).toEqual(time(false));
    const status = recorded('linux-unknown/timedatectl.synced.en.txt');
    const timesync = '       Server: 185.125.190.56 (ntp.ubuntu.com)\nPoll interval: 34min 8s (min: 32s; max 34min 8s)\n         Leap: normal\n       Offset: -1.029ms\n';
    expect(parseTimedatectl(`${status}\n${timesync}`, NOW)).toEqual(time(true, 'ntp.ubuntu.com', -0.001029));
    expect(parseTimedatectl('NTPSynchronized=yes\nServerName=time.example.nl\n', NOW)).toEqual(time(true, 'time.example.nl'));
  });

  it('garbage, or the labels without an answer, is unreadable', () => {
    for (const text of [...GARBAGE, 'System clock synchronized: maybe', 'Local time: Wed 2024-07-31 00:20:55 UTC']) {
      expect(parseTimedatectl(text, NOW), JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
    }
  });
});
