// The codes of the updates capability: what an update is, why a restart is pending, why a check
// could not be done. Kept free of zod: the renderer reads them too. Words for each live in the
// catalogs under `updates.class`, `updates.reason` and `updates.problem` (a test holds them).

/**
 * How hallo, and the employee name an update. Windows classifies by CategoryID (never by the
 * translated name); the package managers only tell security from the rest.
 */
export const UPDATE_CLASSES = ['security', 'critical', 'update', 'upgrade', 'service-pack', 'driver', 'definition'] as const;
export type UpdateClass = (typeof UPDATE_CLASSES)[number];

/**
 * Why a restart is pending now, one code per source (windows-probes.md, restart-and-updates.md).
 * Soft reasons are filled by antivirus, browsers and installers and are often stale: they are
 * reported, but never alone make a prompt (`SOFT_RESTART_REASONS`).
 */
export const RESTART_REASONS = [
  'servicing', // CBS RebootPending, RebootInProgress or PackagesPending
  'windows-update', // WindowsUpdate\Auto Update\RebootRequired
  'update-service', // WindowsUpdate\Services\Pending\<GUID>
  'update-agent', // Microsoft.Update.SystemInfo.RebootRequired
  'intune', // IntuneManagementExtension\RebootSettings\RebootFlag
  'computer-rename', // ActiveComputerName differs from ComputerName
  'file-rename', // PendingFileRenameOperations (soft)
  'office-updater', // Microsoft\Updates\UpdateExeVolatile (soft)
  'packages', // Debian/Ubuntu /var/run/reboot-required (.pkgs names them)
  'core-libraries', // Fedora/RHEL needs-restarting -r
] as const;
export type RestartReasonCode = (typeof RESTART_REASONS)[number];
export const SOFT_RESTART_REASONS: readonly RestartReasonCode[] = ['file-rename', 'office-updater'];

/** Why an update check gave no answer: for admins, beside the employee's plain "unknown". */
export const UPDATES_PROBLEMS = [
  'timeout', // the tool ran past its time and was stopped
  'failed', // it exited with an error
  'unreadable', // it printed something we cannot read
  'missing', // the tool is not installed here
  'unsupported', // this OS has no way to tell
] as const;
export type UpdatesProblemCode = (typeof UPDATES_PROBLEMS)[number];
