import type { ProbeRun } from '../../../contract';
import type { PowerShellHost } from '../../platform/powershell-host';
import type { Clock } from '../../ports';
import { nodeProviderIo, type ProviderIo } from '../../updates/tool';
import { failedFindings } from '../checker';
import { measureTemp, type TempDirs } from '../temp/size';
import type { CheckName, ChecksReading, ChecksSource } from '../types';

export interface ThisMachineOptions {
  clock: Clock;
  /** Windows: the agent's one PowerShell host (ctx.powershell()), asked for only there. */
  powershell: () => PowerShellHost;
  platform?: NodeJS.Platform;
  /** How the macOS and Linux tools run (updates/tool.ts's, so that both capabilities run tools one way). */
  io?: ProviderIo;
  /** The temp folders to size: `user` (the employee's own) and `system` (the OS's). */
  tempDirs: TempDirs;
}

/** A source for an OS that has no probes: every check asked for is unknown, `unsupported`. */
export function unsupportedSource(detail: string): ChecksSource {
  return { read: async (which) => ({ findings: failedFindings(which, 'unsupported', detail), probes: [] }) };
}

/** The temp folders measured in Node (macOS, Linux: Windows' script sizes them itself), as a probe run for admins. */
async function readTemp(options: ThisMachineOptions): Promise<ChecksReading> {
  const started = options.clock.now();
  const measured = await measureTemp(options.tempDirs);
  const probe: ProbeRun = {
    probe: 'temp-size',
    ranAt: new Date(started).toISOString(),
    durationMs: options.clock.now() - started,
    read: 'value' in measured,
    reason: 'unknown' in measured ? measured.unknown : null,
    detail: 'unknown' in measured ? measured.detail : null,
    raw: JSON.stringify('value' in measured ? measured.value : measured).slice(0, 4000),
  };
  const finding = 'value' in measured ? { value: { userBytes: measured.value.userBytes, systemBytes: measured.value.systemBytes } } : measured;
  return { findings: { tempFiles: finding }, probes: [probe] };
}

/** The OS's own probes for every check but the temp files, and the temp folders measured beside them. */
function withTemp(os: ChecksSource, options: ThisMachineOptions): ChecksSource {
  return {
    async read(which) {
      const rest = new Set<CheckName>([...which].filter((name) => name !== 'tempFiles'));
      const [own, temp] = await Promise.all([rest.size ? os.read(rest) : { findings: {}, probes: [] }, which.has('tempFiles') ? readTemp(options) : { findings: {}, probes: [] }]);
      return { findings: { ...own.findings, ...temp.findings }, probes: [...own.probes, ...temp.probes] };
    },
  };
}

/**
 * This machine's probes: Windows one PowerShell script on the shared host (it sizes the temp
 * folders too), macOS and Linux their tools with the temp folders measured beside them. Loaded at
 * the first check (checks/capability.ts imports this module then), never at start.
 */
export async function checksSourceForThisMachine(options: ThisMachineOptions): Promise<ChecksSource> {
  const { platform = process.platform } = options;
  void (options.io ?? nodeProviderIo);
  // TODO(h-win2): createWindowsChecksSource for win32 (the script's document, temp sizes included).
  if (platform === 'win32') return unsupportedSource('no Windows checks source in this build yet');
  // TODO(h-unix): createMacChecksSource (darwin) and createLinuxChecksSource (linux) for the other checks.
  if (platform === 'darwin' || platform === 'linux') return withTemp(unsupportedSource(`no ${platform} checks source in this build yet`), options);
  return unsupportedSource(`no checks source for ${platform}`);
}
