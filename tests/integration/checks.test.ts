import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../electron/agent/agent';
import { CHECKS_READ_TIMEOUT_MS } from '../../electron/agent/checks/checker';
import type { CheckName, ChecksReading, ChecksSource } from '../../electron/agent/checks/types';
import type { UpdatesProvider } from '../../electron/agent/updates/types';
import { createNodePorts } from '../../electron/preview/node-ports';
import { createFakeClock, type FakeClock } from '../doubles/fake-clock';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { until } from './fixtures/until';

// The checks capability in the whole agent against the reference API over real HTTP, with a fake
// source on the one fake clock: what the popup's checklist and the overall word show, what reaches
// hallo, in the heartbeat, and that a hung source leaves the rest of the agent alone.

let api: ReferenceApi | null = null;
let agent: Agent | null = null;
const dirs: string[] = [];
afterEach(async () => {
  await agent?.stop();
  await api?.close();
  agent = null;
  api = null;
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
});

const MINUTE = 60_000;
/** A Windows PC whose public profile's firewall is off, Defender on, BitLocker on, the clock in sync. */
const protectedPc = (clock: FakeClock): ChecksReading => ({
  findings: {
    antivirus: { value: { expected: true, products: [{ name: 'Microsoft Defender Antivirus', state: 'on', signaturesUpToDate: true, signatureAgeDays: 0, lastScan: { at: new Date(clock.now() - 86_400_000).toISOString(), kind: 'quick' }, source: 'defender' }] } },
    firewall: { value: { tool: 'windows', enabled: false, profiles: [{ name: 'domain', enabled: true }, { name: 'private', enabled: true }, { name: 'public', enabled: false }] } },
    encryption: { value: { volume: 'C:', state: 'on', percent: null, method: 'bitlocker' } },
    time: { value: { synchronised: true, source: 'time.windows.com,0x9', lastSyncAt: new Date(clock.now() - 3_600_000).toISOString(), offsetSeconds: 0.2 } },
    office: { value: { version: '16.0.17531.20140', channel: 'current' } },
    tempFiles: { value: { userBytes: 100 * 1024 ** 2, systemBytes: null } },
  },
  probes: [{ probe: 'firewall-profile', ranAt: new Date(clock.now()).toISOString(), durationMs: 120, read: true, reason: null, detail: null, raw: 'Name Enabled\n---- -------\nPublic False' }],
});

/** A source that answers from `answer` (or never, while `hang`), and remembers what each read was asked for. */
function fakeSource(answer: () => ChecksReading) {
  const reads: CheckName[][] = [];
  const control = { hang: false };
  const source: ChecksSource = {
    read(which) {
      reads.push([...which]);
      if (control.hang) return new Promise(() => undefined);
      const all = answer();
      return Promise.resolve({ ...all, findings: Object.fromEntries(Object.entries(all.findings).filter(([name]) => which.has(name as CheckName))) });
    },
  };
  return { source, reads, control };
}

const noUpdates = (clock: FakeClock): UpdatesProvider => ({
  id: 'apt',
  check: async () => ({ provider: 'apt', checkedAt: new Date(clock.now()).toISOString(), pending: { value: { updates: [], total: 0, security: 0 } }, restart: { value: [] } }),
});

async function boot() {
  api = await startReferenceApi({ port: 0, host: '127.0.0.1' });
  const dataDir = await mkdtemp(join(tmpdir(), 'hallo-checks-it-'));
  dirs.push(dataDir);
  const clock = createFakeClock({ realTime: true });
  const fake = fakeSource(() => protectedPc(clock));
  const ports = { ...createNodePorts({ dataDir }), clock, updates: { provider: noUpdates(clock), restart: { restart: async () => ({ outcome: 'refused' as const, detail: 'not in this test' }) } }, checks: { source: fake.source } };
  const reference = api;
  agent = createAgent(ports, {
    appVersion: '0.1.0-test',
    systemLanguages: ['nl-NL'],
    env: { HALLO_API_URL: reference.url, HALLO_ENROLLMENT_CODE: reference.enrollmentCode },
    updates: { firstCheckDelayMs: 0 },
    checks: { firstCheckDelayMs: 0 },
  });
  await agent.start();
  await until('online', () => agent!.state().connection.status === 'online');
  return { api: reference, agent, clock, ...fake };
}

/** The next heartbeat at the reference server: jump over its timer until one has gone out. */
async function nextHeartbeat(api: ReferenceApi, clock: FakeClock) {
  const beats = api.received.heartbeats.length;
  for (let jump = 0; jump < 10 && api.received.heartbeats.length <= beats; jump++) {
    await clock.advance(300_000);
    await until('a heartbeat', () => api.received.heartbeats.length > beats, 2_000).catch(() => undefined);
  }
  return api.received.heartbeats.at(-1)!.body!;
}

describe('the checks against the reference API', () => {
  it('the lines show in state.checks, in the overall word and in the heartbeat\'s checks', async () => {
    const { api, agent, clock } = await boot();
    await until('a first check', () => agent.state().checks.lastCheckedAt !== null && !agent.state().checks.checking);
    expect(agent.state().checks.items.map(({ id, severity, code }) => [id, severity, code])).toEqual([
      ['antivirus:Microsoft Defender Antivirus', 'ok', 'health.antivirus.ok'],
      ['firewall:public', 'problem', 'health.firewall.off-public'],
      ['encryption', 'ok', 'health.encryption.on'],
      ['time', 'ok', 'health.time.ok'],
      ['office', 'ok', 'health.office.ok'],
      ['temp-files', 'ok', 'health.temp-files.ok'],
    ]);
    expect(agent.state().checks.probes).toEqual([expect.objectContaining({ probe: 'firewall-profile', read: true })]);
    expect(agent.state().checks.facts.lastScan).toMatchObject({ kind: 'quick', product: 'Microsoft Defender Antivirus' });
    await until('the overall word says the problem', () => agent.state().overall === 'problem');

    const beat = await nextHeartbeat(api, clock);
    expect(beat.checks).toEqual(expect.arrayContaining([{ id: 'firewall:public', check: 'firewall', severity: 'problem', code: 'health.firewall.off-public', params: {} }]));
    expect(beat.checks.map((c) => c.check)).toEqual(expect.arrayContaining(['antivirus', 'encryption', 'time', 'office', 'temp-files']));
    expect(api.received.serverErrors).toEqual([]);
  });

  it('a hung source gives unknown, because it took too long; the health samples and heartbeats carry on', async () => {
    const { api, agent, clock, control } = await boot();
    await until('a first check', () => agent.state().checks.lastCheckedAt !== null);
    control.hang = true;
    const asked = agent.invoke('checks.refresh', {});
    await until('checking', () => agent.state().checks.checking);
    await clock.advance(CHECKS_READ_TIMEOUT_MS);
    await asked;
    expect(agent.state().checks.checking).toBe(false);
    expect(agent.state().checks.items).toEqual(
      ['antivirus', 'firewall', 'encryption', 'time', 'office', 'temp-files'].map((id) => ({ id, check: id, severity: 'unknown', code: 'health.unknown', params: { reason: 'timeout' } })),
    );
    expect(agent.state().health.items.length).toBeGreaterThan(0);
    const beat = await nextHeartbeat(api, clock);
    expect(beat.checks).toEqual(expect.arrayContaining([{ id: 'time', check: 'time', severity: 'unknown', code: 'health.unknown', params: { reason: 'timeout' } }]));
    expect(agent.state().connection.status).toBe('online');
  });

  it("reads only the checks the policy turns on, on the policy's interval", async () => {
    const { api, agent, clock, reads } = await boot();
    await until('a first check', () => agent.state().checks.lastCheckedAt !== null);
    // The change reaches the agent through its event stream: set it once the stream is open (on a
    // loaded machine it can open after the first check; a change before would wait for the next
    // heartbeat, 15 minutes on the clock, and the full run of 13:16 timed out here).
    await until('event stream open', () => api.received.streams.some((s) => s.deviceId === agent.state().connection.deviceId));
    const policy = api.policy().policy;
    api.setPolicy({ ...policy, checks: { ...policy.checks, intervalMinutes: 60, enabled: { office: false, tempFiles: false } } });
    await until('a read with the new policy', () => reads.at(-1)!.length === 4);
    expect(reads.at(-1)).toEqual(['antivirus', 'firewall', 'encryption', 'time']);
    await until('judged by it', () => agent.state().checks.items.every((i) => i.check !== 'office' && i.check !== 'temp-files'));

    const before = reads.length;
    await clock.advance(45 * MINUTE);
    expect(reads.length).toBe(before); // the old 15 minutes are gone
    await clock.advance(15 * MINUTE);
    await until('the next read an hour after the last', () => reads.length === before + 1);
  });
});
