import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SelfUpdateError } from '../../electron/agent/selfupdate/errors';
import { createFeedUpdater } from '../../electron/preview/feed-updater';
import { startPreview, type Preview } from '../../electron/preview/host';
import { createNodePorts } from '../../electron/preview/node-ports';
import { startReferenceApi, type ReferenceApi, type ReleaseRequest } from '../reference-api/server';
import { bundleLikeMain } from './fixtures/bundle';
import { until } from './fixtures/until';

// Self-update against the reference server's feed over real HTTP on 127.0.0.1: the preview's
// updater reads electron-updater's channel files and downloads the installer; the whole preview
// finds a newer version on "Nu zoeken", installs it at a relaunch and reports it; bad feeds
// install nothing and leave the admin a reason.

const dirs: string[] = [];
const servers: ReferenceApi[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

async function feedAndUpdater(platform: NodeJS.Platform = 'linux') {
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-selfupdate-'));
  dirs.push(dataDir);
  const api = await startReferenceApi({ port: 0 });
  servers.push(api);
  const ports = createNodePorts({ dataDir });
  const installed: string[] = [];
  const updater = createFeedUpdater({ http: ports.http, clock: ports.clock, dataDir, platform, arch: 'x64', install: (v) => installed.push(v) });
  return { api, updater, dataDir, installed, feed: { url: api.updatesUrl, channel: 'stable' as const } };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof SelfUpdateError ? error.code : String(error)),
  );

describe('the reference server’s feed, read by the preview’s updater', () => {
  it('finds the newer version published, downloads it and checks its sha512', async () => {
    const { api, updater, dataDir, feed, installed } = await feedAndUpdater();
    const release = api.publishRelease({ version: '1.5.0', bytes: 5000 });
    expect(await updater.check(feed)).toEqual({ version: '1.5.0', releaseDate: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    await updater.download();
    const path = join(dataDir, 'selfupdate', 'hallo-agent-1.5.0.AppImage');
    expect(updater.downloaded).toEqual({ version: '1.5.0', path });
    const bytes = await readFile(path);
    expect([bytes.byteLength, createHash('sha512').update(bytes).digest('base64')]).toEqual([5000, release.sha512]);
    expect(api.received.requests.map((r) => r.path)).toEqual(['/updates/latest-linux.yml', '/updates/hallo-agent-1.5.0.AppImage']);
    // "Installing" hands the verified version to the preview, once.
    updater.installNow();
    expect(installed).toEqual(['1.5.0']);
    expect(() => updater.installNow()).toThrow(SelfUpdateError);
  });

  it('passes on what an "older" feed offers: the agent judges the version, not the updater', async () => {
    const { api, updater, feed } = await feedAndUpdater();
    api.publishRelease({ version: '1.5.0', fault: 'older' });
    expect((await updater.check(feed)).version).toBe('0.0.1');
  });

  it('reads each OS’s channel file and the beta channel’s own', async () => {
    const { api, updater: linux, feed } = await feedAndUpdater();
    api.publishRelease({ version: '1.5.0' });
    api.publishRelease({ version: '1.6.0-beta.1', channel: 'beta' });
    expect((await linux.check(feed)).version).toBe('1.5.0');
    expect((await linux.check({ ...feed, channel: 'beta' })).version).toBe('1.6.0-beta.1');
    const ports = createNodePorts({ dataDir: tmpdir() });
    for (const platform of ['win32', 'darwin'] as const) {
      const other = createFeedUpdater({ http: ports.http, clock: ports.clock, dataDir: tmpdir(), platform, arch: 'arm64', install: () => undefined });
      expect((await other.check(feed)).version).toBe('1.5.0');
    }
    expect(api.received.requests.map((r) => r.path)).toEqual(['/updates/latest-linux.yml', '/updates/beta-linux.yml', '/updates/latest.yml', '/updates/latest-mac.yml']);
  });

  const faults: [string, ReleaseRequest['fault'] | 'nothing' | 'down', string, string][] = [
    ['a garbage feed', 'garbage', 'feed-invalid', 'resolved'],
    ['a file whose hash does not match', 'bad-hash', 'resolved', 'hash-mismatch'],
    ['nothing published (404)', 'nothing', 'feed-unreachable', 'download-failed'],
    ['the feed’s host down', 'down', 'feed-unreachable', 'download-failed'],
  ];
  it.each(faults)('%s: nothing downloaded, the reason given', async (_, fault, checkCode, downloadCode) => {
    const { api, updater, dataDir, feed } = await feedAndUpdater();
    if (fault !== 'nothing' && fault !== 'down') api.publishRelease({ version: '1.5.0', fault });
    if (fault === 'down') await api.stop();
    expect(await codeOf(updater.check(feed))).toBe(checkCode);
    if (checkCode === 'resolved') expect(await codeOf(updater.download())).toBe(downloadCode);
    expect(updater.downloaded).toBeNull();
    // Nothing half-written: no installer and no temporary file.
    expect(await readdir(join(dataDir, 'selfupdate')).catch(() => [])).toEqual([]);
  });

  it('refuses a publish without the portal token', async () => {
    const { api } = await feedAndUpdater();
    const response = await fetch(`${api.updatesUrl}/releases`, { method: 'POST', body: JSON.stringify({ version: '9.0.0' }) });
    expect(response.status).toBe(401);
  });
});

describe('the app’s bundle', () => {
  it('loads the version judgement at the first read, with semver from node_modules', async () => {
    const out = resolve('tests/.tmp/selfupdate-decide/entry.mjs');
    await bundleLikeMain('tests/integration/fixtures/selfupdate-decide.ts', out);
    const { stdout } = await promisify(execFile)(process.execPath, [out], { timeout: 20_000 });
    expect(stdout.trim()).toBe('download');
  });
});

describe('the preview keeping itself current', () => {
  let preview: Preview | null = null;
  afterAll(async () => {
    await preview?.close();
  });

  it('"Nu zoeken" finds the published version, it installs at the next quit, and the agent then reports it to hallo,', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallo-preview-selfupdate-'));
    dirs.push(dir);
    preview = await startPreview({ port: 0, host: '127.0.0.1', rendererDir: dir, systemLanguages: ['nl-NL'], configFiles: [], dataDir: join(dir, 'data'), appVersion: '1.4.0' });
    const { agent, api } = preview;
    const origin = new URL(api.url).origin;
    const portal = { authorization: `Bearer ${api.portalToken!}`, 'content-type': 'application/json' };
    const publish = async (release: ReleaseRequest) => {
      const response = await fetch(`${origin}/updates/releases`, { method: 'POST', headers: portal, body: JSON.stringify(release) });
      expect(response.status).toBe(201);
    };
    await until('enrolled', () => agent.state().connection.deviceId !== null);
    expect(agent.state().selfUpdate).toMatchObject({ phase: 'idle', feedUrl: `${origin}/updates`, feedSource: 'config', channel: 'stable' });

    // Bad input first: nothing installed, the admin told.
    await publish({ version: '1.5.0', fault: 'garbage' });
    await agent.invoke('selfUpdate.check', {});
    expect(agent.state().selfUpdate).toMatchObject({ phase: 'idle', available: null, lastError: { code: 'feed-invalid' } });
    await publish({ version: '1.5.0', fault: 'older' });
    await agent.invoke('selfUpdate.check', {});
    expect(agent.state().selfUpdate).toMatchObject({ phase: 'idle', available: null, lastError: { code: 'older-version' } });
    await publish({ version: '1.5.0', fault: 'bad-hash' });
    await agent.invoke('selfUpdate.check', {});
    await until('the download refused', () => agent.state().selfUpdate.lastError?.code === 'hash-mismatch');
    expect(agent.state().selfUpdate).toMatchObject({ phase: 'idle', installWhen: null });

    await publish({ version: '1.5.0' });
    await agent.invoke('selfUpdate.check', {});
    await until('ready', () => agent.state().selfUpdate.phase === 'ready');
    expect(agent.state().selfUpdate).toMatchObject({ available: { version: '1.5.0' }, installWhen: 'at-quit', waitingFor: null, lastError: null });
    expect(agent.state().app.version).toBe('1.4.0');

    // The agent quits and starts again (as after a quit, a logout, a restart): the update installs.
    await agent.relaunch();
    expect(agent.state().app.version).toBe('1.5.0');
    const deviceId = agent.state().connection.deviceId!;
    const device = async () => (await (await fetch(`${api.url}/portal/devices/${deviceId}`, { headers: portal })).json()) as { lastHeartbeat: { agentVersion: string } | null };
    await until('a heartbeat from 1.5.0', async () => (await device()).lastHeartbeat?.agentVersion === '1.5.0');
    // Now up to date: the same version is nothing to do and nothing wrong.
    await agent.invoke('selfUpdate.check', {});
    expect(agent.state().selfUpdate).toMatchObject({ phase: 'idle', available: null, lastError: null });
  });
});
