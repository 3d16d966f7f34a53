import { readFileSync } from 'node:fs';
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
