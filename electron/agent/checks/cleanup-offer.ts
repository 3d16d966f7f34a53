import type { StatusItem } from '../../contract';

/**
 * The disk the user's temp folder lives on, by its mount as the health probes name it: the OS's own
 * disk. Cleaning temp files frees space there and nowhere else, so only its line offers it.
 */
export function systemMounts(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  if (platform === 'win32') return [env.SystemDrive ?? 'C:'];
  // macOS since Catalina: the user's files live on the Data volume, mounted beside the sealed system.
  if (platform === 'darwin') return ['/', '/System/Volumes/Data'];
  return ['/'];
}

/**
 * The checklist lines that offer "Tijdelijke bestanden opruimen" (state.checks.cleanup.itemIds):
 * the temp-files line when it needs attention, and the system disk's line when space is low or
 * critical. Only lines that are there: an offer never points at nothing.
 */
export function cleanupItemIds(checks: readonly StatusItem[], health: readonly StatusItem[], mounts: readonly string[]): string[] {
  const ids = checks.filter((item) => item.check === 'temp-files' && item.severity === 'attention').map((item) => item.id);
  for (const item of health) {
    const low = item.code === 'health.disk-space.low' || item.code === 'health.disk-space.critical';
    const mount = String(item.params.mount).toLowerCase(); // Windows drive letters come in either case
    if (low && mounts.some((m) => m.toLowerCase() === mount)) ids.push(item.id);
  }
  return ids;
}
