import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, enrol, heartbeatBody, openEvents, ticketBody } from '../reference-api/testing';

type S = components['schemas'];

// The bad days the agent must survive, as the reference server plays them: load shedding, hangs,
// resets, lost answers, garbage, and the whole API going away and coming back.

let api: ReferenceApi;
let token: string;

beforeEach(async () => {
  api = await startReferenceApi({ keepAliveMs: 200 });
  token = (await enrol(api.url, api.enrollmentCode)).deviceToken;
});
afterEach(async () => {
  expect(api.received.serverErrors).toEqual([]);
  await api.close();
});

/** Waits (without timing anything) until the server has seen `count` requests to `path`. */
async function arrived(path: string, count = 1): Promise<void> {
  while (api.received.requests.filter((r) => r.path === path).length < count) await new Promise((r) => setTimeout(r, 10));
}

describe('injected faults', () => {
  it('answers a status fault with a problem and Retry-After, as often as asked, on the matching path only', async () => {
    api.faults.push({ path: '/heartbeat', kind: 'status', status: 429, retryAfter: 7, times: 2 });
    for (let i = 0; i < 2; i++) {
      const answer = await call<S['Problem']>(api.url, 'POST', '/heartbeat', { token, body: heartbeatBody() });
      expect(answer.status).toBe(429);
      expect(answer.headers.get('retry-after')).toBe('7');
      expect(answer.headers.get('content-type')).toBe('application/problem+json');
      expect(answer.body.status).toBe(429);
      expect((await call(api.url, 'GET', '/policy', { token })).status).toBe(200);
    }
    expect((await call(api.url, 'POST', '/heartbeat', { token, body: heartbeatBody() })).status).toBe(200);
    expect(api.received.heartbeats).toHaveLength(1);
  });

  it('consumes faults in order, matching the method when one is given', async () => {
    api.faults.push({ method: 'POST', kind: 'status', status: 500 }, { kind: 'status', status: 503 });
    expect((await call(api.url, 'GET', '/policy', { token })).status).toBe(503);
    expect((await call(api.url, 'POST', '/heartbeat', { token, body: heartbeatBody() })).status).toBe(500);
    expect((await call(api.url, 'GET', '/policy', { token })).status).toBe(200);
    expect(api.faults.pending()).toEqual([]);
  });

  it('takes faults through POST /portal/faults, and portal calls are not hit by path-less faults', async () => {
    const queued = await call(api.url, 'POST', '/portal/faults', {
      token: api.portalToken,
      body: { faults: [{ kind: 'status', status: 503, retryAfter: 30 }] },
    });
    expect(queued.status).toBe(204);
    expect((await call(api.url, 'GET', '/portal/tickets', { token: api.portalToken })).status).toBe(200);
    const answer = await call(api.url, 'GET', '/tickets', { token });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('30');

    const bad = await call(api.url, 'POST', '/portal/faults', { token: api.portalToken, body: { faults: [{ kind: 'explode' }] } });
    expect(bad.status).toBe(400);
  });

  it('never answers on a timeout fault; the socket stays open until the client gives up', async () => {
    api.faults.push({ path: '/policy', kind: 'timeout' });
    const abort = new AbortController();
    let settled = false;
    const pending = call(api.url, 'GET', '/policy', { token, signal: abort.signal }).finally(() => (settled = true));
    await arrived('/policy');
    // A later request is answered while the first still waits.
    expect((await call(api.url, 'POST', '/heartbeat', { token, body: heartbeatBody() })).status).toBe(200);
    expect(settled).toBe(false);
    abort.abort();
    await expect(pending).rejects.toThrow(/abort/i);
    expect((await call(api.url, 'GET', '/policy', { token })).status).toBe(200);
  });

  it('destroys the socket on a reset fault, before doing anything', async () => {
    api.faults.push({ path: '/heartbeat', kind: 'reset' });
    await expect(call(api.url, 'POST', '/heartbeat', { token, body: heartbeatBody() })).rejects.toThrow();
    expect(api.received.heartbeats).toHaveLength(0);
  });

  it('loses the answer of a ticket it did make: the retry with the same key gets that ticket, not a second one', async () => {
    api.faults.push({ method: 'POST', path: '/tickets', kind: 'lose-response' });
    const key = ulid();
    await expect(call(api.url, 'POST', '/tickets', { token, body: ticketBody(), headers: { 'idempotency-key': key } })).rejects.toThrow();
    expect(api.tickets).toHaveLength(1);
    const retry = await call<S['TicketCreated']>(api.url, 'POST', '/tickets', { token, body: ticketBody(), headers: { 'idempotency-key': key } });
    expect(retry.status).toBe(200);
    expect(retry.body.number).toBe(api.tickets[0]!.number);
    expect(api.tickets).toHaveLength(1);
  });

  it('answers garbage on a garbage fault', async () => {
    api.faults.push({ path: '/policy', kind: 'garbage' });
    const res = await fetch(`${api.url}/policy`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    await expect(res.json()).rejects.toThrow();
  });

  it('answers with the JSON of a body fault, unchecked: a policy that fails its schema', async () => {
    const broken = { etag: '"broken"', policy: { support: null } };
    api.faults.push({ path: '/policy', kind: 'body', body: broken });
    expect(await call(api.url, 'GET', '/policy', { token })).toMatchObject({ status: 200, body: broken });
  });

  it('refuses faults that openapi.json does not allow, at once', () => {
    expect(() => api.faults.push({ kind: 'status', status: 418 })).toThrow(/bad fault: \/status/);
    expect(api.faults.pending()).toEqual([]);
  });
});

describe('options', () => {
  it('refuse a policy the server could not serve', async () => {
    await expect(startReferenceApi({ policy: { health: { heartbeatSeconds: 1, sampleSeconds: 60 } } })).rejects.toThrow(
      /\/health\/heartbeatSeconds/,
    );
  });
});

describe('limits', () => {
  it('answers 413 for an attachment past the API’s hard cap even when the policy allows more', async () => {
    const tickets = { ...api.policy().policy.tickets, maxAttachmentBytes: 64 * 1024 * 1024 };
    api.setPolicy({ ...api.policy().policy, tickets });
    const huge = Buffer.alloc(17 * 1024 * 1024).toString('base64');
    const answer = await call(api.url, 'POST', '/tickets', {
      token,
      body: ticketBody({ attachments: [{ name: 'dump.bin', contentType: 'application/octet-stream', dataBase64: huge }] }),
      headers: { 'idempotency-key': ulid() },
    });
    expect(answer.status).toBe(413);
    expect(api.tickets).toHaveLength(0);
  });
});

describe('stop() and start()', () => {
  it('goes away and comes back on the same URL with everything it knew; the event stream resumes', async () => {
    const url = api.url;
    const stream = await openEvents(url, token);
    await stream.comments(1);
    api.setPolicy({ ...api.policy().policy, health: { heartbeatSeconds: 60, sampleSeconds: 10 } });
    const seen = await stream.next('policy.changed');

    await api.stop();
    await stream.ended;
    await expect(call(url, 'GET', '/policy', { token })).rejects.toThrow();
    const changed = api.setPolicy({ ...api.policy().policy, health: { heartbeatSeconds: 120, sampleSeconds: 10 } });

    await api.start();
    expect(api.url).toBe(url);
    const resumed = await openEvents(url, token, seen.id);
    expect(JSON.parse((await resumed.next()).data)).toEqual({ etag: changed.etag });
    resumed.close();
    const policy = await call<S['PolicyResponse']>(url, 'GET', '/policy', { token });
    expect(policy.body.policy.health.heartbeatSeconds).toBe(120);
  });
});

describe('remote sessions', () => {
  it('cannot be granted after the request expired', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const timed = await startReferenceApi({ now: () => now });
    try {
      const { deviceId, deviceToken } = await enrol(timed.url, timed.enrollmentCode);
      const asked = await call<S['PortalRemoteSession']>(timed.url, 'POST', '/portal/remote-sessions', {
        token: timed.portalToken,
        body: { deviceId, technician: { id: 't1', name: 'Sanne' }, reason: 'Printer', mode: 'view' },
      });
      now += 301_000;
      const late = await call<S['Problem']>(timed.url, 'POST', `/remote-sessions/${asked.body.sessionId}/consent`, {
        token: deviceToken,
        body: { decision: 'granted', mode: 'view', decidedAt: new Date(now).toISOString() },
      });
      expect(late.status).toBe(409);
      expect(late.body.detail).toMatch(/expired/);
      expect(timed.received.serverErrors).toEqual([]);
    } finally {
      await timed.close();
    }
  });
});

describe('enrolment codes', () => {
  it('expire', async () => {
    let now = Date.parse('2026-11-25T10:00:00Z');
    const timed = await startReferenceApi({ now: () => now, enrollmentCode: 'DEMO-TEST-01', enrollmentCodeTtlSeconds: 3600 });
    try {
      now += 3599_000;
      expect((await enrol(timed.url, 'DEMO-TEST-01')).deviceId).toMatch(/^dev_/);
      now += 1000;
      await expect(enrol(timed.url, 'DEMO-TEST-01')).rejects.toThrow(/401/);
      expect(timed.received.enrolments.map((e) => e.status)).toEqual([201, 401]);
    } finally {
      await timed.close();
    }
  });
});
