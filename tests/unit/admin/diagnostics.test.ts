import { mkdir, writeFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ActionError, type OutboxItem, type ProbeRun } from '../../../electron/contract';
import { CODE, TOKEN, dataFolder, removeFolders, savingTarget, startAdmin, unzipped, writeLog } from './harness';

// "Diagnose exporteren" as the admin meets it: the list first, then the zip saved through the
// SaveTarget; nothing in any file of it names the device token, the enrolment code or the user.

afterEach(removeFolders);

const HOME = homedir();
const USER = userInfo().username;
const DESCRIPTION = 'Mijn printer op de tweede verdieping geeft steeds een papierstoring';
const CONTACT = { name: 'Jan de Vries', phone: '0612345678', email: 'jan@klant.nl' };

async function machineWithSecretsEverywhere() {
  const folder = await dataFolder();
  await writeFile(folder.configFile, JSON.stringify({ apiUrl: 'https://api.hallo.eu', enrollmentCode: CODE, language: 'nl' }));
  await writeLog(folder.dataDir, [{ at: '2026-12-07T07:00:00.000Z', level: 'info', scope: 'connection', msg: 'rotated away', data: { home: HOME } }], true);
  await writeLog(folder.dataDir, [
    { at: '2026-12-07T08:00:00.000Z', level: 'info', scope: 'connection', msg: `enrolling with ${CODE}` },
    { at: '2026-12-07T08:01:00.000Z', level: 'warn', scope: 'tickets', msg: 'screenshot not read', data: { path: join(HOME, 'Pictures', 'shot.png'), auth: `Bearer ${TOKEN}` } },
    { at: '2026-12-07T08:02:00.000Z', level: 'error', scope: 'hallo-api', msg: `refused token ${TOKEN}` },
  ]);
  await writeFile(join(folder.dataDir, 'policy.json'), JSON.stringify({ etag: '"p1"', fetchedAt: '2026-12-07T06:00:00Z', policy: { support: { portalUrl: 'https://portal.hallo.eu' } } }));
  const save = savingTarget();
  const admin = startAdmin({ dataDir: folder.dataDir, configFiles: [folder.configFile, join(folder.root, 'absent.json')], save });
  const state = admin.store.get();
  const probe: ProbeRun = { probe: 'temp-size', ranAt: '2026-12-07T08:10:00Z', durationMs: 12, read: true, reason: null, detail: `token=${TOKEN}`, raw: JSON.stringify({ root: join(HOME, 'AppData', 'Local', 'Temp'), user: USER }) };
  const ticket = {
    id: '01JEXAMPLE0000000000000000',
    createdAt: '2026-12-07T08:05:00Z',
    subject: 'Printer papierstoring',
    status: 'rejected',
    attempts: 3,
    nextAttemptAt: null,
    lastError: { code: 'rejected', detail: 'refused' },
    number: null,
    problems: [],
    draft: { description: DESCRIPTION, categoryId: null, impact: 'me', contact: CONTACT, relatedItemId: null, includeScreenshot: true, includeProcesses: false },
  } as unknown as OutboxItem;
  admin.store.set('checks', { ...state.checks, probes: [probe] });
  const listed = { ticketId: 't-77', number: 77, subject: 'VPN valt weg', status: 'waiting', createdAt: '2026-12-01T08:00:00Z', updatedAt: '2026-12-06T08:00:00Z', lastReply: { from: 'Jan', at: '2026-12-06T08:00:00Z', text: 'Kun je dit proberen?' }, unread: 0, pendingReplies: 2 } as const;
  admin.store.set('tickets', { ...state.tickets, outbox: [ticket], list: [listed, { ...listed, ticketId: 't-78', number: 78, pendingReplies: 0 }], contact: CONTACT as never });
  admin.store.set('device', { hostname: 'PC-Receptie 01', manufacturer: 'Dell', model: 'OptiPlex', serialNumber: 'ABC', os: { platform: 'linux', distro: 'Debian', release: '13', build: '', arch: 'x64' }, cpu: 'i5', memoryBytes: 8e9 });
  return { folder, save, admin };
}

describe('Diagnose exporteren', () => {
  it('lists the files first, then saves exactly those in one zip under the decided name', async () => {
    const { save, admin } = await machineWithSecretsEverywhere();
    const listed = await admin.capability.actions['admin.diagnosticsContents']();
    expect(listed.suggestedName).toBe('hallo-diagnose-PC-Receptie-01-20261207-0930.zip'); // 08:30 UTC in Amsterdam
    expect(listed.entries.map((e) => [e.name, e.kind])).toEqual([
      ['README.txt', 'readme'],
      ['state.json', 'state'],
      ['health-history.json', 'history'],
      ['probes.json', 'probes'],
      ['outbox.json', 'outbox'],
      ['config/1-hallo-agent.json', 'config'],
      ['config/problems.json', 'config'],
      ['policy.json', 'policy'],
      ['logs/agent.log.1', 'log'],
      ['logs/agent.log', 'log'],
    ]);

    const outcome = await admin.capability.actions['admin.exportDiagnostics']();
    expect(outcome).toMatchObject({ outcome: 'saved', path: '/exports/hallo-diagnose-PC-Receptie-01-20261207-0930.zip' });
    expect(save.saved[0]?.contentType).toBe('application/zip');
    const files = unzipped(save.saved[0]!.bytes);
    expect(Object.keys(files)).toEqual(listed.entries.map((e) => e.name));
    expect(listed.entries.map((e) => e.bytes)).toEqual(Object.values(files).map((t) => Buffer.byteLength(t)));
    expect(files['README.txt']).toContain('Agent:     1.4.0 (linux)');
    expect(files['logs/agent.log']).toContain('refused token <device-token>');
    expect(JSON.parse(files['policy.json']!)).toMatchObject({ source: 'defaults', cache: { etag: '"p1"' } });
  });

  it('has no device token, no enrolment code, no home folder and no user name in any file', async () => {
    const { save, admin } = await machineWithSecretsEverywhere();
    await admin.capability.actions['admin.exportDiagnostics']();
    const files = unzipped(save.saved[0]!.bytes);
    expect(Object.keys(files).length).toBeGreaterThan(8);
    for (const [name, text] of Object.entries(files)) {
      expect(text, name).not.toContain(TOKEN);
      expect(text, name).not.toContain(CODE);
      expect(text, name).not.toContain(HOME + '/');
      if (USER.length >= 2) expect(text, name).not.toMatch(new RegExp(`(?<![\\p{L}\\p{N}])${USER}(?![\\p{L}\\p{N}])`, 'u'));
    }
    expect(JSON.parse(files['config/1-hallo-agent.json']!)).toEqual({ apiUrl: 'https://api.hallo.eu', enrollmentCode: '<enrolment-code>', language: 'nl' });
    expect(files['probes.json']).toContain('<user>');
  });

  it('carries the outbox as metadata only: never the description, the subject or the contact', async () => {
    const { save, admin } = await machineWithSecretsEverywhere();
    await admin.capability.actions['admin.exportDiagnostics']();
    const files = unzipped(save.saved[0]!.bytes);
    expect(JSON.parse(files['outbox.json']!)).toEqual({
      entries: [{ id: '01JEXAMPLE0000000000000000', status: 'rejected', attempts: 3, createdAt: '2026-12-07T08:05:00Z', nextAttemptAt: null, error: 'rejected', number: null }],
      replies: [{ ticketId: 't-77', number: 77, waiting: 2 }],
      damaged: [],
    });
    for (const [name, text] of Object.entries(files)) {
      for (const personal of [DESCRIPTION, 'Printer papierstoring', 'VPN valt weg', 'Kun je dit proberen?', CONTACT.name, CONTACT.phone, CONTACT.email]) expect(text, name).not.toContain(personal);
    }
  });

  it('masks an enrolment code in a configuration file that is not valid JSON (the agent never learnt that code)', async () => {
    const { folder, save } = await machineWithSecretsEverywhere();
    await writeFile(folder.configFile, '{ "apiUrl": "https://api.hallo.eu", "enrollmentCode": "KLANT-9X2Q-LEAK", }');
    const admin = startAdmin({ dataDir: folder.dataDir, configFiles: [folder.configFile], save, config: {} });
    await admin.capability.actions['admin.exportDiagnostics']();
    const config = unzipped(save.saved[0]!.bytes)['config/1-hallo-agent.json'];
    expect(config).toBe('{ "apiUrl": "https://api.hallo.eu", "enrollmentCode": "<enrolment-code>", }');
  });

  it('exports what it can when a log cannot be read, and says so in README.txt', async () => {
    const { folder, save, admin } = await machineWithSecretsEverywhere();
    const current = join(folder.dataDir, 'logs', 'agent.log');
    await import('node:fs/promises').then((fs) => fs.rm(current));
    await mkdir(current); // read() fails: EISDIR
    await admin.capability.actions['admin.exportDiagnostics']();
    const files = unzipped(save.saved[0]!.bytes);
    expect(Object.keys(files)).toContain('logs/agent.log.1');
    expect(Object.keys(files)).not.toContain('logs/agent.log');
    expect(files['README.txt']).toMatch(/Could not be read, left out:\n {2}logs\/agent\.log: EISDIR/);
  });

  it('refuses with `unavailable` where the shell cannot save, and passes a full disk on as `disk-full`', async () => {
    const { folder } = await machineWithSecretsEverywhere();
    const without = startAdmin({ dataDir: folder.dataDir });
    await expect(without.capability.actions['admin.exportDiagnostics']()).rejects.toMatchObject({ code: 'unavailable' });
    const full = startAdmin({ dataDir: folder.dataDir, save: { save: () => Promise.reject(new ActionError('disk-full')) } });
    await expect(full.capability.actions['admin.exportDiagnostics']()).rejects.toMatchObject({ code: 'disk-full' });
    expect(full.log.recent()).toContainEqual(expect.objectContaining({ msg: 'diagnostics not saved', data: { code: 'disk-full' } }));
  });
});
