import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadBuilderConfig } from './builder-config';

const require = createRequire(import.meta.url);

export const debConfig = loadBuilderConfig() as {
  productName: string;
  linux: Record<string, unknown> & { executableName: string };
  deb: Record<string, unknown> & { afterInstall?: string; afterRemove?: string; fpm?: string[] };
};

/** The deb's scripts as electron-builder puts them into the package: its own FpmTarget renders them. */
export async function renderDebScripts(deb: Record<string, unknown>, into: string): Promise<{ afterInstall: string; afterRemove: string }> {
  const FpmTarget = (require('app-builder-lib/out/targets/FpmTarget') as { default: new (...args: unknown[]) => { scriptFiles: Promise<Record<string, string>> } }).default;
  const { sanitizeFileName } = require('builder-util/out/filename') as { sanitizeFileName: (name: string) => string };
  mkdirSync(into, { recursive: true });
  let n = 0;
  const packager = {
    projectDir: process.cwd(),
    config: { ...debConfig, deb },
    platformSpecificBuildOptions: debConfig.linux,
    executableName: debConfig.linux.executableName,
    appInfo: { sanitizedProductName: sanitizeFileName(debConfig.productName), productFilename: debConfig.linux.executableName },
    info: { tempDirManager: { getTempFile: async ({ suffix }: { suffix: string }) => join(into, `${n++}-${suffix}`) } },
  };
  const files = await new FpmTarget('deb', packager, {}, into).scriptFiles;
  return { afterInstall: files.afterInstall!, afterRemove: files.afterRemove! };
}
