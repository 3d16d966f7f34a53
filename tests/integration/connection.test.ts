import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../../electron/contract';
import { createConnectionService, type ConnectionService } from '../../electron/agent/connection/service';
import type { Policy } from '../../electron/agent/hallo-api/types';
import { initialState } from '../../electron/agent/capabilities';
import { createLogger } from '../../electron/agent/log';
import { AgentStore } from '../../electron/agent/store';
import { createNodePorts } from '../../electron/preview/node-ports';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, device, heartbeatBody } from '../reference-api/testing';
import { createFakeClock } from '../doubles/fake-clock';

let server: ReferenceApi;
const dirs: string[] = [];
const services: ConnectionService[] = [];

beforeAll(async () => {
  server = await startReferenceApi();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function agent(opts: { dataDir?: string; events?: boolean; code?: string } = {}) {
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'hallo-int-')));
  if (!opts.dataDir) dirs.push(dataDir);
  // Real time for the short waits (requests, backoff's first steps); advance() jumps the long ones.
  const clock = createFakeClock({ realTime: true });
  const ports = { ...createNodePorts({ dataDir }), clock };
  const store = new AgentStore(initialState({ appVersion: '0.1.0', platform: 'linux' }));
  const policies: Policy[] = [];
  const service = createConnectionService({
    store,
    log: createLogger({ file: null, clock }),
    ports,
    options: { appVersion: '0.1.0', systemLanguages: ['nl-NL'], env: {} },
    config: { config: { apiUrl: server.url, enrollmentCode: opts.code ?? server.enrollmentCode }, files: [], problems: [] },
    device: async () => device('PC-INTEGRATIE'),
    heartbeatBody: () => ({ ...heartbeatBody(), at: new Date(clock.now()).toISOString() }),
    onPolicy: (policy) => policies.push(policy),
    events: opts.events ?? false,
    random: () => 0, // first contact at once; waits at their shortest
  });
  services.push(service);
  await service.start();
  const connection = (): ConnectionState => store.get().connection;
  const until = (status: ConnectionState['status']) =>
    vi.waitFor(() => expect(connection().status).toBe(status), { timeout: 20_000, interval: 20 });
  return { service, store, clock, policies, dataDir, connection, until };
}

const since = (count: number) => server.received.requests.slice(count);

describe('agent ↔ reference hallo, API over 127.0.0.1', () => {
  it('enrols, fetches the policy, sends a heartbeat; after a restart the policy is not asked again (the heartbeat names the same)', async () => {
    const before = server.received.requests.length;
    const first = await agent();
    await first.until('online');
    const deviceId = first.connection().deviceId!;
    expect(server.devices.get(deviceId)?.device.hostname).toBe('PC-INTEGRATIE');
    expect(first.policies.at(-1)).toEqual(server.policy().policy);
    expect(first.store.get().config).toMatchObject({ policySource: 'api', policyEtag: server.policy().etag });
    const beat = server.received.heartbeats.find((h) => h.deviceId === deviceId);
    expect(beat?.body.checks.map((c) => c.id)).toEqual(['disk-space:C:', 'smart:0']);
    expect(since(before).map((r) => `${r.operationId} ${r.status}`)).toEqual(['enroll 201', 'getPolicy 200', 'heartbeat 200']);
    await first.service.stop();

    const mark = server.received.requests.length;
    const second = await agent({ dataDir: first.dataDir });
    expect(second.store.get().config.policySource).toBe('cache');
    await second.until('online');
    expect(second.connection().deviceId).toBe(deviceId);
    expect(since(mark).map((r) => `${r.operationId} ${r.status}`)).toEqual(['heartbeat 200']);
    expect(second.store.get().config.policySource).toBe('api');
    expect(server.received.serverErrors).toEqual([]);
  });

  it('a policy changed in the portal reaches the agent through the event stream', async () => {
    const a = await agent({ events: true });
    await a.until('online');
    const deviceId = a.connection().deviceId!;
    await vi.waitFor(() => expect(server.received.streams.some((s) => s.deviceId === deviceId)).toBe(true), { timeout: 10_000 });
    const policy = structuredClone(server.policy().policy);
    policy.support.phone = '020 - 555 12 34';
    const put = await call<{ etag: string }>(server.url, 'PUT', '/portal/policy', { token: server.portalToken, body: policy });
    expect(put.status).toBe(200);
    await vi.waitFor(() => expect(a.policies.at(-1)?.support.phone).toBe('020 - 555 12 34'), { timeout: 10_000 });
    expect(a.store.get().config.policyEtag).toBe(put.body.etag);
  });

  it('a policy that fails its schema: the heartbeat still counts, the problem is named, the policy is fetched again', async () => {
    const a = await agent();
    await a.until('online');
    const contact = a.connection().lastContactAt;
    // hallo, publishes a new policy; the first copy the device gets is broken.
    server.faults.push({ path: '/policy', kind: 'body', body: { etag: '"broken"', policy: { support: null } } });
    const policy = structuredClone(server.policy().policy);
    policy.support.phone = '020 - 999 88 77';
    server.setPolicy(policy);
    await a.clock.advance(300_000); // the next heartbeat answers with the new etag
    await vi.waitFor(() => expect(a.policies.at(-1)?.support.phone).toBe('020 - 999 88 77'), { timeout: 10_000, interval: 5 });
    expect(a.connection()).toMatchObject({ status: 'online', lastError: null });
    expect(a.connection().lastContactAt).not.toBe(contact);
    const fetched = server.received.requests.filter((r) => r.operationId === 'getPolicy').slice(-2);
    expect(fetched.map((r) => r.status)).toEqual([200, 200]); // the broken one, then the retry
    expect(a.store.get().config).toMatchObject({ problems: [], policySource: 'api', policyEtag: server.policy().etag });
  });

  it('while the policy stays broken: online, the problem in the admin details, the last good policy kept', async () => {
    const a = await agent();
    await a.until('online');
    const good = a.policies.at(-1);
    server.faults.push({ path: '/policy', kind: 'body', body: { etag: '"broken"', policy: { support: null } }, times: 1000 });
    try {
      const policy = structuredClone(server.policy().policy);
      policy.support.phone = '020 - 444 33 22';
      server.setPolicy(policy);
      await a.clock.advance(300_000);
      await vi.waitFor(
        () =>
          expect(a.store.get().config.problems).toEqual([
            { file: `${server.url}/policy`, field: expect.stringMatching(/^policy\./), code: 'invalid-value', detail: expect.stringContaining('/policy/') },
          ]),
        { timeout: 10_000, interval: 5 },
      );
      expect(a.connection()).toMatchObject({ status: 'online', lastError: null });
      expect(a.policies.at(-1)).toEqual(good);
    } finally {
      server.faults.clear();
    }
  });

  it('server gone: offline with the error; server back: online again', async () => {
    const a = await agent();
    await a.until('online');
    await server.stop();
    try {
      await a.clock.advance(300_000); // the next heartbeat is due
      await a.until('offline');
      expect(a.connection().lastError?.code).toBe('network');
      expect(a.connection().nextAttemptAt).not.toBeNull();
    } finally {
      await server.start();
    }
    await a.clock.advance(15 * 60_000); // past any backoff wait
    await a.until('online');
    expect(a.connection().lastError).toBeNull();
  });

  it('503 with Retry-After: offline, and the next try waits as long as the server asked', async () => {
    const a = await agent();
    await a.until('online');
    server.faults.push({ path: '/heartbeat', kind: 'status', status: 503, retryAfter: 120 });
    const heartbeatAt = Date.parse(a.connection().nextAttemptAt!); // the one that meets the 503
    await a.clock.advance(300_000);
    await a.until('offline');
    expect(a.connection().lastError).toMatchObject({ code: 'http-5xx', status: 503 });
    const wait = Date.parse(a.connection().nextAttemptAt!) - heartbeatAt;
    expect(wait).toBeGreaterThanOrEqual(120_000); // Retry-After wins over the 250 ms backoff
    server.faults.push({ path: '/heartbeat', kind: 'reset' });
    const errors: string[] = [];
    a.store.subscribe(() => errors.push(a.connection().lastError?.code ?? 'none'));
    // Jump to the retry's own timer: the state's nextAttemptAt and the timer's due time come from two
    // readings of the wall clock, so a jump to the state's time can fall a millisecond short.
    const retryIn = Date.parse(a.connection().nextAttemptAt!) - a.clock.now();
    const timer = a.clock.pending().find((ms) => Math.abs(ms - retryIn) <= 50);
    expect(timer).toBeDefined();
    await a.clock.advance(timer!);
    await vi.waitFor(() => expect(errors).toContain('network'), { timeout: 20_000 });
    await a.clock.advance(15 * 60_000);
    await a.until('online');
  });

  it('a revoked token: reenroll, and no more calls', async () => {
    const a = await agent();
    await a.until('online');
    const deviceId = a.connection().deviceId!;
    const revoke = await call(server.url, 'DELETE', `/portal/devices/${deviceId}/token`, { token: server.portalToken });
    expect(revoke.status).toBe(204);
    await a.clock.advance(300_000);
    await a.until('reenroll');
    expect(a.connection().lastError).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(a.connection().nextAttemptAt).toBeNull(); // nothing planned
    const mark = server.received.requests.length;
    await a.clock.advance(24 * 3_600_000); // a day passes: still nothing
    expect(since(mark)).toEqual([]);
  });

  it('a revoked token is noticed through the event stream, before the next heartbeat', async () => {
    const a = await agent({ events: true });
    await a.until('online');
    const deviceId = a.connection().deviceId!;
    await vi.waitFor(() => expect(server.received.streams.some((s) => s.deviceId === deviceId)).toBe(true), { timeout: 10_000 });
    const beats = server.received.heartbeats.length;
    await call(server.url, 'DELETE', `/portal/devices/${deviceId}/token`, { token: server.portalToken });
    await a.until('reenroll');
    expect(server.received.heartbeats.length).toBe(beats);
  });

  it('an enrolment code the server does not know: not-enrolled, enroll-rejected', async () => {
    const a = await agent({ code: 'NOPE-0000-00' });
    await a.until('not-enrolled');
    expect(a.connection().lastError).toMatchObject({ code: 'enroll-rejected' });
  });
});
