import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { loadBuilderConfig } from './builder-config';
import { PUBLISHER_NAMES } from '../../electron/main/machine-update/publisher';

// electron-builder's own JSON schema (draft-07), the one it validates configurations with.
const schema = JSON.parse(readFileSync(resolve('node_modules/app-builder-lib/scheme.json'), 'utf8')) as object;
const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);

describe('electron-builder.yml', () => {
  const config = loadBuilderConfig();

  it('passes electron-builder’s schema', () => {
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  it('the schema check can fail: a misspelt option is refused', () => {
    expect(validate({ ...config, nsis: { perMachin: true } })).toBe(false);
  });

  it('sets the Electron fuses of the security baseline', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
    expect(config.asar).toBe(true);
  });

  it('Windows: per-machine NSIS for x64 and arm64, MSI for x64; macOS dmg and pkg, without a Dock icon; Linux AppImage and deb', () => {
    expect(config.appId).toBe('eu.hallo.agent');
    expect(config.nsis).toMatchObject({ perMachine: true, oneClick: false });
    const win = config.win as { target: { target: string; arch: string[] }[] };
    expect(win.target).toEqual([
      { target: 'nsis', arch: ['x64', 'arm64'] },
      { target: 'msi', arch: ['x64'] },
    ]);
    expect(config.msi).toMatchObject({ perMachine: true, artifactName: 'hallo-agent-${version}-${arch}.${ext}' });
    const mac = config.mac as { target: { target: string }[]; extendInfo: Record<string, unknown> };
    expect(mac.target.map((t) => t.target)).toEqual(['dmg', 'pkg']);
    expect(config.pkg).toEqual({ artifactName: 'hallo-agent-${version}-mac.${ext}', isRelocatable: false });
    expect(mac.extendInfo.LSUIElement).toBe(true);
    const linux = config.linux as { target: { target: string }[]; maintainer: string };
    expect(linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(linux.maintainer).toBe('hallo, <servicedesk@hallo.eu>');
    expect(config.publish).toEqual({ provider: 'generic', url: 'https://updates.hallo.eu/agent/${os}' });
  });

  it("self-update's two signature checks name the same publisher: electron-updater's (as the user) and the update task's (as SYSTEM)", () => {
    const win = config.win as { signtoolOptions: { publisherName: string | string[] } };
    expect([win.signtoolOptions.publisherName].flat()).toEqual(PUBLISHER_NAMES);
  });

  it('packs only the built app', () => {
    expect(config.files).toEqual(['package.json', 'out/**', 'resources/**', '!**/*.map', '!**/*.ts']);
  });
});
