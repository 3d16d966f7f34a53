import type { PowerShellHost } from '../../platform/powershell-host';
import type { Clock } from '../../ports';
import { nodeProviderIo, type ProviderIo } from '../../updates/tool';
import { failedFindings } from '../checker';
import type { ChecksSource } from '../types';

export interface ThisMachineOptions {
  clock: Clock;
  /** Windows: the agent's one PowerShell host (ctx.powershell()), asked for only there. */
  powershell: () => PowerShellHost;
  platform?: NodeJS.Platform;
  /** How the macOS and Linux tools run (updates/tool.ts's, so that both capabilities run tools one way). */
  io?: ProviderIo;
  /** The temp folders to size: `user` (the employee's own) and `system` (the OS's). */
  tempDirs: { user: string[]; system: string[] };
}

/** A source for an OS that has no probes: every check asked for is unknown, `unsupported`. */
export function unsupportedSource(detail: string): ChecksSource {
  return { read: async (which) => ({ findings: failedFindings(which, 'unsupported', detail), probes: [] }) };
}

/**
 * This machine's probes: Windows one PowerShell script on the shared host, macOS and Linux their
 * tools; the temp folders measured beside them where the script does not. Loaded at the first
 * check (checks/capability.ts imports this module then), never at start.
 */
export async function checksSourceForThisMachine(options: ThisMachineOptions): Promise<ChecksSource> {
  const { platform = process.platform } = options;
  void (options.io ?? nodeProviderIo);
  // TODO(h-win2, h-unix, h-temp): createWindowsChecksSource (win32), createMacChecksSource (darwin),
  // createLinuxChecksSource (linux) plus measureTemp for tempFiles on macOS and Linux, once their
  // branches land; until then every check says "unknown: not supported here".
  return unsupportedSource(`no checks source for ${platform} in this build yet`);
}
