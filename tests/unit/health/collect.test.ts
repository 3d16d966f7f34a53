import { describe, expect, it } from 'vitest';
import { createCollector } from '../../../electron/agent/health/collect';
import { fixedDisks } from '../../../electron/agent/health/collect-disks';
import { createFakeClock } from '../../doubles/fake-clock';
import { fakeProbes, loadFixture } from './helpers';

describe('collector on recorded outputs', () => {
  it('Linux (recorded here): the root disk, memory without the page cache, no battery, no SMART', async () => {
    const fixture = loadFixture('linux-debian12');
    const { probes } = fakeProbes(fixture);
    const snap = await createCollector({ probes, clock: createFakeClock() }).sample();
    expect(snap.disks).toEqual({ value: [{ mount: '/', sizeBytes: fixture.fsSize[0]!.size, freeBytes: fixture.fsSize[0]!.available }] });
    expect(snap.memory).toEqual({ value: { totalBytes: fixture.mem.total, usedBytes: fixture.mem.total - fixture.mem.available } });
    expect(snap.battery).toEqual({ value: null });
    expect(snap.smart).toEqual({ value: [] });
    expect(snap.uptime).toEqual({ value: { seconds: fixture.time.uptime } });
  });

  it('Windows laptop: fixed NTFS drives only, battery wear, SMART verdicts by disk', async () => {
    const { probes } = fakeProbes(loadFixture('windows11-laptop'));
    const collector = createCollector({ probes, clock: createFakeClock() });
    const snap = await collector.sample();
    expect('value' in snap.disks && snap.disks.value.map((d) => d.mount)).toEqual(['C:', 'D:']); // not the USB stick, not the share
    expect(snap.battery).toEqual({ value: { percent: 80, charging: false, healthPercent: 56 } });
    expect(snap.smart).toEqual({
      value: [
        { index: 0, disk: 'Samsung SAMSUNG MZVLB512HBJQ-000L7', failing: false },
        { index: 1, disk: 'Western Digital WDC WD10EZEX-08WN4A0', failing: true },
      ],
    });
    expect(await collector.device()).toEqual({
      hostname: 'LAPTOP-HALLO01',
      manufacturer: 'LENOVO',
      model: '20XW0026MH',
      serialNumber: 'PF2ABCDE',
      os: { platform: 'Windows', distro: 'Microsoft Windows 11 Pro', release: '10.0.22631', build: '22631', arch: 'x64' },
      cpu: 'Intel Core™ i7-1165G7',
      memoryBytes: 17055186944,
    });
  });

  it('a probe answering nonsense counts as failed', async () => {
    const { probes } = fakeProbes(loadFixture('linux-debian12'), {
      currentLoad: async () => ({ currentLoad: Number.NaN }),
    });
    expect((await createCollector({ probes, clock: createFakeClock() }).sample()).cpu).toEqual({ error: 'error' });
  });
});

describe('collector over time', () => {
  it('a hung probe is not started again while it hangs; once it settles the next sample calls it anew', async () => {
    const clock = createFakeClock(Date.parse('2026-03-02T09:00:00Z'));
    const fixture = loadFixture('windows11-laptop');
    let release: (value: typeof fixture.battery) => void = () => undefined;
    let hang = true;
    const { probes, calls } = fakeProbes(fixture, {
      battery: () => (hang ? new Promise((resolve) => (release = resolve)) : Promise.resolve(structuredClone(fixture.battery))),
    });
    const collector = createCollector({ probes, clock, timeoutMs: 5_000 });
    const sample = async () => {
      const pending = collector.sample();
      await clock.advance(5_000);
      return pending;
    };
    for (let i = 0; i < 4; i++) {
      expect((await sample()).battery).toEqual({ error: 'timeout' });
      expect(calls.battery).toBe(1); // the same hung call, joined: no second process piles up
    }
    expect(calls.currentLoad).toBe(4); // the other probes ran every time
    hang = false;
    release(structuredClone(fixture.battery));
    await clock.advance(0);
    expect((await sample()).battery).toEqual({ value: { percent: 80, charging: false, healthPercent: 56 } });
    expect(calls.battery).toBe(2);
  });

  it('re-reads SMART verdicts every hour: a disk that starts failing shows within the hour', async () => {
    const clock = createFakeClock(Date.parse('2026-03-02T09:00:00Z'));
    const fixture = loadFixture('windows11-laptop');
    let verdict = 'Ok';
    const { probes, calls } = fakeProbes(fixture, {
      diskLayout: async () => [{ ...fixture.diskLayout[0]!, smartStatus: verdict }],
    });
    const collector = createCollector({ probes, clock });
    const failing = async () => {
      const smart = (await collector.sample()).smart;
      return 'value' in smart ? smart.value.map((d) => d.failing) : smart;
    };
    expect(await failing()).toEqual([false]);
    verdict = 'Predicted Failure';
    await clock.advance(59 * 60_000);
    expect(await failing()).toEqual([false]); // cached within the hour
    await clock.advance(60_000);
    expect(await failing()).toEqual([true]); // an hour on: read again
    expect(calls.diskLayout).toBe(2);
  });
});

describe('fixed disks', () => {
  const entry = (fs: string, type: string, mount: string, size = 100) => ({ fs, type, mount, size, available: 40 });
  it('skips pseudo, image, network and removable filesystems', () => {
    const list = [
      entry('/dev/nvme0n1p2', 'ext4', '/'),
      entry('/dev/nvme0n1p3', 'btrfs', '/home'),
      entry('tmpfs', 'tmpfs', '/run'),
      entry('overlay', 'overlay', '/'),
      entry('/dev/loop3', 'squashfs', '/snap/core/1'),
      entry('/dev/loop4', 'ext4', '/mnt/img'),
      entry('nas:/export', 'nfs4', '/mnt/nas'),
      entry('//nas/share', 'cifs', '/mnt/share'),
      entry('/dev/sdb1', 'vfat', '/media/anna/USB'),
      entry('/dev/sdc1', 'ext4', '/media/anna/BACKUP'),
      entry('/dev/sda1', 'apfs', '/Volumes/Extern'),
      entry('/dev/empty', 'ext4', '/empty', 0),
    ];
    expect(fixedDisks(list).map((d) => d.mount)).toEqual(['/', '/home']);
  });
  it('block devices flag removable and network drives that look fixed', () => {
    const list = [entry('C:', 'NTFS', 'C:'), entry('F:', 'NTFS', 'F:'), entry('Z:', 'NTFS', 'Z:')];
    const devices = [
      { mount: 'F:', removable: true, physical: 'Removable' },
      { mount: 'Z:', removable: false, physical: 'Network' },
    ];
    expect(fixedDisks(list, devices).map((d) => d.mount)).toEqual(['C:']);
  });
});
