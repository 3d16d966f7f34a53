import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, decodeJwt, decodeProtectedHeader, importJWK } from 'jose';
import { ulid } from 'ulid';
import { createApiClient } from '../../electron/agent/hallo-api/client';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { shortCode } from '../../electron/agent/remote/short-code';
import { createFakeClock } from '../doubles/fake-clock';
import { failure } from '../unit/hallo-api/fakes';
import { FORGERIES, type Forgery } from '../reference-api/forgery';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, enrol, openEvents, remoteAsk, technician, type EventStream, type RemoteAsk, type Technician } from '../reference-api/testing';

type S = components['schemas'];

// Remote support against the reference server, over HTTP, as the agent (device token, event
// stream) and the technician's console (portal token, long poll) use it.

let api: ReferenceApi;
let tech: Technician;
let deviceId: string;
let token: string;
let stream: EventStream;
const at = () => new Date().toISOString();
const asDevice = <T = unknown>(method: string, path: string, body?: unknown) => call<T>(api.url, method, path, { token, body });
const consent = (sessionId: string, body: S['ConsentRequest']) => asDevice<S['ConsentResponse'] & S['Problem']>('POST', `/remote-sessions/${sessionId}/consent`, body);
const deviceSignal = (sessionId: string, signal: S['RemoteSignal']) => asDevice<S['Problem']>('POST', `/remote-sessions/${sessionId}/signal`, signal);
const sessionEvent = (sessionId: string, body: S['SessionEventRequest']) => asDevice('POST', `/remote-sessions/${sessionId}/events`, body);
const portalSignal = (sessionId: string, signal: S['RemoteSignal']) =>
  call<S['Problem']>(api.url, 'POST', `/portal/remote-sessions/${sessionId}/signal`, { token: api.portalToken, body: signal });
/** Asks as the technician; the device's stream has the request (taken from it, so that each test reads its own events). */
const ask = async (request: Omit<RemoteAsk, 'deviceId'> = {}) => {
  const asked = await tech.askRemote({ deviceId, ...request });
  expect(JSON.parse((await stream.next('remote-session.requested')).data)).toEqual({ request: asked.request });
  return asked;
};
const sessionOf = async (sessionId: string) => (await tech.device(deviceId)).remoteSessions.find((s) => s.sessionId === sessionId);

beforeAll(async () => {
  api = await startReferenceApi({ port: 0 });
  tech = technician(api, 'Jan (hallo,)');
  ({ deviceId, deviceToken: token } = await enrol(api.url, api.enrollmentCode));
  stream = await openEvents(api.url, token);
});
afterAll(async () => {
  stream.close();
  expect(api.received.serverErrors).toEqual([]);
  await api.close();
});

describe('a view session, from the request to its end', () => {
  it('relays the signals both ways, shows each step to the console and keeps it all in the device view', { timeout: 20_000 }, async () => {
    const asked = await ask({ mode: 'view', reason: 'Outlook start niet', ticketNumber: 10001 });
    expect(asked.code).toBe(shortCode(asked.request));
    expect(asked.code).toMatch(/^\d{3} \d{3}$/);
    const { sessionId } = asked;
    expect(await sessionOf(sessionId)).toMatchObject({ state: 'pending', code: asked.code, technician: { name: 'Jan (hallo,)' }, ticketNumber: 10001, modeRequested: 'view' });

    const granted = await consent(sessionId, { decision: 'granted', mode: 'view', decidedAt: at() });
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({ connection: { engine: 'view', iceServers: [] } });

    // The console waits for the device's offer; the offer wakes it.
    const waiting = tech.signals(sessionId, 0, 25_000);
    expect((await deviceSignal(sessionId, { kind: 'offer', sdp: 'v=0 offer' })).status).toBe(204);
    const first = await waiting;
    expect(first.signals).toEqual([{ seq: 1, signal: { kind: 'offer', sdp: 'v=0 offer' } }]);
    expect(first.session.state).toBe('granted');

    await tech.sendSignal(sessionId, { kind: 'answer', sdp: 'v=0 answer' });
    const candidate = { candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host', sdpMid: '0', sdpMLineIndex: 0 };
    await tech.sendSignal(sessionId, { kind: 'candidate', candidate });
    expect(JSON.parse((await stream.next('remote-session.signal')).data)).toEqual({ sessionId, signal: { kind: 'answer', sdp: 'v=0 answer' } });
    expect(JSON.parse((await stream.next('remote-session.signal')).data)).toEqual({ sessionId, signal: { kind: 'candidate', candidate } });

    await deviceSignal(sessionId, { kind: 'candidate', candidate });
    expect((await tech.signals(sessionId, 1)).signals).toEqual([{ seq: 2, signal: { kind: 'candidate', candidate } }]);

    expect((await sessionEvent(sessionId, { type: 'started', by: 'user', at: at() })).status).toBe(204);
    expect((await tech.signals(sessionId, 2)).session.state).toBe('running');

    // The technician ends it: the device hears it and ends the session; the waiting console sees the
    // end when the device reports it, not when its wait (longer than this test may take) runs out.
    const untilEnd = tech.signals(sessionId, 2, 25_000);
    await tech.cancel(sessionId);
    expect(JSON.parse((await stream.next('remote-session.cancelled')).data)).toEqual({ sessionId });
    expect((await sessionOf(sessionId))?.state).toBe('running');
    const ended: S['SessionEventRequest'] = { type: 'ended', by: 'technician', at: at(), reason: 'cancelled' };
    expect((await sessionEvent(sessionId, ended)).status).toBe(204);
    const last = await untilEnd;
    expect(last.signals).toEqual([]);
    expect(last.session).toMatchObject({ state: 'ended', ended });
    // Once over, a long poll answers at once.
    expect((await tech.signals(sessionId, 2, 25_000)).session.state).toBe('ended');

    const view = await sessionOf(sessionId);
    expect(view).toMatchObject({
      state: 'ended',
      consent: { decision: 'granted', mode: 'view' },
      startedAt: expect.any(String),
      ended: { type: 'ended', by: 'technician', reason: 'cancelled' },
    });
    expect((await deviceSignal(sessionId, { kind: 'bye' })).status).toBe(409);
    expect((await portalSignal(sessionId, { kind: 'bye' })).status).toBe(409);
  });
});

describe('consent', () => {
  it('is given once: a second answer gets 409 and the first, with its reason, is kept', async () => {
    const { sessionId } = await ask({ mode: 'control' });
    const denied = await consent(sessionId, { decision: 'denied', mode: 'control', decidedAt: at(), reason: 'not-requested' });
    expect(denied.status).toBe(200);
    expect(denied.body).toEqual({});
    const again = await consent(sessionId, { decision: 'granted', mode: 'view', decidedAt: at() });
    expect(again.status).toBe(409);
    expect(again.body.detail).toMatch(/denied/);
    expect(await sessionOf(sessionId)).toMatchObject({ state: 'denied', consent: { decision: 'denied', reason: 'not-requested' }, startedAt: null, ended: null });
  });

  it('cannot be given to a withdrawn request', async () => {
    const { sessionId } = await ask();
    await tech.cancel(sessionId);
    expect(JSON.parse((await stream.next('remote-session.cancelled')).data)).toEqual({ sessionId });
    expect((await sessionOf(sessionId))?.state).toBe('cancelled');
    const late = await consent(sessionId, { decision: 'granted', mode: 'view', decidedAt: at() });
    expect(late.status).toBe(409);
    expect(late.body.detail).toMatch(/cancelled/);
  });

  it('is refused for a request the server never made, or another device’s', async () => {
    const other = await enrol(api.url, api.enrollmentCode, 'PC-DEMO-02');
    const { sessionId } = await tech.askRemote({ deviceId: other.deviceId });
    expect((await consent(sessionId, { decision: 'granted', mode: 'view', decidedAt: at() })).status).toBe(404);
    expect((await consent('rs_never', { decision: 'denied', mode: 'view', decidedAt: at() })).status).toBe(404);
  });
});

describe('expiry', () => {
  it('reads as expired after five minutes: a late grant gets 409, a late timeout is kept, a withdrawal is not sent', async () => {
    let now = Date.parse('2026-12-07T10:00:00Z');
    const timed = await startReferenceApi({ now: () => now });
    try {
      const device = await enrol(timed.url, timed.enrollmentCode);
      const desk = technician(timed);
      const late = await desk.askRemote({ deviceId: device.deviceId });
      const quiet = await desk.askRemote({ deviceId: device.deviceId });
      now += 301_000;
      const views = (await desk.device(device.deviceId)).remoteSessions;
      expect(views.map((s) => s.state)).toEqual(['expired', 'expired']);

      const grant = await call<S['Problem']>(timed.url, 'POST', `/remote-sessions/${late.sessionId}/consent`, {
        token: device.deviceToken,
        body: { decision: 'granted', mode: 'view', decidedAt: new Date(now).toISOString() },
      });
      expect(grant.status).toBe(409);
      const timeout: S['ConsentRequest'] = { decision: 'expired', mode: 'view', decidedAt: new Date(now).toISOString(), reason: 'timeout' };
      expect((await call(timed.url, 'POST', `/remote-sessions/${quiet.sessionId}/consent`, { token: device.deviceToken, body: timeout })).status).toBe(200);
      const [first, second] = (await desk.device(device.deviceId)).remoteSessions;
      expect(first).toMatchObject({ state: 'expired', consent: null });
      expect(second).toMatchObject({ state: 'expired', consent: timeout });

      // Withdrawing an expired request changes nothing, and the device hears nothing of it.
      const unheard = await desk.askRemote({ deviceId: device.deviceId });
      now += 301_000;
      await desk.cancel(unheard.sessionId);
      const marker = await desk.rawEvent(device.deviceId, 'test.marker', {});
      const events = await openEvents(timed.url, device.deviceToken, '0');
      for (;;) {
        const event = await events.next();
        expect(event.event).not.toBe('remote-session.cancelled');
        if (event.id === marker) break;
      }
      events.close();
      expect((await desk.device(device.deviceId)).remoteSessions[2]).toMatchObject({ state: 'expired' });
      expect(timed.received.serverErrors).toEqual([]);
    } finally {
      await timed.close();
    }
  });
});

describe('signals', () => {
  it('are refused both ways (409) while the request waits for consent; an unknown session is 404', async () => {
    const { sessionId } = await ask();
    const fromDevice = await deviceSignal(sessionId, { kind: 'offer', sdp: 'v=0' });
    expect(fromDevice.status).toBe(409);
    expect(fromDevice.body.detail).toMatch(/pending/);
    expect((await portalSignal(sessionId, { kind: 'input', input: { type: 'click', x: 1, y: 2 } })).status).toBe(409);
    expect((await portalSignal('rs_never', { kind: 'bye' })).status).toBe(404);
    expect((await tech.signals(sessionId)).signals).toEqual([]);
  });

  it('carry the technician’s input to the device like any signal: dropping it is the device’s job', async () => {
    const { sessionId } = await ask();
    await consent(sessionId, { decision: 'granted', mode: 'view', decidedAt: at() });
    await tech.sendSignal(sessionId, { kind: 'input', input: { type: 'key', key: 'Enter' } });
    expect(JSON.parse((await stream.next('remote-session.signal')).data)).toEqual({ sessionId, signal: { kind: 'input', input: { type: 'key', key: 'Enter' } } });
    await sessionEvent(sessionId, { type: 'ended', by: 'agent', at: at(), reason: 'capture-failed' });
    expect(await sessionOf(sessionId)).toMatchObject({ state: 'ended', startedAt: null, ended: { by: 'agent', reason: 'capture-failed' } });
  });
});

describe('raw events', () => {
  it('reach the device’s stream unchanged with the next id, forged requests included, and are replayed', async () => {
    const forged = await api.forge('bad-signature', remoteAsk({ deviceId }));
    const firstId = await tech.sendRequest(deviceId, forged.request);
    const odd = { anything: [1, 'twee', null], nested: { ok: false } };
    const secondId = await tech.rawEvent(deviceId, 'made.up-event', odd);
    expect(Number(secondId)).toBe(Number(firstId) + 1);

    const first = await stream.next('remote-session.requested');
    expect(first.id).toBe(firstId);
    expect(JSON.parse(first.data)).toEqual({ request: forged.request });
    const second = await stream.next('made.up-event');
    expect(JSON.parse(second.data)).toEqual(odd);

    const resumed = await openEvents(api.url, token, String(Number(firstId) - 1));
    expect(await resumed.next()).toMatchObject({ id: firstId, event: 'remote-session.requested', data: first.data });
    expect(await resumed.next()).toMatchObject({ id: secondId, event: 'made.up-event', data: second.data });
    resumed.close();

    // The forged request names a session the server never made.
    expect((await consent(forged.sessionId, { decision: 'granted', mode: 'view', decidedAt: at() })).status).toBe(404);
  });

  it('need a known device and a type that looks like one', async () => {
    const unknown = await call(api.url, 'POST', '/portal/devices/dev_nope/events', { token: api.portalToken, body: { type: 'x', data: 1 } });
    expect(unknown.status).toBe(404);
    const badType = await call(api.url, 'POST', `/portal/devices/${deviceId}/events`, { token: api.portalToken, body: { type: 'Bad Type', data: 1 } });
    expect(badType.status).toBe(400);
  });

  it('can replay a request the device saw before, byte for byte', async () => {
    const asked = await ask();
    await tech.sendRequest(deviceId, asked.request);
    expect(JSON.parse((await stream.next('remote-session.requested')).data)).toEqual({ request: asked.request });
  });
});

describe('forged requests', () => {
  const verified = async (request: string) => {
    const jwk = api.policy().policy.remote.signingKeys.find((k) => k.kid === decodeProtectedHeader(request).kid);
    if (!jwk) return 'unknown-kid';
    return compactVerify(request, await importJWK({ ...jwk }, 'EdDSA')).then(
      () => 'verified',
      () => 'bad-signature',
    );
  };
  const cases: [Forgery, (request: string, now: number) => Promise<void> | void][] = [
    ['bad-signature', async (r) => expect(await verified(r)).toBe('bad-signature')],
    ['unknown-kid', async (r) => expect(await verified(r)).toBe('unknown-kid')],
    ['wrong-audience', async (r) => {
      expect(await verified(r)).toBe('verified');
      expect(decodeJwt(r).aud).not.toBe(deviceId);
    }],
    ['expired', async (r, now) => {
      expect(await verified(r)).toBe('verified');
      expect(decodeJwt(r).exp! * 1000).toBeLessThan(now);
    }],
    ['not-yet-valid', async (r, now) => {
      expect(await verified(r)).toBe('verified');
      expect(decodeJwt(r).iat! * 1000).toBeGreaterThan(now);
    }],
    ['lifetime-too-long', async (r) => {
      expect(await verified(r)).toBe('verified');
      const { iat, exp } = decodeJwt(r);
      expect(exp! - iat!).toBeGreaterThan(300);
    }],
    ['alg-none', (r) => expect([decodeProtectedHeader(r).alg, r.endsWith('.')]).toEqual(['none', true])],
    ['alg-hs256', (r) => expect(decodeProtectedHeader(r).alg).toBe('HS256')],
    ['malformed', async (r) => {
      expect(await verified(r)).toBe('verified');
      expect(decodeJwt(r).mode).toBe('admin');
    }],
    ['too-large', async (r) => {
      expect(await verified(r)).toBe('verified');
      expect(r.length).toBeGreaterThan(1024 * 1024);
    }],
  ];

  it('cover every kind the helpers name', () => {
    expect(cases.map(([kind]) => kind).sort()).toEqual(Object.keys(FORGERIES).sort());
  });

  it.each(cases)('%s is what it says, and otherwise a request for this device', async (kind, check) => {
    const now = Date.now();
    const { request, sessionId } = await api.forge(kind, remoteAsk({ deviceId }));
    await check(request, now);
    const claims = decodeJwt(request);
    expect(claims.jti).toBe(sessionId);
    if (kind !== 'wrong-audience') expect(claims.aud).toBe(deviceId);
  });
});

describe('the audit endpoint', () => {
  const entry = (seq: number, kind: S['RemoteAuditEntry']['kind']): S['RemoteAuditEntry'] => ({
    entryId: ulid(),
    seq,
    at: at(),
    kind,
    params: kind === 'request-refused' ? { reason: 'bad-signature' } : {},
    prevHash: String(seq - 1).repeat(64).slice(0, 64),
    hash: String(seq).repeat(64).slice(0, 64),
  });

  it('keeps each entry once when a batch comes again, by seq in the device view', async () => {
    const [one, two, three] = [entry(1, 'request-received'), entry(2, 'request-refused'), entry(3, 'consent')];
    expect((await asDevice('POST', '/remote-audit', { entries: [two, one] })).status).toBe(204);
    expect((await asDevice('POST', '/remote-audit', { entries: [one, two, three] })).status).toBe(204);
    expect((await tech.device(deviceId)).remoteAudit).toEqual([one, two, three]);
    expect(api.received.audits.filter((a) => a.deviceId === deviceId).map((a) => a.stored)).toEqual([2, 1]);
  });

  it('refuses a batch that fails the schema, and an empty one', async () => {
    expect((await asDevice('POST', '/remote-audit', { entries: [] })).status).toBe(400);
    expect((await asDevice('POST', '/remote-audit', { entries: [{ ...entry(4, 'consent'), hash: 'nope' }] })).status).toBe(400);
  });
});

describe('the agent’s own client', () => {
  it('gets what it validates: the view connection, signals relayed, audit kept once, 409 once the session is over', async () => {
    const clientFor = (deviceToken: string) =>
      createApiClient({ baseUrl: api.url, http: { fetch: (url, init) => fetch(url, init) }, clock: createFakeClock({ realTime: true }), token: () => deviceToken });
    const client = clientFor(token);
    const { sessionId } = await ask({ mode: 'control' });
    const answer = await client.consent(sessionId, { decision: 'granted', mode: 'view', decidedAt: at() });
    expect(answer).toEqual({ connection: { engine: 'view', iceServers: [] } });
    await client.sendRemoteSignal(sessionId, { kind: 'offer', sdp: 'v=0' });
    expect((await tech.signals(sessionId)).signals).toEqual([{ seq: 1, signal: { kind: 'offer', sdp: 'v=0' } }]);
    await client.sessionEvent(sessionId, { type: 'started', by: 'user', at: at() });

    const refused: S['RemoteAuditEntry'] = {
      entryId: ulid(),
      seq: 1,
      at: at(),
      kind: 'request-refused',
      params: { reason: 'replayed' },
      prevHash: '0'.repeat(64),
      hash: 'a'.repeat(64),
    };
    // A PC of its own, so that the audit is only this test's.
    const pc = await enrol(api.url, api.enrollmentCode, 'PC-DEMO-03');
    await clientFor(pc.deviceToken).sendRemoteAudit([refused]);
    await clientFor(pc.deviceToken).sendRemoteAudit([refused]);
    expect((await tech.device(pc.deviceId)).remoteAudit).toEqual([refused]);

    await client.sessionEvent(sessionId, { type: 'ended', by: 'user', at: at(), reason: 'ended' });
    expect((await failure(client.sendRemoteSignal(sessionId, { kind: 'bye' }))).status).toBe(409);
    expect(await sessionOf(sessionId)).toMatchObject({ state: 'ended', modeRequested: 'control', consent: { mode: 'view' }, ended: { by: 'user', reason: 'ended' } });
  });
});
