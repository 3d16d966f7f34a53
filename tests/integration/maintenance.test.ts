import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAgent, type Agent } from '../../electron/agent/agent';
import { createNodePorts } from '../../electron/preview/node-ports';
import { createFakeClock } from '../doubles/fake-clock';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { technician } from '../reference-api/testing';
import { until } from './fixtures/until';

// "Onderhoud" between the agent and the reference API over real HTTP: an entry hallo, records
// through the portal reaches state.maintenance after a refresh (the popup opening "Onderhoud");
// with the API gone, the next start shows the cached list, stale once a refresh fails.

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

function agentOn(reference: ReferenceApi, dataDir: string): Agent {
  const ports = { ...createNodePorts({ dataDir }), clock: createFakeClock({ realTime: true }) };
  agent = createAgent(ports, { appVersion: '0.1.0-test', systemLanguages: ['nl-NL'], env: { HALLO_API_URL: reference.url, HALLO_ENROLLMENT_CODE: reference.enrollmentCode } });
  return agent;
}

describe('maintenance against the reference API', () => {
  it('an entry recorded through the portal shows after a refresh; offline, the next start shows the cached list, stale', async () => {
    const reference = (api = await startReferenceApi({ port: 0, host: '127.0.0.1' }));
    const dataDir = await mkdtemp(join(tmpdir(), 'hallo-maintenance-it-'));
    dirs.push(dataDir);
    const first = agentOn(reference, dataDir);
    await first.start();
    await until('online, and hallo,’s (empty) list fetched', () => first.state().connection.status === 'online' && first.state().maintenance.fetchedAt !== null);
    expect(first.state().maintenance).toMatchObject({ entries: [], stale: false });
    const deviceId = first.state().connection.deviceId!;

    const recorded = await technician(reference).addMaintenance(deviceId, { kind: 'admin-password-changed', note: 'Lokaal beheerderswachtwoord vervangen' });
    await first.invoke('maintenance.refresh', {});
    expect(first.state().maintenance.entries).toEqual([
      { id: recorded.id, at: recorded.at, kind: 'admin-password-changed', source: 'hallo', params: {}, note: 'Lokaal beheerderswachtwoord vervangen' },
    ]);
    const fetchedAt = first.state().maintenance.fetchedAt;
    await first.stop();

    await reference.stop(); // hallo, cannot be reached
    const second = agentOn(reference, dataDir);
    await second.start();
    expect(second.state().maintenance).toEqual({ entries: [expect.objectContaining({ id: recorded.id, source: 'hallo' })], fetchedAt, stale: false });
    await second.invoke('maintenance.refresh', {});
    expect(second.state().maintenance).toEqual({ entries: [expect.objectContaining({ id: recorded.id, source: 'hallo' })], fetchedAt, stale: true });
  });
});
