import { posix, win32 } from 'node:path';
import { MACOS_MANAGED_PREFERENCES, WINDOWS_POLICY_KEY } from './managed-sources';

/** Where the installer or the admin's deployment tool puts the machine-wide config, per OS. */
export function managedConfigPath(platform: NodeJS.Platform, env: Record<string, string | undefined>): string {
  if (platform === 'win32') return win32.join(env.ProgramData || 'C:\\ProgramData', 'hallo', 'agent', 'config.json');
  if (platform === 'darwin') return posix.join('/Library/Application Support/hallo/agent/config.json');
  return '/etc/hallo-agent/config.json';
}

/**
 * Every managed source on this OS, least important first: the file an installer or the admin
 * writes, then what central management sets (Group Policy or Intune through the MSI's registry
 * values; an MDM's configuration profile), which wins where both say something.
 */
export function managedConfigSources(platform: NodeJS.Platform, env: Record<string, string | undefined>): string[] {
  const file = managedConfigPath(platform, env);
  if (platform === 'win32') return [file, WINDOWS_POLICY_KEY];
  if (platform === 'darwin') return [file, MACOS_MANAGED_PREFERENCES];
  return [file];
}
