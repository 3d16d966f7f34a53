import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, __reset } from '../doubles/electron';
import { SelfUpdateError } from '../../electron/agent/selfupdate/errors';
import { createShellUpdater, lazyShellUpdater, loadAutoUpdater, selfUpdateErrorOf } from '../../electron/main/updater';
import { createMachineHandoff } from '../../electron/main/machine-update/handoff';
import { machineDirs, type MachineUpdateDirs } from './machine-update/fixtures';
import { startReferenceApi } from '../reference-api/server';

// The shell's AppUpdater over the real electron-updater (6.8), whose requests go through the
// double's net.request (node:http) to a feed served here on 127.0.0.1: what a generic-provider
// feed says, as the agent hears it. The app's version is the double's, 0.1.0.

type Answer = { status?: number; body?: string | Buffer; hangUp?: boolean };
const files = new Map<string, Answer>();
const requested: string[] = [];
let server: Server;
let feedUrl: string;
let cacheHome: string;

const INSTALLER = Buffer.from('hallo, agent 0.2.0 installer bytes');
const sha512 = (bytes: Buffer) => createHash('sha512').update(bytes).digest('base64');
/** latest.yml as electron-builder writes it (quoted releaseDate, files with sha512 and size). */
function feed(version: string, opts: { sha?: string; extra?: string } = {}): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: hallo-agent-${version}-linux-x86_64.AppImage`,
    `    sha512: ${opts.sha ?? sha512(INSTALLER)}`,
    `    size: ${INSTALLER.length}`,
    `path: hallo-agent-${version}-linux-x86_64.AppImage`,
    `sha512: ${opts.sha ?? sha512(INSTALLER)}`,
    "releaseDate: '2026-12-01T10:00:00.000Z'",
    opts.extra ?? '',
  ].join('\n');
}
/** The channel file electron-updater asks for on this platform: latest.yml, latest-linux.yml, latest-mac.yml. */
const channelFile = (channel: string) => `${channel}${process.platform === 'darwin' ? '-mac' : process.platform === 'linux' ? '-linux' : ''}.yml`;

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requested.push(path);
    const answer = files.get(path);
    if (answer?.hangUp) return void request.socket.destroy();
    response.writeHead(answer?.status ?? (answer ? 200 : 404));
    response.end(answer?.body ?? '');
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  feedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/agent/linux`;
  // electron-updater keeps downloads in <cache>/<updaterCacheDirName>/pending (XDG_CACHE_HOME on Linux).
  cacheHome = mkdtempSync(join(tmpdir(), 'hallo-updater-cache-'));
});
afterAll(() => new Promise<void>((closed) => server.close(() => closed())));

beforeEach(() => {
  __reset();
  files.clear();
  requested.length = 0;
  vi.stubEnv('XDG_CACHE_HOME', cacheHome);
});
afterEach(() => vi.unstubAllEnvs());

/**
 * A real electron-updater updater (the AppImageUpdater, which `autoUpdater` is on Linux; a fresh
 * one per test, as each app has one), active as in a packaged app, behind the adapter.
 */
async function shellUpdater() {
  app.__ready(); // electron-updater waits for it before each check
  const { default: electronUpdater } = await import('electron-updater');
  const engine = new electronUpdater.AppImageUpdater();
  // What a packaged app has: resources/app-update.yml (written by electron-builder from `publish`).
  const config = join(mkdtempSync(join(tmpdir(), 'hallo-updater-config-')), 'app-update.yml');
  writeFileSync(config, 'provider: generic\nurl: https://updates.hallo.eu/agent/linux\nupdaterCacheDirName: hallo-agent-updater\n');
  Object.assign(engine, { forceDevUpdateConfig: true, updateConfigPath: config, disableDifferentialDownload: true });
  // AppImageUpdater replaces the running AppImage; it wants to know which one.
  vi.stubEnv('APPIMAGE', join(cacheHome, 'hallo-agent-0.1.0.AppImage'));
  return { engine, updater: createShellUpdater(engine) };
}

const failure = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

describe('the shell updater (electron-updater, generic provider)', () => {
  it("loads electron-updater's autoUpdater as the app's ES module main does (from the default export)", async () => {
    const engine = await loadAutoUpdater();
    expect(typeof engine.checkForUpdates).toBe('function');
    expect(typeof engine.isUpdaterActive).toBe('function');
  });

  it('finds a newer version on the feed, for the stable channel, and leaves downloading to the agent', async () => {
    files.set(`/agent/linux/${channelFile('latest')}`, { body: feed('0.2.0') });
    const { engine, updater } = await shellUpdater();
    expect(await updater.check({ url: feedUrl, channel: 'stable' })).toEqual({ version: '0.2.0', releaseDate: '2026-12-01T10:00:00.000Z' });
    expect(requested).toEqual([`/agent/linux/${channelFile('latest')}`]);
    expect(engine.autoDownload).toBe(false);
    expect(requested.some((path) => path.endsWith('.AppImage'))).toBe(false);
  });

  it('reads the beta channel file for beta', async () => {
    files.set(`/agent/linux/${channelFile('beta')}`, { body: feed('0.3.0-beta.1') });
    const { updater } = await shellUpdater();
    expect((await updater.check({ url: feedUrl, channel: 'beta' })).version).toBe('0.3.0-beta.1');
    expect(requested).toEqual([`/agent/linux/${channelFile('beta')}`]);
  });

  it('returns the feed version when it is the same or older, so the agent can tell "up to date" from "older"; an older one is never downloaded', async () => {
    const { engine, updater } = await shellUpdater();
    files.set(`/agent/linux/${channelFile('latest')}`, { body: feed('0.1.0') });
    expect((await updater.check({ url: feedUrl, channel: 'stable' })).version).toBe('0.1.0');
    files.set(`/agent/linux/${channelFile('latest')}`, { body: feed('0.0.9') });
    expect((await updater.check({ url: feedUrl, channel: 'stable' })).version).toBe('0.0.9');
    expect(engine.allowDowngrade).toBe(false);
    const refused = await failure(updater.download());
    expect(refused).toBeInstanceOf(SelfUpdateError);
    expect((refused as SelfUpdateError).code).toBe('download-failed');
    expect(requested.some((path) => path.endsWith('.AppImage'))).toBe(false);
  });

  it("does not hold a device back by the feed's own stagingPercentage: the agent's bucket decides", async () => {
    files.set(`/agent/linux/${channelFile('latest')}`, { body: feed('0.2.0', { extra: 'stagingPercentage: 0' }) });
    files.set('/agent/linux/hallo-agent-0.2.0-linux-x86_64.AppImage', { body: INSTALLER });
    const { updater } = await shellUpdater();
    await updater.check({ url: feedUrl, channel: 'stable' });
    await updater.download();
    expect(requested).toContain('/agent/linux/hallo-agent-0.2.0-linux-x86_64.AppImage');
  });

  it.each([
    ['garbage instead of YAML', { body: '{{{ not: [yaml' }, 'feed-invalid'],
    ['YAML without a version', { body: '<html>Sorry, we moved</html>' }, 'feed-invalid'],
    ['a version that is not semver', { body: feed('latest-and-greatest') }, 'feed-invalid'],
    ['no channel file (404)', { status: 404 }, 'feed-unreachable'],
    ['a server error', { status: 503 }, 'feed-unreachable'],
    ['a connection cut off', { hangUp: true }, 'feed-unreachable'],
  ] as const)('a check against %s fails as %s', async (_what, answer, code) => {
    files.set(`/agent/linux/${channelFile('latest')}`, answer);
    const { updater } = await shellUpdater();
    const error = await failure(updater.check({ url: feedUrl, channel: 'stable' }));
    expect(error).toBeInstanceOf(SelfUpdateError);
    expect((error as SelfUpdateError).code).toBe(code);
  });

  it('downloads a verified file and installs it at quit only while the agent says so', async () => {
    files.set(`/agent/linux/${channelFile('latest')}`, { body: feed('0.2.0') });
    files.set('/agent/linux/hallo-agent-0.2.0-linux-x86_64.AppImage', { body: INSTALLER });
    const { engine, updater } = await shellUpdater();
    expect(engine.autoInstallOnAppQuit).toBe(false);
    await updater.check({ url: feedUrl, channel: 'stable' });
    await updater.download();
    // electron-updater's install-at-quit handler is in place (it registers one only if the flag is
    // on when a download completes), and reads the flag the agent sets.
    expect(app.listenerCount('quit')).toBe(1);
    expect(engine.autoInstallOnAppQuit).toBe(false);
    updater.setInstallAtQuit(true);
    expect(engine.autoInstallOnAppQuit).toBe(true);
    updater.setInstallAtQuit(false);
    expect(engine.autoInstallOnAppQuit).toBe(false);
  });

  it('a file whose hash does not match the feed is not kept: hash-mismatch', async () => {
    files.set(`/agent/linux/${channelFile('latest')}`, { body: feed('0.2.0', { sha: sha512(Buffer.from('another file')) }) });
    files.set('/agent/linux/hallo-agent-0.2.0-linux-x86_64.AppImage', { body: INSTALLER });
    const { updater } = await shellUpdater();
    await updater.check({ url: feedUrl, channel: 'stable' });
    const error = await failure(updater.download());
    expect((error as SelfUpdateError).code).toBe('hash-mismatch');
    const pending = join(cacheHome, 'hallo-agent-updater', 'pending');
    expect(readdirSync(pending).filter((name) => name.endsWith('.AppImage'))).toEqual([]);
  });

  it('installs now silently and starts again', async () => {
    const { engine, updater } = await shellUpdater();
    const quitAndInstall = vi.spyOn(engine, 'quitAndInstall').mockImplementation(() => undefined);
    updater.installNow();
    expect(quitAndInstall).toHaveBeenCalledWith(true, true);
  });
});

describe('a per-machine Windows install: the installer goes to the update task, never to elevate.exe', () => {
  // The real electron-updater downloads (AppImage here, the NSIS installer on Windows); the handoff
  // is the real one on folders of the test's own; schtasks and the quit are recorded.
  let dirs: MachineUpdateDirs;
  let tasks: string[];
  let quits: number;
  let taskFails: boolean;
  beforeEach(() => {
    ({ dirs } = machineDirs('hallo-machine-'));
    tasks = [];
    quits = 0;
    taskFails = false;
  });
  async function machineUpdater() {
    files.set(`/agent/linux/${channelFile('latest')}`, { body: feed('0.2.0') });
    files.set('/agent/linux/hallo-agent-0.2.0-linux-x86_64.AppImage', { body: INSTALLER });
    const { engine } = await shellUpdater();
    const handoff = createMachineHandoff({
      inbox: dirs.inbox,
      runTask: async () => {
        if (taskFails) throw new Error('running \\hallo\\agent-update: exit 1: ERROR: Access is denied.');
        tasks.push('run');
      },
      startTask: () => void tasks.push('start'),
    });
    const updater = createShellUpdater(engine, undefined, { handoff, currentVersion: '0.1.0', quit: () => void quits++ });
    const quitAndInstall = vi.spyOn(engine, 'quitAndInstall').mockImplementation(() => undefined);
    await updater.check({ url: feedUrl, channel: 'stable' });
    return { engine, updater, quitAndInstall };
  }
  const inbox = () => readdirSync(dirs.inbox);

  it('ready: left in the inbox while the agent says "at quit", taken back while it must wait; at quit the task is asked to run', async () => {
    const { engine, updater, quitAndInstall } = await machineUpdater();
    await updater.download();
    expect(inbox()).toEqual([]);
    // electron-updater never installs by itself here (its quit handler would start elevate.exe).
    expect(engine.autoInstallOnAppQuit).toBe(false);
    expect(app.listenerCount('quit')).toBe(0);
    updater.setInstallAtQuit(true);
    await vi.waitFor(() => expect(inbox()).toEqual([expect.stringMatching(/^hallo-agent-0\.2\.0~[0-9a-f]{8}\.exe$/)]));
    expect(readFileSync(join(dirs.inbox, inbox()[0]!))).toEqual(INSTALLER);
    expect(engine.autoInstallOnAppQuit).toBe(false);
    updater.atQuit();
    expect(tasks).toEqual(['start']);
    updater.setInstallAtQuit(false); // a remote session began
    await vi.waitFor(() => expect(inbox()).toEqual([]));
    updater.atQuit();
    expect(tasks).toEqual(['start']);
    expect(quitAndInstall).not.toHaveBeenCalled();
  });

  it('"at quit" said before the download: left as soon as it is downloaded', async () => {
    const { updater } = await machineUpdater();
    updater.setInstallAtQuit(true);
    await updater.download();
    expect(inbox()).toEqual([expect.stringMatching(/^hallo-agent-0\.2\.0~[0-9a-f]{8}\.exe$/)]);
  });

  it('install now: left, the task run, then the app quits (the installer replaces it)', async () => {
    const { updater, quitAndInstall } = await machineUpdater();
    await updater.download();
    await updater.installNow();
    expect(inbox()).toEqual([expect.stringMatching(/^hallo-agent-0\.2\.0~[0-9a-f]{8}\.exe$/)]);
    expect(tasks).toEqual(['run']);
    expect(quits).toBe(1);
    expect(quitAndInstall).not.toHaveBeenCalled();
  });

  it('a task that will not run: install-failed with what schtasks said, and the app stays', async () => {
    const { updater } = await machineUpdater();
    await updater.download();
    taskFails = true;
    const error = await failure(Promise.resolve(updater.installNow()));
    expect((error as SelfUpdateError).code).toBe('install-failed');
    expect((error as SelfUpdateError).message).toContain('Access is denied');
    expect(quits).toBe(0);
  });

  it('what agents left for this version or older is tidied away when the app starts; a newer one stays', async () => {
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.1.0~0a1b2c3d.exe'), 'installed now');
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.3.0~11111111.exe'), "another user's, newer");
    await machineUpdater();
    await vi.waitFor(() => expect(inbox()).toEqual(['hallo-agent-0.3.0~11111111.exe']));
  });
});

describe("the reference server's update host, read by the app's electron-updater", () => {
  // The same feed the preview's updater and the end-to-end spec read (tests/reference-api/update-host.ts).
  it.each([
    ['a newer release: found, downloaded and verified', {}, '1.5.0', null],
    ['an older version offered: returned as it is, not downloaded', { fault: 'older' }, '0.0.1', 'download-failed'],
    ['a hash that does not match: hash-mismatch', { fault: 'bad-hash' }, '1.5.0', 'hash-mismatch'],
  ] as const)('%s', async (_what, fault, version, downloadError) => {
    const api = await startReferenceApi({ port: 0 });
    try {
      api.publishRelease({ version: '1.5.0', ...fault });
      const { updater } = await shellUpdater();
      const offered = await updater.check({ url: api.updatesUrl, channel: 'stable' });
      expect(offered).toEqual({ version, releaseDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT[\d:.]+Z$/) });
      const downloaded = await failure(updater.download());
      expect(downloaded === null ? null : (downloaded as SelfUpdateError).code).toBe(downloadError);
    } finally {
      await api.close();
    }
  });

  it('garbage for a feed: feed-invalid', async () => {
    const api = await startReferenceApi({ port: 0 });
    try {
      api.publishRelease({ version: '1.5.0', fault: 'garbage' });
      const { updater } = await shellUpdater();
      expect(((await failure(updater.check({ url: api.updatesUrl, channel: 'stable' }))) as SelfUpdateError).code).toBe('feed-invalid');
    } finally {
      await api.close();
    }
  });
});

describe('the packaged app loads electron-updater at the first use', () => {
  it('not at start: the first check loads it, and an install-at-quit said before then holds', async () => {
    files.set(`/agent/linux/${channelFile('latest')}`, { body: feed('0.2.0') });
    files.set('/agent/linux/hallo-agent-0.2.0-linux-x86_64.AppImage', { body: INSTALLER });
    const { engine } = await shellUpdater();
    const load = vi.fn(async () => Object.assign(engine, { isUpdaterActive: () => true }));
    const updater = lazyShellUpdater(load);
    updater.installNow(); // nothing downloaded yet: nothing happens
    updater.setInstallAtQuit(true);
    expect(load).not.toHaveBeenCalled();
    expect((await updater.check({ url: feedUrl, channel: 'stable' })).version).toBe('0.2.0');
    await updater.download();
    expect(load).toHaveBeenCalledTimes(1);
    expect(engine.autoInstallOnAppQuit).toBe(true);
    updater.setInstallAtQuit(false);
    expect(engine.autoInstallOnAppQuit).toBe(false);
  });

  it('where electron-updater is not active (an AppImage not run as one) each check fails and says why', async () => {
    const { engine } = await shellUpdater();
    vi.stubEnv('APPIMAGE', undefined);
    Object.assign(engine, { forceDevUpdateConfig: false, _logger: { info() {}, warn() {}, error() {} } });
    const updater = lazyShellUpdater(async () => engine);
    const error = await failure(updater.check({ url: feedUrl, channel: 'stable' }));
    expect((error as SelfUpdateError).code).toBe('feed-unreachable');
    expect((error as SelfUpdateError).message).toContain('not active');
    expect(requested).toEqual([]);
  });
});

describe('selfUpdateErrorOf', () => {
  it.each([
    ['ENOSPC: no space left on device', 'ENOSPC', 'download', 'disk-full'],
    ['EDQUOT: disk quota exceeded', 'EDQUOT', 'download', 'disk-full'],
    ['sha512 checksum mismatch, expected a, got b', 'ERR_CHECKSUM_MISMATCH', 'download', 'hash-mismatch'],
    ['checksum mismatch: expected a but got b (X-Checksum-Sha2 header)', undefined, 'download', 'hash-mismatch'],
    ['New version 0.2.0 is not signed by the application owner', 'ERR_UPDATER_INVALID_SIGNATURE', 'download', 'signature-invalid'],
    ['the latest version does not have a valid semver version', 'ERR_UPDATER_INVALID_VERSION', 'check', 'feed-invalid'],
    ['Cannot parse update info from latest.yml', 'ERR_UPDATER_INVALID_UPDATE_INFO', 'check', 'feed-invalid'],
    ['No files provided', 'ERR_UPDATER_NO_FILES_PROVIDED', 'download', 'feed-invalid'],
    ['Web Installers are disabled', 'ERR_UPDATER_WEB_INSTALLER_DISABLED', 'download', 'feed-invalid'],
    ['net::ERR_INTERNET_DISCONNECTED', undefined, 'check', 'feed-unreachable'],
    ['Cannot find channel "latest.yml" update info', 'ERR_UPDATER_CHANNEL_FILE_NOT_FOUND', 'check', 'feed-unreachable'],
    ['net::ERR_CONNECTION_RESET', undefined, 'download', 'download-failed'],
  ] as const)('"%s" (%s) during %s → %s', (message, code, during, expected) => {
    expect(selfUpdateErrorOf(Object.assign(new Error(message), { code }), during).code).toBe(expected);
  });

  it('a YAMLException (js-yaml) is a feed that is not YAML', () => {
    expect(selfUpdateErrorOf(Object.assign(new Error('bad indentation'), { name: 'YAMLException' }), 'check').code).toBe('feed-invalid');
  });
});
