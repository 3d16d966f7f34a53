import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Get-AuthenticodeSignature's JSON (tests/fixtures/machine-update/SOURCE.md says where each is from). */
export const signature = {
  hallo: fixture('composed/signed-hallo.json'),
  otherPublisher: fixture('other-publisher.electron-builder-2096.json'),
  notSigned: fixture('not-signed.electron-builder-3714.json'),
};

function fixture(name: string): string {
  return readFileSync(join(process.cwd(), 'tests/fixtures/machine-update', name), 'utf8');
}

/** The same output with the path PowerShell reports set to `path` (where the test's staging folder is). */
export const at = (json: string, path: string) => JSON.stringify({ ...(JSON.parse(json) as object), Path: path });

/** One user's inbox and SYSTEM's folder, under a fresh temporary root (inbox made; staging is the task's to make). */
export interface MachineUpdateDirs {
  inbox: string;
  staging: string;
  log: string;
}
export function machineDirs(prefix: string): { root: string; dirs: MachineUpdateDirs } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const dirs = { inbox: join(root, 'inbox'), staging: join(root, 'staging'), log: join(root, 'task.log') };
  mkdirSync(dirs.inbox);
  return { root, dirs };
}

/** `VersionInfo | Select-Object ProductName, ProductVersion | ConvertTo-Json -Compress` for an installer of ours. */
export const versionInfo = (version: string, productName = 'hallo, agent') => JSON.stringify({ ProductName: productName, ProductVersion: version });
