import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { build as bundle } from 'esbuild';
import { build, Platform, type Configuration } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBuilderConfig } from './builder-config';

// electron-builder `--dir --linux`, offline: the Electron binary cannot be downloaded here, so a
// stand-in folder (`electronDist`) holds what electron-builder copies: an `electron` executable
// and `version`. Fuses are switched off for this run only: they are flipped inside the real
// binary, which the stand-in is not (config.test.ts checks that the real build sets them).

const pkg = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
let work: string;
let asar: string;
let files: string[];

beforeAll(async () => {
  if (!existsSync(resolve('out/main/index.js')) || !existsSync(resolve('out/renderer/index.html'))) {
    execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-vite', 'build'], { stdio: 'inherit' });
  }
  work = mkdtempSync(join(tmpdir(), 'hallo-packaging-'));
  const electronDist = join(work, 'electron-dist');
  mkdirSync(electronDist);
  writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n');
  chmodSync(join(electronDist, 'electron'), 0o755);
  writeFileSync(join(electronDist, 'version'), pkg.devDependencies.electron ?? '');

  const config = loadBuilderConfig() as Configuration;
  await build({
    projectDir: process.cwd(),
    targets: Platform.LINUX.createTarget('dir'),
    publish: 'never',
    config: {
      ...config,
      electronDist,
      electronFuses: null,
      npmRebuild: false,
      directories: { ...config.directories, output: join(work, 'dist') },
    },
  });
  asar = join(work, 'dist', 'linux-unpacked', 'resources', 'app.asar');
  files = listPackage(asar, { isPack: false });
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const topLevelModules = () =>
  new Set(
    files
      .filter((file) => file.startsWith('/node_modules/'))
      .map((file) => file.split('/').slice(2, file.split('/')[2]!.startsWith('@') ? 4 : 3).join('/')),
  );

describe('packaged app (electron-builder --dir --linux)', () => {
  it('contains main, preload, renderer and the tray icons', () => {
    expect(files).toContain('/package.json');
    expect(files).toContain('/out/main/index.js');
    expect(files).toContain('/out/preload/popup.cjs');
    expect(files).toContain('/out/preload/restart.cjs');
    expect(files).toContain('/out/renderer/index.html');
    expect(files).toContain('/out/renderer/restart.html');
    // The view engine's hidden window: its preload and its page.
    expect(files).toContain('/out/preload/capture.cjs');
    expect(files).toContain('/out/renderer/capture.html');
    // Remote support's consent window and session bar.
    for (const window of ['consent', 'session-bar']) {
      expect(files).toContain(`/out/preload/${window}.cjs`);
      expect(files).toContain(`/out/renderer/${window}.html`);
    }
    expect(files.some((file) => /^\/out\/renderer\/assets\/.+\.js$/.test(file))).toBe(true);
    for (const overall of ['ok', 'attention', 'problem', 'offline', 'remote-request', 'remote-session']) {
      for (const name of [`tray-${overall}-16.png`, `tray-${overall}-32.png`, `tray-${overall}Template.png`]) {
        expect(files).toContain(`/resources/tray/${name}`);
      }
    }
  });

  it('leaves out sources, source maps and tests', () => {
    const ours = files.filter((file) => !file.startsWith('/node_modules/'));
    expect(ours.filter((file) => /\.(ts|tsx|mts|cts)$/.test(file))).toEqual([]);
    expect(files.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(ours.filter((file) => /^\/(tests|electron|renderer|build|src)(\/|$)/.test(file))).toEqual([]);
  });

  it('ships every package the main bundle leaves external, and no devDependencies', () => {
    const modules = topLevelModules();
    // Every file of out/main: the bundle, its lazy chunks, the API's validators (CommonJS).
    const code = readdirSync(resolve('out/main'), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.[cm]?js$/.test(file))
      .map((file) => readFileSync(resolve('out/main', file), 'utf8'));
    // Module specifiers of their static and dynamic imports and requires; our own files are relative.
    const specifiers = code.flatMap((bundle) => [
      ...bundle.matchAll(/^import\s[^;]*?\bfrom\s*["']([^"']+)["']/gm),
      ...bundle.matchAll(/^import\s*["']([^"']+)["']/gm),
      ...bundle.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
      ...bundle.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
    ]).map((match) => match[1]!);
    const imported = specifiers
      .filter((spec) => /^(@[\w-][\w.-]*\/)?[\w-][\w.-]*(\/.*)?$/.test(spec) && spec !== 'electron')
      .map((spec) => spec.split('/').slice(0, spec.startsWith('@') ? 2 : 1).join('/'));
    expect(imported.length).toBeGreaterThan(0);
    for (const name of new Set(imported)) expect(modules.has(name), name).toBe(true);
    const dev = Object.keys(pkg.devDependencies).filter((name) => modules.has(name));
    expect(dev).toEqual([]);
  });
});

// The reference hallo, API is a test and demo server: `npm start` in development starts it
// (electron/main/demo.ts, behind import.meta.env.DEV), a packaged app must not even contain it.
// These strings are its own (tests/reference-api/server.ts and store.ts), none of them the agent's.
const REFERENCE_SERVER_MARKERS = [
  'Portal token required',
  "The reference server's answer failed openapi.json",
  'http://reference.invalid',
  'injected-fault',
  'DEMO-',
];

describe('packaged main bundle (out/main in the asar)', () => {
  it('the markers are the reference server’s: they survive bundling and minifying it', async () => {
    const { outputFiles } = await bundle({
      entryPoints: [resolve('tests/reference-api/server.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      minify: true,
      write: false,
      logLevel: 'silent',
    });
    const server = outputFiles.map((file) => file.text).join('\n');
    for (const marker of REFERENCE_SERVER_MARKERS) expect(server, marker).toContain(marker);
  });

  it('contains no reference-server code', () => {
    const mainFiles = files.filter((file) => /^\/out\/main\/.+\.[cm]?js$/.test(file));
    expect(mainFiles).toContain('/out/main/index.js');
    // The API's validators, required beside the bundle at their first use (hallo-api/validator.ts).
    expect(mainFiles).toContain('/out/main/api-validators/schema.Policy.cjs');
    for (const file of mainFiles) {
      const code = extractFile(asar, file.slice(1)).toString('utf8');
      expect(code.length, file).toBeGreaterThan(0);
      for (const marker of REFERENCE_SERVER_MARKERS) expect(code.includes(marker), `${file} contains “${marker}”`).toBe(false);
    }
  });
});
