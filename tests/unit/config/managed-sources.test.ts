import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManagedConfig } from '../../../electron/agent/config/managed-config';
import { managedConfigSources } from '../../../electron/agent/config/managed-path';
import { MACOS_MANAGED_PREFERENCES, WINDOWS_POLICY_KEY, type SourceIo } from '../../../electron/agent/config/managed-sources';
import type { RunResult } from '../../../electron/agent/platform/run';
import { AdminView } from '../../../renderer/src/components/AdminView';
import { createI18n } from '../../../renderer/src/i18n';
import { quietAdminActions, sampleState } from '../renderer/sample-state';

// The managed configuration's sources besides config.json (README "Deployment"): the MSI's (and
// Group Policy's) registry key on Windows, a configuration profile's managed preferences on macOS.
// Recorded outputs and their sources: tests/fixtures/config/SOURCE.md.

// electron-builder's own plist reader (a dependency of app-builder-lib), for XML plists.
const { parse: parsePlist } = createRequire(import.meta.url)('plist') as { parse(xml: string): unknown };

const fixture = (name: string) => readFileSync(resolve('tests/fixtures/config', name), 'utf8');
const ERROR_MISSING = 'ERROR: The system was unable to find the specified registry key or value.\r\n';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hallo-sources-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A machine whose reg.exe and plutil answer as recorded; every command it was asked to run. */
function machine(answers: { reg?: Partial<RunResult>; plutil?: Partial<RunResult>; plist?: boolean }) {
  const runs: { file: string; args: readonly string[] }[] = [];
  const io: SourceIo = {
    async run(file, args) {
      runs.push({ file, args });
      const answer = file.endsWith('reg.exe') ? answers.reg : answers.plutil;
      return { code: 0, stdout: '', stderr: '', timedOut: false, truncated: false, ...answer };
    },
    exists: async (path) => path === MACOS_MANAGED_PREFERENCES && !!answers.plist,
  };
  return { io, runs };
}

/** What `plutil -convert json -o - <file>` prints for an XML plist. */
const plutilJson = (xml: string) => JSON.stringify(parsePlist(xml));

describe('loadManagedConfig with the Windows policy key (what the MSI writes)', () => {
  it('reads ApiUrl, EnrollmentCode and AllowedLinkHosts with reg.exe from System32, and lists the key', async () => {
    const { io, runs } = machine({ reg: { stdout: fixture('composed/reg-query.hallo-policy-key.en.txt') } });
    const loaded = await loadManagedConfig([WINDOWS_POLICY_KEY], { SystemRoot: 'D:\\Windows' }, io);
    // A SystemRoot that is not a plain drive path (the user's environment) is not followed.
    await loadManagedConfig([WINDOWS_POLICY_KEY], { SystemRoot: '\\\\evil\\share' }, io);
    expect(runs).toEqual([
      { file: 'D:\\Windows\\System32\\reg.exe', args: ['query', 'HKLM\\SOFTWARE\\Policies\\hallo\\agent'] },
      { file: 'C:\\Windows\\System32\\reg.exe', args: ['query', 'HKLM\\SOFTWARE\\Policies\\hallo\\agent'] },
    ]);
    expect(loaded).toEqual({
      config: { apiUrl: 'https://agent.hallo.eu/v1', enrollmentCode: 'ABCD-1234-EF', allowedLinkHosts: ['intranet.klant.nl', 'wiki.klant.nl'] },
      files: [WINDOWS_POLICY_KEY],
      problems: [],
    });
  });

  it('the key wins over config.json, field by field; the environment wins over both', async () => {
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ apiUrl: 'https://old.hallo.eu/v1', language: 'en' }));
    const { io } = machine({ reg: { stdout: fixture('composed/reg-query.hallo-policy-key.en.txt') } });
    const loaded = await loadManagedConfig([file, WINDOWS_POLICY_KEY], { HALLO_ENROLLMENT_CODE: 'DEV-0001' }, io);
    expect(loaded.config).toEqual({ apiUrl: 'https://agent.hallo.eu/v1', language: 'en', enrollmentCode: 'DEV-0001', allowedLinkHosts: ['intranet.klant.nl', 'wiki.klant.nl'] });
    expect(loaded.files).toEqual([file, WINDOWS_POLICY_KEY]);
  });

  it('no key (no MSI, no policy): nothing listed, no problem', async () => {
    const { io } = machine({ reg: { code: 1, stderr: ERROR_MISSING } });
    expect(await loadManagedConfig([WINDOWS_POLICY_KEY], {}, io)).toEqual({ config: {}, files: [], problems: [] });
  });

  it('the admin view lists config.json, then the key, and says what in the key it refused', async () => {
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ language: 'en' }));
    const bad = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\hallo\\agent\r\n    ApiUrl    REG_SZ    http://agent.hallo.eu/v1\r\n';
    const loaded = await loadManagedConfig([file, WINDOWS_POLICY_KEY], {}, machine({ reg: { stdout: bad } }).io);
    const state = sampleState();
    const view = createElement(AdminView, {
      state: { ...state, config: { ...state.config, files: loaded.files, problems: loaded.problems } },
      onBack: () => undefined,
      enroll: async () => undefined,
      setLanguage: () => undefined,
      actions: quietAdminActions(),
    });
    const shown = renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n('nl') }, view)).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(shown).toContain(`Gelezen bestanden ${file} ${WINDOWS_POLICY_KEY}`);
    expect(shown).toContain(`${WINDOWS_POLICY_KEY} Veld apiUrl: Deze waarde is niet geldig.`);
  });

  it('a value the agent refuses, a key it cannot read: the admin view says which and why', async () => {
    const bad = '\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\hallo\\agent\r\n    ApiUrl    REG_SZ    http://agent.hallo.eu/v1\r\n    EnrollmentCode    REG_DWORD    0x1\r\n    Colour    REG_SZ    red\r\n';
    const refused = await loadManagedConfig([WINDOWS_POLICY_KEY], {}, machine({ reg: { stdout: bad } }).io);
    expect(refused.config).toEqual({});
    expect(refused.problems.map(({ file, field, code }) => ({ file, field, code }))).toEqual([
      { file: WINDOWS_POLICY_KEY, field: 'apiUrl', code: 'invalid-value' },
      { file: WINDOWS_POLICY_KEY, field: 'enrollmentCode', code: 'invalid-value' },
      { file: WINDOWS_POLICY_KEY, field: 'colour', code: 'invalid-value' },
    ]);
    const denied = await loadManagedConfig([WINDOWS_POLICY_KEY], {}, machine({ reg: { code: 1, stderr: 'ERROR: Access is denied.' } }).io);
    expect(denied.problems).toEqual([{ file: WINDOWS_POLICY_KEY, field: '', code: 'unreadable', detail: 'ERROR: Access is denied.' }]);
    const hung = await loadManagedConfig([WINDOWS_POLICY_KEY], {}, machine({ reg: { code: null, timedOut: true } }).io);
    expect(hung.problems).toEqual([{ file: WINDOWS_POLICY_KEY, field: '', code: 'unreadable', detail: 'reg query timed out' }]);
  });
});

describe('loadManagedConfig with macOS managed preferences (a configuration profile)', () => {
  it('reads the profile example’s keys through plutil, and lists the plist', async () => {
    // The payload of build/macos/hallo-agent.mobileconfig is what the MDM writes to the plist.
    const profile = parsePlist(readFileSync(resolve('build/macos/hallo-agent.mobileconfig'), 'utf8')) as { PayloadContent: Record<string, unknown>[] };
    const payload = profile.PayloadContent.find((p) => p.PayloadType === 'eu.hallo.agent')!;
    const managed = Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
    const { io, runs } = machine({ plist: true, plutil: { stdout: JSON.stringify(managed) } });
    const loaded = await loadManagedConfig([MACOS_MANAGED_PREFERENCES], {}, io);
    expect(runs).toEqual([{ file: '/usr/bin/plutil', args: ['-convert', 'json', '-o', '-', '/Library/Managed Preferences/eu.hallo.agent.plist'] }]);
    expect(loaded).toEqual({ config: { apiUrl: 'https://agent.hallo.eu/v1', enrollmentCode: 'ABCD-1234-EF' }, files: [MACOS_MANAGED_PREFERENCES], problems: [] });
  });

  it('a real managed-preferences plist of another app: each key refused by name, nothing applied', async () => {
    const { io } = machine({ plist: true, plutil: { stdout: plutilJson(fixture('macos/managed-preferences.mattermost-example.plist')) } });
    const loaded = await loadManagedConfig([MACOS_MANAGED_PREFERENCES], {}, io);
    expect(loaded.config).toEqual({});
    expect(loaded.problems.map((p) => [p.field, p.detail])).toEqual([
      ['DefaultServerList', 'unknown setting'],
      ['EnableServerManagement', 'unknown setting'],
      ['EnableAutoUpdater', 'unknown setting'],
    ]);
  });

  it('no profile: plutil is not even asked; a plist it cannot convert is a problem', async () => {
    const none = machine({});
    expect(await loadManagedConfig([MACOS_MANAGED_PREFERENCES], {}, none.io)).toEqual({ config: {}, files: [], problems: [] });
    expect(none.runs).toEqual([]);
    const broken = await loadManagedConfig([MACOS_MANAGED_PREFERENCES], {}, machine({ plist: true, plutil: { code: 1, stderr: 'Property List error' } }).io);
    expect(broken.problems).toEqual([{ file: MACOS_MANAGED_PREFERENCES, field: '', code: 'unreadable', detail: 'plutil could not convert it (exit 1)' }]);
  });
});

describe('managedConfigSources', () => {
  it('per OS, least important first: the file, then central management', () => {
    expect(managedConfigSources('win32', { ProgramData: 'D:\\PD' })).toEqual(['D:\\PD\\hallo\\agent\\config.json', 'HKLM\\SOFTWARE\\Policies\\hallo\\agent']);
    expect(managedConfigSources('darwin', {})).toEqual(['/Library/Application Support/hallo/agent/config.json', '/Library/Managed Preferences/eu.hallo.agent.plist']);
    expect(managedConfigSources('linux', {})).toEqual(['/etc/hallo-agent/config.json']);
  });
});
