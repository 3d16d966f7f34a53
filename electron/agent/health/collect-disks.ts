import type { HealthProbes } from './probes';

export interface DiskSample {
  mount: string;
  sizeBytes: number;
  freeBytes: number;
}

// Filesystems that are not a fixed disk of this PC: memory-backed and pseudo filesystems, read-only
// images (snaps, live media), network shares, and the types USB sticks and optical discs carry.
const NOT_FIXED = new Set([
  'tmpfs', 'devtmpfs', 'ramfs', 'rootfs', 'overlay', 'overlayfs', 'aufs', 'unionfs', 'squashfs', 'cramfs',
  'iso9660', 'udf', 'cdfs', 'proc', 'sysfs', 'devfs', 'autofs', 'efivarfs', 'nullfs',
  'nfs', 'nfs4', 'cifs', 'smbfs', 'smb', 'smb2', 'smb3', 'afpfs', 'webdav', 'davfs', '9p', 'fuse.sshfs',
  'fuse.rclone', 'fuse.gvfsd-fuse', 'fuse.portal', 'fat', 'fat16', 'fat32', 'vfat', 'msdos', 'exfat',
]);
const NOT_FIXED_DEVICE = new Set(['Network', 'CD/DVD', 'RAM']);
const NETWORK_SOURCE = /^(\/\/|\\\\)|^[^/\\]+:\//; // //server/share, \\server\share, host:/export
const NOT_FIXED_MOUNT = /^(\/snap\/|\/media\/|\/run\/media\/|\/mnt\/wsl|\/boot\/efi$|\/Volumes\/(?!Macintosh HD))/;

/**
 * The PC's own fixed disks, one per mount, out of systeminformation's fsSize. `devices` (blockDevices,
 * when known) catches what the filesystem type cannot: on Windows a mapped share or a USB disk
 * looks like any NTFS drive letter.
 */
export function fixedDisks(
  list: Awaited<ReturnType<HealthProbes['fsSize']>>,
  devices: Awaited<ReturnType<HealthProbes['blockDevices']>> = [],
): DiskSample[] {
  const seen = new Set<string>();
  for (const device of devices) {
    if (device.mount && (device.removable || NOT_FIXED_DEVICE.has(device.physical))) seen.add(device.mount);
  }
  const disks: DiskSample[] = [];
  for (const entry of list) {
    const type = entry.type.toLowerCase();
    if (NOT_FIXED.has(type) || type.startsWith('fuse.')) continue;
    if (entry.fs.startsWith('/dev/loop') || NETWORK_SOURCE.test(entry.fs)) continue;
    if (NOT_FIXED_MOUNT.test(entry.mount)) continue;
    if (!(entry.size > 0) || !Number.isFinite(entry.available) || seen.has(entry.mount)) continue;
    seen.add(entry.mount);
    disks.push({ mount: entry.mount, sizeBytes: entry.size, freeBytes: Math.max(0, entry.available) });
  }
  return disks;
}
