import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../electron/agent/agent';
import { createNodePorts } from '../../electron/preview/node-ports';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { until } from './fixtures/until';

// The whole agent (real probes on this machine, real files) against the reference API on 127.0.0.1.

let api: ReferenceApi | null = null;
let agent: Agent | null = null;
const dirs: string[] = [];

afterEach(async () => {
  await agent?.stop();
  await api?.close();
  agent = null;
  api = null;
  // stop() does not wait for a file write already under way: it may land during rm (ENOTEMPTY), so retry.
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

/**
 * Thresholds that no machine running these tests can cross (nothing free is still not below 0 %,
 * memory pressure needs an hour of history), so that the verdict is known: only a failing disk
 * (SMART) could still turn this PC red, and then that is the right answer.
 */
const CALM = {
  diskAttentionPercent: 0,
  diskAttentionGb: 0,
  diskProblemPercent: 0,
  diskProblemGb: 0,
  memoryAttentionPercent: 100,
  memorySustainedMinutes: 60,
  uptimeAttentionDays: 3650,
  batteryHealthAttentionPercent: 0,
};

async function boot(opts: { configFiles?: string[]; env?: Record<string, string>; systemLanguages?: string[] } = {}) {
  api = await startReferenceApi({ port: 0, host: '127.0.0.1' });
  const policy = api.policy().policy;
  api.setPolicy({ ...policy, health: { ...policy.health, thresholds: CALM } });
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-agent-it-'));
  dirs.push(dataDir);
  agent = createAgent(createNodePorts({ dataDir, configFiles: opts.configFiles ?? [] }), {
    appVersion: '0.1.0-test',
    systemLanguages: opts.systemLanguages ?? ['nl-NL'],
    env: opts.env ?? { HALLO_API_URL: api.url, HALLO_ENROLLMENT_CODE: api.enrollmentCode },
  });
  await agent.start();
  return { api, agent, dataDir };
}

describe('the agent against the reference API', () => {
  it('enrols, measures the PC, and reports it in a heartbeat the API accepts', async () => {
    const { api, agent } = await boot();
    await until('online with a first sample', () => agent.state().connection.status === 'online' && api.received.heartbeats.length > 0);
    await until('a heartbeat with checks', () => api.received.heartbeats.some((h) => (h.body?.checks?.length ?? 0) > 0));
    const state = agent.state();
    expect(state.device?.hostname).toBeTruthy();
    expect(state.health.items.map((i) => i.check)).toEqual(expect.arrayContaining(['disk-space', 'memory', 'uptime']));
    expect(state.overall).toBe('ok');
    expect(state.support).toMatchObject({ phone: '088 - 123 45 67', email: 'servicedesk@hallo.eu' });
    expect(state.config.policySource).toBe('api');
    const beat = api.received.heartbeats.at(-1)!.body!;
    expect(beat.health.overall).toBe(state.overall);
    expect(beat.agentVersion).toBe('0.1.0-test');
    expect(api.received.serverErrors).toEqual([]);
  });

  it("a policy change from hallo, re-judges the PC at once: the disk check turns to attention", async () => {
    const { api, agent } = await boot();
    await until('online', () => agent.state().connection.status === 'online' && agent.state().health.items.length > 0);
    // The change travels as a policy.changed event: the stream must be listening before it is sent.
    await until('event stream open', () => api.received.streams.some((s) => s.deviceId === agent.state().connection.deviceId));
    const disk = () => agent.state().health.items.find((i) => i.check === 'disk-space');
    expect(disk()?.severity).toBe('ok');
    const current = api.policy().policy;
    // Every disk has less than 100 % free: the attention rule must fire, the problem rule not.
    api.setPolicy({ ...current, health: { ...current.health, thresholds: { ...CALM, diskAttentionPercent: 100 } } });
    await until('disk check in attention', () => disk()?.severity === 'attention');
    expect(disk()).toMatchObject({ code: 'health.disk-space.low' });
    expect(agent.state().overall).toBe('attention');
  });

  it('a revoked token: "must be enrolled again", and the headline says no contact', async () => {
    const { api, agent } = await boot();
    await until('online', () => agent.state().connection.status === 'online');
    const deviceId = agent.state().connection.deviceId!;
    const revoke = await fetch(`${api.url}/portal/devices/${deviceId}/token`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${api.portalToken}` },
    });
    expect(revoke.ok).toBe(true);
    await until('reenroll', () => agent.state().connection.status === 'reenroll');
    expect(agent.state().overall).toBe('offline'); // nothing is wrong with the PC itself (CALM)

    // The admin enrols again with a fresh code.
    const fresh = (await (
      await fetch(`${api.url}/portal/enrollment-codes`, { method: 'POST', headers: { authorization: `Bearer ${api.portalToken}`, 'content-type': 'application/json' }, body: '{}' })
    ).json()) as { code: string };
    await agent.invoke('admin.enroll', { code: fresh.code });
    await until('online again', () => agent.state().connection.status === 'online');
  });

  it('a broken managed config file is named in the state, and the agent still runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallo-cfg-'));
    dirs.push(dir);
    const file = join(dir, 'config.json');
    await writeFile(file, JSON.stringify({ apiUrl: 'ftp://nope', language: 'de' }));
    const { api: _api, agent, dataDir } = await boot({ configFiles: [file], env: {} });
    const problems = agent.state().config.problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file, field: 'apiUrl', code: 'invalid-value' }),
        expect.objectContaining({ file, field: 'language', code: 'invalid-value' }),
      ]),
    );
    // Each problem is in the log too, with the file, the field and what is wrong: once each.
    const logged = agent.log.recent().filter((e) => e.msg === 'configuration problem');
    expect(logged.map((e) => e.data)).toEqual(problems.map((p) => ({ ...p })));
    expect(logged.every((e) => e.level === 'warn')).toBe(true);
    const lines = (await readFile(join(dataDir, 'logs', 'agent.log'), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { msg: string; data?: { field?: string; file?: string } });
    const onDisk = lines.filter((l) => l.msg === 'configuration problem');
    expect(onDisk.map((l) => [l.data?.file, l.data?.field])).toEqual([
      [file, 'apiUrl'],
      [file, 'language'],
    ]);
    await until('health measured', () => agent.state().health.items.length > 0);
    expect(agent.state().connection.status).toBe('not-enrolled');
  });

  it('follows the OS language and remembers the choice of the user', async () => {
    const { agent } = await boot({ systemLanguages: ['en-GB'] });
    expect(agent.state().settings.language).toBe('en');
    await agent.invoke('settings.setLanguage', { language: 'nl' });
    expect(agent.state().settings).toMatchObject({ languagePreference: 'nl', language: 'nl' });
  });
});
