import { posix, win32 } from 'node:path';

/** Where the installer or the admin's deployment tool puts the machine-wide config, per OS. */
export function managedConfigPath(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (platform === 'win32') return win32.join(env.ProgramData || 'C:\\ProgramData', 'hallo', 'agent', 'config.json');
  if (platform === 'darwin') return posix.join('/Library/Application Support/hallo/agent/config.json');
  return '/etc/hallo-agent/config.json';
}
