import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WINDOWS_POLICY_KEY } from '../../electron/agent/config/managed-sources';
import { MACHINE_AUTOSTART_MARKER } from '../../electron/main/login';
import { loadBuilderConfig } from './builder-config';

// The MSI (README "Deployment"): electron-builder's MsiTarget writes the WiX project from its
// template, then our msiProjectCreated hook (build/msi-project-created.mjs) adds APIURL and
// ENROLLMENTCODE as registry values and the start at login. WiX itself cannot run here (it is
// downloaded at build time), so the project is checked as XML, element by element.

const require = createRequire(import.meta.url);
const config = loadBuilderConfig() as Record<string, unknown> & { msi: Record<string, unknown>; win: Record<string, unknown>; msiProjectCreated: string };
type Hook = { msiProjectCreated(file: string): Promise<void>; withManagedConfig(wxs: string): string; POLICY_KEY: string };
const { DOMParser } = require('@xmldom/xmldom') as { DOMParser: new () => { parseFromString(xml: string, type: string): XmlDocument } };
interface XmlElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
  getElementsByTagName(name: string): ArrayLike<XmlElement>;
  parentNode: XmlElement | null;
}
type XmlDocument = XmlElement;

let work: string;
let hook: Hook;
let project: string;
let doc: XmlDocument;

const elements = (root: XmlElement, name: string) => Array.from(root.getElementsByTagName(name));
const byId = (name: string, id: string) => elements(doc, name).find((element) => element.getAttribute('Id') === id);

/** The WiX project electron-builder writes for this configuration, over a stand-in app folder. */
async function electronBuilderProject(): Promise<string> {
  // The package's entry first: its modules import each other in a circle that starts there.
  require('app-builder-lib');
  const MsiTarget = (require('app-builder-lib/out/targets/MsiTarget') as { default: new (...args: unknown[]) => { writeManifest(dir: string, arch: number, options: unknown): Promise<string> } }).default;
  const { getEffectiveOptions } = require('app-builder-lib/out/options/CommonWindowsInstallerConfiguration') as { getEffectiveOptions(options: unknown, packager: unknown): unknown };
  const { Arch } = require('builder-util') as { Arch: { x64: number } };
  const appDir = join(work, 'win-unpacked');
  mkdirSync(join(appDir, 'resources'), { recursive: true });
  mkdirSync(join(appDir, 'locales'), { recursive: true });
  for (const file of ['hallo, agent.exe', 'ffmpeg.dll', 'resources/app.asar', 'locales/nl.pak']) writeFileSync(join(appDir, file), 'stand-in');
  const appInfo = {
    id: 'eu.hallo.agent',
    productName: 'hallo, agent',
    productFilename: 'hallo, agent',
    sanitizedProductName: 'hallo, agent',
    sanitizedName: 'hallo-agent',
    companyName: 'hallo,',
    description: 'hallo, agent',
    getVersionInWeirdWindowsForm: () => '0.1.0.0',
  };
  const packager = {
    config,
    platformSpecificBuildOptions: config.win,
    appInfo,
    compression: 'normal',
    fileAssociations: [],
    getIconPath: async () => null,
    expandMacro: (text: string) => text,
  };
  const target = new MsiTarget(packager, join(work, 'dist'));
  const options = { ...config.win, ...config.msi };
  return target.writeManifest(appDir, Arch.x64, getEffectiveOptions(options, packager));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'hallo-msi-'));
  hook = (await import(pathToFileURL(resolve(config.msiProjectCreated)).href)) as Hook;
  // The hook as electron-builder calls it: on the project file, in place.
  const file = join(work, 'project.wxs');
  writeFileSync(file, await electronBuilderProject());
  await hook.msiProjectCreated(file);
  project = readFileSync(file, 'utf8');
  doc = new DOMParser().parseFromString(project, 'text/xml');
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('MSI: APIURL and ENROLLMENTCODE', () => {
  it('electron-builder.yml: per machine, x64, named as documented, with the hook', () => {
    expect(config.msiProjectCreated).toBe('./build/msi-project-created.mjs');
    expect(config.msi).toMatchObject({ perMachine: true, artifactName: 'hallo-agent-${version}-${arch}.${ext}' });
    expect(byId('Property', 'ALLUSERS')?.getAttribute('Value')).toBe('1');
  });

  it('the README’s msiexec line names the artifact as built and the project’s public properties', () => {
    const line = /^msiexec \/i (\S+) \/qn (.+)$/m.exec(readFileSync(resolve('README.md'), 'utf8'));
    expect(line?.[1]).toBe(String(config.msi.artifactName).replace('${version}', '0.1.0').replace('${arch}', 'x64').replace('${ext}', 'msi'));
    const properties = [...line![2]!.matchAll(/([A-Z]+)=/g)].map((m) => m[1]!);
    expect(properties).toEqual(['APIURL', 'ENROLLMENTCODE']);
    for (const property of properties) expect(byId('Property', property)?.getAttribute('Secure')).toBe('yes');
  });

  it('the project stays well-formed WiX, with the template’s files still in it', () => {
    expect(doc.getElementsByTagName('parsererror').length).toBe(0);
    expect(elements(doc, 'Product')).toHaveLength(1);
    expect(elements(doc, 'File').map((file) => file.getAttribute('Name'))).toEqual(expect.arrayContaining(['hallo, agent.exe', 'app.asar', 'nl.pak']));
  });

  it('each property becomes its registry value under the policy key the agent reads, only when given, kept on uninstall', () => {
    expect(`HKLM\\${hook.POLICY_KEY}`).toBe(WINDOWS_POLICY_KEY);
    for (const [id, property, name] of [
      ['halloPolicyApiUrl', 'APIURL', 'ApiUrl'],
      ['halloPolicyEnrollmentCode', 'ENROLLMENTCODE', 'EnrollmentCode'],
    ] as const) {
      expect(byId('Property', property)?.getAttribute('Secure')).toBe('yes');
      const component = byId('Component', id)!;
      expect(component.getAttribute('Permanent')).toBe('yes');
      expect(elements(component, 'Condition').map((c) => c.textContent)).toEqual([property]);
      const [value] = elements(component, 'RegistryValue');
      expect([value?.getAttribute('Root'), value?.getAttribute('Key'), value?.getAttribute('Name'), value?.getAttribute('Type'), value?.getAttribute('Value')]).toEqual([
        'HKLM',
        String.raw`SOFTWARE\Policies\hallo\agent`,
        name,
        'string',
        `[${property}]`,
      ]);
      // In the product's one feature, so that it is installed at all.
      expect(elements(byId('Feature', 'ProductFeature')!, 'ComponentRef').map((ref) => ref.getAttribute('Id'))).toContain(id);
    }
  });

  it('launch conditions refuse one property without the other, and an APIURL that is not https', () => {
    const conditions = elements(doc, 'Condition').filter((c) => c.parentNode?.tagName === 'Product');
    const texts = conditions.map((c) => c.textContent);
    expect(texts).toContain('Installed OR (APIURL AND ENROLLMENTCODE) OR (NOT APIURL AND NOT ENROLLMENTCODE)');
    expect(texts).toContain('Installed OR NOT APIURL OR APIURL << "https://"');
    expect(conditions.map((c) => c.getAttribute('Message'))).toContain('hallo, agent: APIURL must be an https URL, e.g. APIURL="https://agent.hallo.eu/v1".');
  });

  it('start at login for every user: HKLM Run to the installed exe, and the marker the shell looks for', () => {
    const component = byId('Component', 'halloMachineAutostart')!;
    expect(component.getAttribute('Permanent')).toBeFalsy(); // removed on uninstall
    const [run] = elements(component, 'RegistryValue');
    expect([run?.getAttribute('Root'), run?.getAttribute('Key'), run?.getAttribute('Name'), run?.getAttribute('Value')]).toEqual([
      'HKLM',
      String.raw`Software\Microsoft\Windows\CurrentVersion\Run`,
      'hallo agent',
      '"[#mainExecutable]"',
    ]);
    expect(elements(doc, 'File').find((file) => file.getAttribute('Id') === 'mainExecutable')?.getAttribute('Name')).toBe('hallo, agent.exe');
    const [marker] = elements(component, 'IniFile');
    const resources = elements(doc, 'Directory').find((dir) => dir.getAttribute('Name') === 'APPLICATIONFOLDER:\\resources\\');
    expect(marker?.getAttribute('Name')).toBe(MACHINE_AUTOSTART_MARKER);
    expect(marker?.getAttribute('Directory')).toBe(resources?.getAttribute('Id'));
  });

  it('a template without what the hook edits stops the build instead of making an MSI without it', () => {
    expect(() => hook.withManagedConfig(project)).toThrow('already applied');
    expect(() => hook.withManagedConfig('<Wix><Product></Product></Wix>')).toThrow('resources folder');
  });
});
