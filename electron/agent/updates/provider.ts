import { createPowerShellHost, type PowerShellHost } from '../platform/powershell-host';
import type { Clock } from '../ports';
import { createAptProvider } from './providers/apt';
import { createDnfProvider } from './providers/dnf';
import { createMacProvider } from './providers/macos';
import { createWindowsProvider } from './providers/windows';
import { nodeProviderIo, type ProviderIo } from './tool';
import type { UpdatesProvider } from './types';

/** Which package manager a Linux distribution uses, from /etc/os-release (`ID`, `ID_LIKE`). */
export function linuxFamily(osRelease: string): 'apt' | 'dnf' | null {
  const field = (name: string) => new RegExp(`^${name}=["']?([^"'\\n]*)`, 'm').exec(osRelease)?.[1]?.toLowerCase().split(/\s+/) ?? [];
  const ids = [...field('ID'), ...field('ID_LIKE')];
  if (ids.some((id) => id === 'debian' || id === 'ubuntu')) return 'apt';
  if (ids.some((id) => id === 'fedora' || id === 'rhel' || id === 'centos')) return 'dnf';
  return null;
}

const unsupported = (now: () => number, detail: string): UpdatesProvider => ({
  id: 'none',
  async check() {
    const problem = { code: 'unsupported' as const, tool: 'hallo,', detail };
    return { provider: 'none', checkedAt: new Date(now()).toISOString(), pending: { problem }, restart: { problem } };
  },
});

export interface ProviderOptions {
  clock: Clock;
  platform?: NodeJS.Platform;
  io?: ProviderIo;
  /** Windows: the shared PowerShell host; made here when the caller has none. */
  powershell?: PowerShellHost;
}

/** The provider of this machine. */
export async function providerForThisMachine(options: ProviderOptions): Promise<UpdatesProvider> {
  const { clock, platform = process.platform, io = nodeProviderIo } = options;
  const now = () => clock.now();
  if (platform === 'win32') return createWindowsProvider(options.powershell ?? createPowerShellHost({ clock }), now);
  if (platform === 'darwin') return createMacProvider(io, now);
  if (platform !== 'linux') return unsupported(now, `no provider for ${platform}`);
  const family = linuxFamily((await io.readText('/etc/os-release').catch(() => null)) ?? '');
  if (family === 'apt') return createAptProvider(io, now);
  if (family === 'dnf') return createDnfProvider(io, now);
  return unsupported(now, 'a Linux distribution without apt or dnf');
}
