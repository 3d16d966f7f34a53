import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { createApiClient } from '../../electron/agent/hallo-api/client';
import { createFakeClock } from '../doubles/fake-clock';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, enrol, heartbeatBody, openEvents } from '../reference-api/testing';

type S = components['schemas'];

// Restarts between hallo, and a device, over real HTTP: the technician asks through the portal, the
// device hears restart.requested, reports the outcome once, and the portal's device view shows it.

let api: ReferenceApi;
let token: string;
let deviceId: string;
const portal = () => ({ token: api.portalToken });
const outcome = (over: Partial<S['RestartOutcome']> = {}): S['RestartOutcome'] => ({
  outcome: 'performed',
  requestId: null,
  by: 'away',
  reasons: ['windows-update'],
  firstSeenAt: '2026-12-07T08:00:00.000Z',
  restartedAt: '2026-12-07T18:05:00.000Z',
  deferralsUsed: 1,
  stillPending: false,
  detail: null,
  ...over,
});

beforeAll(async () => {
  api = await startReferenceApi({ port: 0, keepAliveMs: 200 });
  ({ deviceToken: token, deviceId } = await enrol(api.url, api.enrollmentCode));
});
afterAll(async () => {
  expect(api.received.serverErrors).toEqual([]);
  await api.close();
});

describe('restart requests', () => {
  it('go from the portal to the device’s event stream, and the outcome settles them in the device view', async () => {
    const events = await openEvents(api.url, token);
    const asked = await call<S['PortalRestartRequest']>(api.url, 'POST', `/portal/devices/${deviceId}/restart-requests`, {
      ...portal(),
      body: { reason: 'Beveiligingsupdate van vandaag', deadline: '2026-12-10T16:00:00.000Z' },
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ deviceId, state: 'sent', outcome: null });
    const heard = await events.next('restart.requested');
    expect(JSON.parse(heard.data)).toEqual({ requestId: asked.body.requestId, reason: 'Beveiligingsupdate van vandaag', deadline: '2026-12-10T16:00:00.000Z' });
    events.close();

    const client = createApiClient({ baseUrl: api.url, http: { fetch: (url, init) => fetch(url, init) }, clock: createFakeClock({ realTime: true }), token: () => token });
    const key = ulid();
    const report = outcome({ requestId: asked.body.requestId, by: 'user' });
    await client.reportRestartOutcome(report, key);
    await client.reportRestartOutcome(report, key); // sent again after a crash: kept once

    const view = await call<S['PortalDevice']>(api.url, 'GET', `/portal/devices/${deviceId}`, portal());
    expect(view.body.restartRequests).toEqual([{ ...asked.body, state: 'performed', outcome: report }]);
    expect(view.body.restartOutcomes).toEqual([report]);
  });

  it('keeps outcomes of restarts hallo, did not ask for, and a refusal by the OS', async () => {
    const refused = outcome({ outcome: 'refused', by: 'deadline', restartedAt: null, stillPending: true, detail: 'shutdown.exe: 1190' });
    const sent = await call(api.url, 'POST', '/restart-outcomes', { token, body: refused, headers: { 'idempotency-key': ulid() } });
    expect(sent.status).toBe(204);
    const view = await call<S['PortalDevice']>(api.url, 'GET', `/portal/devices/${deviceId}`, portal());
    expect(view.body.restartOutcomes.at(-1)).toEqual(refused);
  });

  it('shows the last updates summary the device sent', async () => {
    const updates: S['UpdatesSummary'] = {
      pendingCount: 3,
      rebootRequired: true,
      lastCheckedAt: '2026-12-07T08:00:00.000Z',
      pendingByClass: { security: 2, critical: 0, update: 1, upgrade: 0, servicePack: 0, driver: 0, definition: 0, other: 0 },
      unknownReason: null,
      restartReasons: ['windows-update', 'pending-file-rename'],
      restartDeadline: '2026-12-10T16:00:00.000Z',
      deferralsUsed: 1,
      restartRequestId: null,
    };
    const beat = await call(api.url, 'POST', '/heartbeat', { token, body: { ...heartbeatBody(), updates } });
    expect(beat.status).toBe(200);
    const view = await call<S['PortalDevice']>(api.url, 'GET', `/portal/devices/${deviceId}`, portal());
    expect(view.body.lastHeartbeat?.updates).toEqual(updates);
  });

  it('refuses an unknown device, a malformed deadline, and an outcome without an Idempotency-Key', async () => {
    const body = { reason: 'x', deadline: '2026-12-10T16:00:00.000Z' };
    expect((await call(api.url, 'POST', '/portal/devices/dev_nope/restart-requests', { ...portal(), body })).status).toBe(404);
    const malformed = await call<S['Problem']>(api.url, 'POST', `/portal/devices/${deviceId}/restart-requests`, {
      ...portal(),
      body: { ...body, deadline: 'donderdag 17:00' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toContainEqual(expect.objectContaining({ field: '/deadline' }));
    expect((await call(api.url, 'POST', '/restart-outcomes', { token, body: outcome() })).status).toBe(400);
  });
});
