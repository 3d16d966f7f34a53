import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, enrol, technician } from '../reference-api/testing';

type S = components['schemas'];

// "Onderhoud" between hallo,'s portal and a device, over real HTTP: the portal records upkeep, the
// device reads its own last 30 days (newest first, at most 200), the portal's device view shows all.

const NOW = Date.parse('2026-12-07T09:00:00.000Z');
const DAY = 24 * 3_600_000;

let api: ReferenceApi;
let token: string;
let deviceId: string;
const daysAgo = (days: number) => new Date(NOW - days * DAY).toISOString();
const list = async (deviceToken = token) => call<S['MaintenanceList']>(api.url, 'GET', '/maintenance', { token: deviceToken });
const add = (id: string, body: unknown) => call<S['MaintenanceEntry']>(api.url, 'POST', `/portal/devices/${id}/maintenance`, { token: api.portalToken, body });

beforeAll(async () => {
  api = await startReferenceApi({ port: 0, now: () => NOW });
  ({ deviceToken: token, deviceId } = await enrol(api.url, api.enrollmentCode));
});
afterAll(async () => {
  expect(api.received.serverErrors).toEqual([]);
  await api.close();
});

describe('GET /maintenance and POST /portal/devices/{id}/maintenance', () => {
  it('a new device has none; an entry without id and at gets a new id and now', async () => {
    expect((await list()).body).toEqual({ entries: [] });
    const added = await add(deviceId, { kind: 'disk-checked', note: 'Schijf C: gecontroleerd' });
    expect(added.status).toBe(201);
    expect(added.body).toEqual({ id: expect.stringMatching(/^mnt_[0-9A-Z]{26}$/), at: new Date(NOW).toISOString(), kind: 'disk-checked', note: 'Schijf C: gecontroleerd' });
    expect((await list()).body.entries).toEqual([added.body]);
  });

  it('gives the device its own entries of the last 30 days, newest first; the portal sees them all', async () => {
    const other = await enrol(api.url, api.enrollmentCode, 'PC-ANDERS-02');
    await technician(api).addMaintenance(other.deviceId, { id: 'elsewhere', kind: 'disk-checked' });
    const old = await technician(api).addMaintenance(deviceId, { id: 'old', at: daysAgo(31), kind: 'admin-password-changed' });
    const patch = await technician(api).addMaintenance(deviceId, { id: 'patch', at: daysAgo(3), kind: 'updates-installed', count: 7, failed: 1, note: null });
    const laterKind = await technician(api).addMaintenance(deviceId, { id: 'later-kind', at: daysAgo(1), kind: 'firmware-updated', product: 'BIOS 1.2' });

    const entries = (await list()).body.entries;
    expect(entries.map((e) => e.id)).toEqual([entries[0]!.id, 'later-kind', 'patch']);
    expect(entries.slice(1)).toEqual([laterKind, patch]);
    expect((await list(other.deviceToken)).body.entries.map((e) => e.id)).toEqual(['elsewhere']);
    expect((await technician(api).device(deviceId)).maintenance?.map((e) => e.id)).toEqual([entries[0]!.id, 'later-kind', 'patch', old.id]);
  });

  it('the same id again replaces the entry instead of showing it twice', async () => {
    await technician(api).addMaintenance(deviceId, { id: 'patch', at: daysAgo(3), kind: 'updates-installed', count: 8, failed: 0 });
    const patches = (await list()).body.entries.filter((e) => e.id === 'patch');
    expect(patches).toEqual([{ id: 'patch', at: daysAgo(3), kind: 'updates-installed', count: 8, failed: 0, note: null }]);
  });

  it('gives at most 200, the newest', async () => {
    const crowded = await enrol(api.url, api.enrollmentCode, 'PC-DRUK-03');
    for (let i = 0; i < 205; i++) await add(crowded.deviceId, { id: `run-${i}`, at: new Date(NOW - (i + 1) * 60_000).toISOString(), kind: 'antivirus-scan', scan: 'quick' });
    const entries = (await list(crowded.deviceToken)).body.entries;
    expect(entries).toHaveLength(200);
    expect([entries[0]!.id, entries[199]!.id]).toEqual(['run-0', 'run-199']);
  });

  it('refuses a bad body (400), an unknown device (404), no portal token (401), and a device token that is not one (401)', async () => {
    expect((await add(deviceId, { kind: 'disk-checked', count: -1 })).status).toBe(400);
    expect((await add(deviceId, { note: 'no kind' })).status).toBe(400);
    expect((await add(deviceId, { kind: 'disk-checked', at: 'gisteren' })).status).toBe(400);
    expect((await add(deviceId, { kind: 'disk-checked', password: 'hunter2' })).status).toBe(400);
    expect((await add('dev_unknown', { kind: 'disk-checked' })).status).toBe(404);
    expect((await call(api.url, 'POST', `/portal/devices/${deviceId}/maintenance`, { token: token, body: { kind: 'disk-checked' } })).status).toBe(401);
    expect((await list('not-a-token')).status).toBe(401);
  });

  it('a server started with demoMaintenance gives each device that enrols hallo,’s demo upkeep', async () => {
    const demo = await startReferenceApi({ port: 0, now: () => NOW, demoMaintenance: true });
    try {
      const enrolled = await enrol(demo.url, demo.enrollmentCode);
      const entries = (await call<S['MaintenanceList']>(demo.url, 'GET', '/maintenance', { token: enrolled.deviceToken })).body.entries;
      expect(entries.map((e) => e.kind)).toEqual(['disk-checked', 'admin-password-changed', 'updates-installed']);
      expect(demo.received.serverErrors).toEqual([]);
    } finally {
      await demo.close();
    }
  });
});
