import type { DiskSample } from './collect-disks';

/**
 * The mount of the disk that holds the OS, as the disk-space items name it (`disk-space:<mount>`):
 * Windows' system drive (`SystemDrive`, C: unless Windows was installed elsewhere), `/` elsewhere
 * (on macOS the system volume shares its free space with the data volume).
 */
export function systemMount(platform: string, systemDrive?: string): string {
  if (platform !== 'win32') return '/';
  return systemDrive && /^[A-Za-z]:$/.test(systemDrive) ? systemDrive.toUpperCase() : 'C:';
}

/** That disk among the PC's fixed disks, or null when it was not measured. Windows' drive letters in any case. */
export function systemDisk<D extends Pick<DiskSample, 'mount'>>(disks: readonly D[], mount: string): D | null {
  const wanted = mount.replace(/\\$/, '').toUpperCase();
  return disks.find((disk) => disk.mount.replace(/\\$/, '').toUpperCase() === wanted) ?? null;
}
