import { describe, expect, it } from 'vitest';
import { createCollector } from '../../../electron/agent/health/collect';
import { fixedDisks } from '../../../electron/agent/health/collect-disks';
import { fakeProbes, loadFixture, timerClock } from './helpers';

describe('collector on recorded outputs', () => {
  it('Linux (recorded here): the root disk, memory without the page cache, no battery, no SMART', async () => {
    const fixture = loadFixture('linux-debian12');
    const { probes } = fakeProbes(fixture);
    const snap = await createCollector({ probes, clock: timerClock }).sample();
    expect(snap.disks).toEqual({ value: [{ mount: '/', sizeBytes: fixture.fsSize[0]!.size, freeBytes: fixture.fsSize[0]!.available }] });
    expect(snap.memory).toEqual({ value: { totalBytes: fixture.mem.total, usedBytes: fixture.mem.total - fixture.mem.available } });
    expect(snap.battery).toEqual({ value: null });
    expect(snap.smart).toEqual({ value: [] });
    expect(snap.uptime).toEqual({ value: { seconds: fixture.time.uptime } });
  });

  it('Windows laptop: fixed NTFS drives only, battery wear, SMART verdicts by disk', async () => {
    const { probes } = fakeProbes(loadFixture('windows11-laptop'));
    const collector = createCollector({ probes, clock: timerClock });
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
    expect((await createCollector({ probes, clock: timerClock }).sample()).cpu).toEqual({ error: 'error' });
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
