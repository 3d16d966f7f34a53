import { describe, expect, it } from 'vitest';
import { parseLsblkLuks } from '../../../../electron/agent/checks/parse/luks';
import { GARBAGE, recorded } from '../fixtures';

const luks = (state: 'on' | 'off') => ({ value: { volume: '/', state, percent: null, method: 'luks' } });

describe('lsblk --json (LUKS below /)', () => {
  it('reads / on a plain disk as off, in the mountpoint and the newer mountpoints form', () => {
    expect(parseLsblkLuks(recorded('debian-12/luks.lsblk-mountpoint-unencrypted.en.txt'))).toEqual(luks('off'));
    expect(parseLsblkLuks(recorded('debian-12/luks.lsblk-mountpoints-unencrypted.en.txt'))).toEqual(luks('off'));
  });

  // Composed (no recorded lsblk output with an unlocked LUKS root was found, and device-mapper does
  // not work in this container): the tree lsblk prints for Debian's installer layouts.
  it('composed: / on a crypt device over crypto_LUKS is on, also with LVM between; crypt elsewhere is not enough', () => {
    const disk = (children: unknown[]) => JSON.stringify({ blockdevices: [{ name: 'nvme0n1', type: 'disk', fstype: null, mountpoints: [null], children }] });
    const boot = { name: 'nvme0n1p1', type: 'part', fstype: 'vfat', mountpoints: ['/boot/efi'] };
    const root = (mountpoints: (string | null)[]) => ({ name: 'nvme0n1p3_crypt', type: 'crypt', fstype: 'ext4', mountpoints });
    expect(parseLsblkLuks(disk([boot, { name: 'nvme0n1p3', type: 'part', fstype: 'crypto_LUKS', mountpoints: [null], children: [root(['/'])] }]))).toEqual(luks('on'));
    const lvm = { name: 'vg-root', type: 'lvm', fstype: 'ext4', mountpoints: ['/'] };
    expect(parseLsblkLuks(disk([{ name: 'nvme0n1p3', type: 'part', fstype: 'crypto_LUKS', mountpoints: [null], children: [{ ...root([null]), fstype: 'LVM2_member', children: [lvm] }] }]))).toEqual(luks('on'));
    // /home encrypted, / plain
    const plainRoot = { name: 'nvme0n1p2', type: 'part', fstype: 'ext4', mountpoints: ['/'] };
    expect(parseLsblkLuks(disk([plainRoot, { name: 'nvme0n1p3', type: 'part', fstype: 'crypto_LUKS', mountpoints: [null], children: [root(['/home'])] }]))).toEqual(luks('off'));
  });

  it('no device at / (a container\'s overlay) cannot be judged: unsupported', () => {
    expect(parseLsblkLuks(JSON.stringify({ blockdevices: [{ name: 'loop0', type: 'loop', fstype: 'squashfs', mountpoint: '/snap/core/1' }] }))).toEqual({
      unknown: 'unsupported',
      detail: 'no block device is mounted at /',
    });
  });

  it('garbage, or JSON of another shape, is unreadable', () => {
    for (const text of [...GARBAGE, '{"blockdevices": [{"name": 3}]}', 'NAME TYPE FSTYPE MOUNTPOINT\nvda disk  /']) {
      expect(parseLsblkLuks(text), JSON.stringify(text.slice(0, 40))).toMatchObject({ unknown: 'unreadable' });
    }
  });
});
