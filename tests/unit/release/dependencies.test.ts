import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The offline part of a release audit (README, "How releases are audited"): `npm audit` needs the
// advisory service, these need only the files. What ships is what the app's own code imports.

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dev?: boolean;
}
const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const lock = JSON.parse(readFileSync(resolve('package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry & Record<string, unknown>> };

/** The code that goes into the app (electron-vite's main, preload and renderer inputs); the preview and tests do not ship. */
const SHIPPED = ['electron/agent', 'electron/contract', 'electron/main', 'electron/preload', 'renderer/src'];

function sources(dir: string): string[] {
  return readdirSync(resolve(dir), { withFileTypes: true, recursive: true })
    // .cjs: the API's validators, compiled ahead (electron/agent/hallo-api/api-validators/), ship beside main.
    .filter((entry) => entry.isFile() && /\.(ts|tsx|cjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts'))
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'));
}

function importedPackages(text: string): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
  return specifiers.filter((spec) => !spec.startsWith('.') && !spec.startsWith('node:')).map((spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
}

describe('dependencies', () => {
  it('every runtime dependency is imported by code that ships (others are devDependencies until used)', () => {
    const imported = new Set(SHIPPED.flatMap(sources).flatMap(importedPackages));
    expect(Object.keys(pkg.dependencies).filter((name) => !imported.has(name))).toEqual([]);
  });

  it('the lockfile matches package.json, and every package in it is pinned by a sha512 hash from the registry', () => {
    const root = lock.packages['']!;
    expect(root.dependencies).toEqual(pkg.dependencies);
    expect(root.devDependencies).toEqual(pkg.devDependencies);
    const loose = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .filter(([, entry]) => entry.link || !entry.integrity?.startsWith('sha512-') || (entry.resolved !== undefined && !entry.resolved.startsWith('https://registry.npmjs.org/')))
      .map(([path]) => path);
    expect(loose).toEqual([]);
  });

  it('a runtime dependency is not marked dev in the lockfile (npm ci --omit=dev would drop it)', () => {
    const dropped = Object.keys(pkg.dependencies).filter((name) => lock.packages[`node_modules/${name}`]?.dev === true);
    expect(dropped).toEqual([]);
  });
});
