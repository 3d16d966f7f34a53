import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { createAgent } from '../../electron/agent/agent';
import type { RestartPort } from '../../electron/agent/platform/restart';
import type { UpdatesCheck, UpdatesProvider } from '../../electron/agent/updates/types';
import { createNodePorts } from '../../electron/preview/node-ports';
import { createRelaunchingAgent, type RelaunchingAgent } from '../../electron/preview/relaunch';
import { simulatedProvider, simulatedRestartPort, writeSimulatedReasons } from '../../electron/preview/simulated-restart';
import { createFakeClock, type FakeClock } from '../doubles/fake-clock';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call } from '../reference-api/testing';
import { until } from './fixtures/until';

type S = components['schemas'];

// The updates capability against the reference API over real HTTP, with the preview's restart:
// the agent restarts (stops, and starts again on the same data folder), never the machine. A
// technician asks through the portal; the request arrives over the event stream, shows in the
// state and the heartbeat; the outcome reaches the portal after the simulated restart.

let api: ReferenceApi | null = null;
let agent: RelaunchingAgent | null = null;
const dirs: string[] = [];

afterEach(async () => {
  await agent?.stop();
  await api?.close();
  agent = null;
  api = null;
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

/** Two pending updates and no restart of its own: the simulated machine file adds one where a test wants it. */
const machineProvider = (clock: FakeClock): UpdatesProvider => ({
  id: 'apt',
  async check(): Promise<UpdatesCheck> {
    const updates = [{ title: 'openssl', classification: 'security' as const, package: 'openssl', reboot: 'unknown' as const }];
    return { provider: 'apt', checkedAt: new Date(clock.now()).toISOString(), pending: { value: { updates, total: 2, security: 1 } }, restart: { value: [] } };
  },
});

async function boot(opts: { restart?: (dataDir: string) => RestartPort } = {}) {
  api = await startReferenceApi({ port: 0, host: '127.0.0.1' });
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-updates-it-'));
  dirs.push(dataDir);
  const clock = createFakeClock({ realTime: true });
  const reference = api;
  const restart = opts.restart?.(dataDir) ?? simulatedRestartPort({ dataDir, relaunch: () => running.relaunch(), log: () => undefined });
  const ports = { ...createNodePorts({ dataDir }), clock, updates: { restart, provider: simulatedProvider(machineProvider(clock), dataDir) } };
  const running = createRelaunchingAgent(() =>
    createAgent(ports, { appVersion: '0.1.0-test', systemLanguages: ['nl-NL'], env: { HALLO_API_URL: reference.url, HALLO_ENROLLMENT_CODE: reference.enrollmentCode }, updates: { firstCheckDelayMs: 0 } }),
  );
  agent = running;
  return { api: reference, agent: running, dataDir, clock };
}

async function online(api: ReferenceApi, agent: RelaunchingAgent) {
  await until('online, with its event stream open', () => agent.state().connection.status === 'online' && api.received.streams.some((s) => s.deviceId === agent.state().connection.deviceId));
  await until('a first updates check', () => agent.state().updates.lastCheckedAt !== null && !agent.state().updates.checking);
  return agent.state().connection.deviceId!;
}

const portal = (api: ReferenceApi) => ({ token: api.portalToken });
const ask = (api: ReferenceApi, deviceId: string, deadline: string) =>
  call<S['PortalRestartRequest']>(api.url, 'POST', `/portal/devices/${deviceId}/restart-requests`, { ...portal(api), body: { reason: 'Beveiligingsupdate van vandaag', deadline } });
const deviceView = async (api: ReferenceApi, deviceId: string) => (await call<S['PortalDevice']>(api.url, 'GET', `/portal/devices/${deviceId}`, portal(api))).body;

describe('updates against the reference API', () => {
  it('a restart request from the portal shows in the state and the heartbeat; the outcome reaches the portal after the restart', async () => {
    const { api, agent, clock } = await boot();
    await agent.start();
    const deviceId = await online(api, agent);
    const deadline = new Date(clock.now() + 48 * 3_600_000).toISOString();
    const asked = await ask(api, deviceId, deadline);
    expect(asked.status).toBe(201);

    await until('the request in the state', () => agent.state().updates.restart.requestId === asked.body.requestId);
    expect(agent.state().updates.restart).toMatchObject({ needed: true, source: 'hallo', halloReason: 'Beveiligingsupdate van vandaag', deadline, step: { kind: 'prompt' } });
    const beats = api.received.heartbeats.length;
    // The next heartbeat: its timer is set once the last one was answered, which a loaded machine
    // may not have done yet when the clock jumps; so jump again until one has gone out.
    for (let jump = 0; jump < 10 && api.received.heartbeats.length <= beats; jump++) {
      await clock.advance(300_000);
      await until('a heartbeat after the request', () => api.received.heartbeats.length > beats, 2_000).catch(() => undefined);
    }
    expect(api.received.heartbeats.at(-1)!.body!.updates).toMatchObject({ pendingCount: 2, rebootRequired: true, restartRequestId: asked.body.requestId, restartDeadline: deadline, deferralsUsed: 0 });

    expect(await agent.invoke('updates.restartNow', {})).toEqual({ outcome: 'restarting' });
    await until('the agent back, saying the PC is up to date', () => agent.state().updates.upToDate);
    expect(agent.state().updates.restart.needed).toBe(false);
    await until('the outcome at the portal', () => api.received.requests.some((r) => r.operationId === 'reportRestartOutcome' && r.status === 204));
    const view = await deviceView(api, deviceId);
    expect(view.restartRequests).toEqual([expect.objectContaining({ requestId: asked.body.requestId, state: 'performed', outcome: expect.objectContaining({ outcome: 'performed', by: 'user', stillPending: false }) })]);
    expect(api.received.serverErrors).toEqual([]);
  });

  it('the checklist says a restart is needed: the overall word, the heartbeat\'s checks and a ticket\'s diagnostics carry it with the updates block', async () => {
    const { api, agent, dataDir, clock } = await boot();
    await writeSimulatedReasons(dataDir, ['packages']);
    await agent.start();
    await online(api, agent);
    expect(agent.state().updates.items).toEqual([
      { id: 'updates', check: 'updates', severity: 'attention', code: 'health.updates.security', params: { count: 2, security: 1 } },
      { id: 'restart', check: 'restart', severity: 'attention', code: 'health.restart.required', params: {} },
    ]);
    await until('the headline says the restart', () => agent.state().headline === 'restart');
    expect(agent.state().overall).toBe('attention');

    const beats = api.received.heartbeats.length;
    for (let jump = 0; jump < 10 && api.received.heartbeats.length <= beats; jump++) {
      await clock.advance(300_000);
      await until('a heartbeat', () => api.received.heartbeats.length > beats, 2_000).catch(() => undefined);
    }
    const beat = api.received.heartbeats.at(-1)!.body!;
    expect(beat.checks).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'restart', code: 'health.restart.required', severity: 'attention' })]));
    expect(beat.updates).toMatchObject({ rebootRequired: true, restartReasons: ['packages'], deferralsUsed: 0, pendingCount: 2 });

    const sent = await agent.invoke('tickets.submit', {
      draft: { description: 'Mijn computer vraagt steeds om opnieuw op te starten', categoryId: 'other', impact: 'can-work', contact: { name: 'Anna de Vries', phone: '', email: 'anna@example.nl' }, relatedItemId: 'restart', includeScreenshot: false, includeProcesses: false },
    });
    expect(sent.outcome).toBe('saved');
    await until('the ticket at the portal', () => api.tickets.length === 1);
    const { diagnostics } = api.tickets[0]!.request;
    expect(diagnostics.checks).toEqual(expect.arrayContaining([expect.objectContaining({ check: 'updates', code: 'health.updates.security' }), expect.objectContaining({ check: 'restart', code: 'health.restart.required' })]));
    expect(diagnostics.updates).toMatchObject({
      pendingCount: 2,
      pendingByClass: { security: 1, other: 1 },
      rebootRequired: true,
      restartReasons: ['packages'],
      restartDeadline: agent.state().updates.restart.deadline,
      deferralsUsed: 0,
      lastCheckedAt: agent.state().updates.lastCheckedAt,
    });
    expect(api.received.serverErrors).toEqual([]);
  });

  it('a pending restart on the PC itself: cleared by the simulated restart, reported once, the employee told once', async () => {
    const { api, agent, dataDir } = await boot();
    await writeSimulatedReasons(dataDir, ['packages']);
    const notices: string[] = [];
    agent.onNotice((notice) => notices.push(notice.code));
    await agent.start();
    const deviceId = await online(api, agent);
    expect(agent.state().updates.restart).toMatchObject({ needed: true, source: 'local', reasons: [{ code: 'packages', soft: false }] });
    await agent.invoke('updates.restartNow', {});
    await until('up to date', () => agent.state().updates.upToDate);
    await until('the outcome at the portal', () => api.received.requests.some((r) => r.operationId === 'reportRestartOutcome' && r.status === 204));
    const view = await deviceView(api, deviceId);
    expect(view.restartOutcomes).toEqual([expect.objectContaining({ outcome: 'performed', requestId: null, by: 'user', reasons: ['packages'], stillPending: false })]);
    expect(notices).toEqual(['restart-needed', 'updates-up-to-date']); // asked once, told once
  });

  it('bad requests: a deadline already passed gets the grace period; one more than 30 days ahead is refused and the portal hears why', async () => {
    const { api, agent, clock } = await boot();
    await agent.start();
    const deviceId = await online(api, agent);
    const far = await ask(api, deviceId, new Date(clock.now() + 40 * 24 * 3_600_000).toISOString());
    await until('the far request refused', () => agent.state().updates.restart.problem?.code === 'request-refused');
    expect(agent.state().updates.restart.needed).toBe(false);
    await until('the refusal at the portal', () => api.received.requests.some((r) => r.operationId === 'reportRestartOutcome' && r.status === 204));
    const view = await deviceView(api, deviceId);
    expect(view.restartRequests.find((r) => r.requestId === far.body.requestId)).toMatchObject({ state: 'refused', outcome: { outcome: 'refused', detail: expect.stringContaining('more than 30 days ahead') } });

    const past = await ask(api, deviceId, new Date(clock.now() - 3_600_000).toISOString());
    await until('the past request taken', () => agent.state().updates.restart.requestId === past.body.requestId);
    const grace = Date.parse(agent.state().updates.restart.deadline!) - clock.now();
    expect(grace).toBeGreaterThan(3.9 * 3_600_000); // the policy's 4 hours from now
    expect(api.received.serverErrors).toEqual([]);
  });

  it('a restart port that fails: told, reported to the portal, the need stays', async () => {
    const failing: RestartPort = { restart: async () => ({ outcome: 'refused', detail: '/usr/bin/systemctl: exit 1: Interactive authentication required.' }) };
    const { api, agent, clock } = await boot({ restart: () => failing });
    await agent.start();
    const deviceId = await online(api, agent);
    const asked = await ask(api, deviceId, new Date(clock.now() + 24 * 3_600_000).toISOString());
    await until('the request in the state', () => agent.state().updates.restart.requestId === asked.body.requestId);
    expect(await agent.invoke('updates.restartNow', {})).toEqual({ outcome: 'refused' });
    expect(agent.state().updates.restart).toMatchObject({ needed: true, problem: { code: 'os-refused' } });
    await until('the refusal at the portal', () => api.received.requests.some((r) => r.operationId === 'reportRestartOutcome' && r.status === 204));
    const view = await deviceView(api, deviceId);
    expect(view.restartRequests[0]).toMatchObject({ state: 'refused', outcome: { outcome: 'refused', by: 'user', stillPending: true, detail: expect.stringContaining('Interactive authentication') } });
  });
});
