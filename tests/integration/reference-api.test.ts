import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { validateSchema } from '../../electron/agent/hallo-api/validator';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, device, enrol, heartbeatBody, openEvents, ticketBody } from '../reference-api/testing';

type S = components['schemas'];

// The agent's whole conversation with hallo,, over real HTTP on 127.0.0.1, in the order a newly
// installed PC has it. Each step builds on the one before.

let api: ReferenceApi;
let base: string;
let token: string;
let deviceId: string;
const portal = () => ({ token: api.portalToken });

beforeAll(async () => {
  api = await startReferenceApi({ port: 0, keepAliveMs: 200 });
  base = api.url;
});
afterAll(async () => {
  expect(api.received.serverErrors).toEqual([]);
  await api.close();
});

describe('enrolment', () => {
  it('refuses an unknown code with a 401 problem', async () => {
    const answer = await call<S['Problem']>(base, 'POST', '/enroll', {
      body: { enrollmentCode: 'NOPE-0000-00', device: device() },
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
    expect(answer.body).toMatchObject({ status: 401, title: 'Unauthorized' });
  });

  it('refuses a body that fails the schema with a 400 problem naming the field', async () => {
    const answer = await call<S['Problem']>(base, 'POST', '/enroll', { body: { enrollmentCode: api.enrollmentCode, device: {} } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toContainEqual({ field: '/device/hostname', code: 'required' });
  });

  it('gives the demo code a device id and a 32-byte token', async () => {
    expect(api.enrollmentCode).toMatch(/^DEMO-[0-9A-Z]{4}-[0-9A-Z]{2}$/);
    const enrolled = await enrol(base, api.enrollmentCode);
    token = enrolled.deviceToken;
    deviceId = enrolled.deviceId;
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(api.devices.get(deviceId)?.device.hostname).toBe('PC-DEMO-01');
  });
});

describe('policy and heartbeat', () => {
  it('serves the demo policy with an ETag, then 304 for that ETag', async () => {
    const first = await call<S['PolicyResponse']>(base, 'GET', '/policy', { token });
    expect(first.status).toBe(200);
    expect(first.headers.get('etag')).toBe(first.body.etag);
    expect(validateSchema('Policy', first.body.policy).ok).toBe(true);
    expect(first.body.policy.support).toMatchObject({ phone: '088 - 123 45 67', slaTier: 'standaard', timeZone: 'Europe/Amsterdam' });
    expect(first.body.policy.support.emergencyPhone).toBeUndefined();
    expect(first.body.policy.tickets.categories.map((c) => c.label.nl)).toContain('Mijn computer is traag');

    const again = await call(base, 'GET', '/policy', { token, headers: { 'if-none-match': first.body.etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
  });

  // A newer agent may report a check this server does not know yet: that must not cost the PC its
  // contact (a refused heartbeat shows "no contact"). openapi.json says the API must accept it.
  it('keeps a heartbeat that reports a check it does not know yet', async () => {
    const body = heartbeatBody();
    const newer = { ...body, checks: [...body.checks, { id: 'printer:0', check: 'printer', severity: 'attention' as const, code: 'health.printer.offline', params: { name: 'HP LaserJet' } }] };
    const answer = await call<S['HeartbeatResponse']>(base, 'POST', '/heartbeat', { token, body: newer });
    expect(answer).toMatchObject({ status: 200, body: { policyEtag: api.policy().etag } });
    expect(api.received.heartbeats.at(-1)?.body.checks).toContainEqual(expect.objectContaining({ check: 'printer' }));
  });

  it('keeps the heartbeat and answers with the current policy etag', async () => {
    const answer = await call<S['HeartbeatResponse']>(base, 'POST', '/heartbeat', { token, body: heartbeatBody() });
    expect(answer).toMatchObject({ status: 200, body: { policyEtag: api.policy().etag } });
    expect(api.received.heartbeats.at(-1)).toMatchObject({ deviceId, body: heartbeatBody() });
  });

  it('refuses a heartbeat with a field the contract does not have (drift)', async () => {
    const answer = await call<S['Problem']>(base, 'POST', '/heartbeat', { token, body: { ...heartbeatBody(), cpuTemp: 80 } });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: '/cpuTemp', code: 'unknown-field' }]);
  });

  it('answers 401 without a token or with a wrong one', async () => {
    expect((await call(base, 'GET', '/policy')).status).toBe(401);
    expect((await call(base, 'GET', '/policy', { token: 'x'.repeat(43) })).status).toBe(401);
  });
});

describe('tickets', () => {
  const key = ulid();

  it('makes one ticket for one Idempotency-Key, however often it is sent', async () => {
    const first = await call<S['TicketCreated']>(base, 'POST', '/tickets', { token, body: ticketBody(), headers: { 'idempotency-key': key } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ number: 10001, status: 'new' });
    const retry = await call<S['TicketCreated']>(base, 'POST', '/tickets', { token, body: ticketBody(), headers: { 'idempotency-key': key } });
    expect(retry.status).toBe(200);
    expect(retry.body).toEqual(first.body);
    expect(api.tickets).toHaveLength(1);

    const next = await call<S['TicketCreated']>(base, 'POST', '/tickets', { token, body: ticketBody(), headers: { 'idempotency-key': ulid() } });
    expect(next.body.number).toBe(10002);
  });

  it('requires a ULID Idempotency-Key', async () => {
    const answer = await call<S['Problem']>(base, 'POST', '/tickets', { token, body: ticketBody() });
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([{ field: '/header/Idempotency-Key', code: 'required' }]);
  });

  it('answers 413 for an attachment over maxAttachmentBytes', async () => {
    const max = api.policy().policy.tickets.maxAttachmentBytes;
    const big = Buffer.alloc(max + 1, 1).toString('base64');
    const answer = await call(base, 'POST', '/tickets', {
      token,
      body: ticketBody({ attachments: [{ name: 'scherm.png', contentType: 'image/png', dataBase64: big }] }),
      headers: { 'idempotency-key': ulid() },
    });
    expect(answer.status).toBe(413);
    const fits = Buffer.alloc(max, 1).toString('base64');
    const ok = await call(base, 'POST', '/tickets', {
      token,
      body: ticketBody({ attachments: [{ name: 'scherm.png', contentType: 'image/png', dataBase64: fits }] }),
      headers: { 'idempotency-key': ulid() },
    });
    expect(ok.status).toBe(201);
  });

  it('answers 422 with the fields for what the user can fix', async () => {
    const max = api.policy().policy.tickets.maxDescriptionChars;
    const tooLong = await call<S['Problem']>(base, 'POST', '/tickets', {
      token,
      body: ticketBody({ description: 'x'.repeat(max + 1), category: 'coffee' }),
      headers: { 'idempotency-key': ulid() },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([
      { field: '/description', code: 'too-long' },
      { field: '/category', code: 'unknown-category' },
    ]);

    const badContact = await call<S['Problem']>(base, 'POST', '/tickets', {
      token,
      body: ticketBody({ subject: '', contact: { name: 'Anna', email: 'not-an-address' } }),
      headers: { 'idempotency-key': ulid() },
    });
    expect(badContact.status).toBe(422);
    expect(badContact.body.errors).toEqual(
      expect.arrayContaining([
        { field: '/subject', code: 'too-short' },
        { field: '/contact/email', code: 'invalid-format' },
      ]),
    );

    // A broken diagnostics bundle is the agent's fault, not the user's: 400.
    const body = ticketBody();
    const broken = { ...body, diagnostics: { ...body.diagnostics, processes: 'none' } };
    expect((await call(base, 'POST', '/tickets', { token, body: broken, headers: { 'idempotency-key': ulid() } })).status).toBe(400);
  });

  it('lists the device’s tickets, newest first, and shows a technician’s reply', async () => {
    const [newest] = api.tickets.slice(-1);
    const patch = await call<S['PortalTicket']>(base, 'PATCH', `/portal/tickets/${newest!.ticketId}`, {
      ...portal(),
      body: { status: 'waiting', reply: { from: 'Sanne (hallo,)', text: 'Welke printer precies?' } },
    });
    expect(patch.status).toBe(200);
    const list = await call<S['TicketSummary'][]>(base, 'GET', '/tickets', { token });
    expect(list.body.map((t) => t.number)).toEqual([10003, 10002, 10001]);
    expect(list.body[0]).toMatchObject({ status: 'waiting', lastReply: { from: 'Sanne (hallo,)', text: 'Welke printer precies?' } });
  });
});

describe('events and remote support', () => {
  it('streams events with increasing ids and replays what came after Last-Event-ID', async () => {
    const stream = await openEvents(base, token);
    await stream.comments(2); // the opening comment and one keep-alive: the stream is alive
    const ticket = api.tickets[0]!;
    await call(base, 'PATCH', `/portal/tickets/${ticket.ticketId}`, { ...portal(), body: { status: 'open' } });
    await call(base, 'PATCH', `/portal/tickets/${ticket.ticketId}`, { ...portal(), body: { status: 'resolved' } });
    const first = await stream.next('ticket.updated');
    const second = await stream.next('ticket.updated');
    expect(JSON.parse(first.data)).toEqual({ ticketId: ticket.ticketId, status: 'open' });
    expect(Number(second.id)).toBeGreaterThan(Number(first.id));
    stream.close();

    // The second change came as its thread entry (ticket.message), then as ticket.updated.
    const resumed = await openEvents(base, token, first.id);
    const entry = await resumed.next();
    expect(entry.event).toBe('ticket.message');
    expect(JSON.parse(entry.data)).toMatchObject({ ticketId: ticket.ticketId, message: { kind: 'status', status: 'resolved' } });
    const replayed = await resumed.next();
    expect(replayed.id).toBe(second.id);
    expect(JSON.parse(replayed.data)).toEqual({ ticketId: ticket.ticketId, status: 'resolved' });
    resumed.close();
  });

  it('sends policy.changed with the new etag when the portal replaces the policy', async () => {
    const stream = await openEvents(base, token);
    await stream.comments(1);
    const policy = structuredClone(api.policy().policy);
    policy.support.slaTier = '24x7';
    policy.support.emergencyPhone = '088 - 123 45 99';
    const put = await call<S['PolicyResponse']>(base, 'PUT', '/portal/policy', { ...portal(), body: policy });
    expect(put.status).toBe(200);
    const event = await stream.next('policy.changed');
    expect(JSON.parse(event.data)).toEqual({ etag: put.body.etag });
    const fetched = await call<S['PolicyResponse']>(base, 'GET', '/policy', { token });
    expect(fetched.body).toEqual(put.body);
    stream.close();
  });

  it('signs a remote-session request that verifies with the policy’s key; consent and events are kept', async () => {
    const stream = await openEvents(base, token);
    await stream.comments(1);
    const asked = await call<S['PortalRemoteSession']>(base, 'POST', '/portal/remote-sessions', {
      ...portal(),
      body: { deviceId, technician: { id: 'tech-7', name: 'Sanne' }, ticketNumber: 10001, reason: 'Printer', mode: 'control' },
    });
    expect(asked.status).toBe(201);
    const event = await stream.next('remote-session.requested');
    const { request } = JSON.parse(event.data) as { request: string };
    expect(request).toBe(asked.body.request);

    const policy = (await call<S['PolicyResponse']>(base, 'GET', '/policy', { token })).body.policy;
    const { kid, alg } = decodeProtectedHeader(request);
    expect(alg).toBe('EdDSA');
    const jwk = policy.remote.signingKeys.find((k) => k.kid === kid);
    expect(jwk).toBeDefined();
    const { payload } = await compactVerify(request, await importJWK({ ...jwk! }, 'EdDSA'));
    const claims = JSON.parse(new TextDecoder().decode(payload)) as S['RemoteSessionRequestClaims'];
    expect(validateSchema('RemoteSessionRequestClaims', claims).ok).toBe(true);
    expect(claims).toMatchObject({ iss: 'hallo', aud: deviceId, jti: asked.body.sessionId, mode: 'control', ticketNumber: 10001 });
    expect(claims.exp - claims.iat).toBe(300);

    const sessionId = asked.body.sessionId;
    const decidedAt = new Date().toISOString();
    const granted = await call<S['ConsentResponse']>(base, 'POST', `/remote-sessions/${sessionId}/consent`, {
      token,
      body: { decision: 'granted', mode: 'control', decidedAt },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.connection).toEqual({ engine: 'view', iceServers: [] });
    const twice = await call(base, 'POST', `/remote-sessions/${sessionId}/consent`, { token, body: { decision: 'denied', mode: 'control', decidedAt } });
    expect(twice.status).toBe(409);

    for (const type of ['started', 'ended'] as const) {
      const answer = await call(base, 'POST', `/remote-sessions/${sessionId}/events`, { token, body: { type, by: 'user', at: decidedAt } });
      expect(answer.status).toBe(204);
    }
    expect(api.received.consents.map((c) => c.body.decision)).toEqual(['granted', 'denied']);
    expect(api.received.sessionEvents.map((e) => e.body.type)).toEqual(['started', 'ended']);
    expect((await call(base, 'POST', '/remote-sessions/rs_unknown/consent', { token, body: { decision: 'denied', mode: 'view', decidedAt } })).status).toBe(404);
    stream.close();
  });

  it('sends remote-session.cancelled when the technician withdraws a request', async () => {
    const stream = await openEvents(base, token);
    await stream.comments(1);
    const asked = await call<S['PortalRemoteSession']>(base, 'POST', '/portal/remote-sessions', {
      ...portal(),
      body: { deviceId, technician: { id: 'tech-7', name: 'Sanne' }, reason: 'Kijken', mode: 'view' },
    });
    expect((await call(base, 'DELETE', `/portal/remote-sessions/${asked.body.sessionId}`, portal())).status).toBe(204);
    const event = await stream.next('remote-session.cancelled');
    expect(JSON.parse(event.data)).toEqual({ sessionId: asked.body.sessionId });
    stream.close();
  });
});

describe('portal', () => {
  it('needs the portal token, and a device token is not one', async () => {
    expect((await call(base, 'GET', '/portal/tickets')).status).toBe(401);
    expect((await call(base, 'GET', '/portal/tickets', { token })).status).toBe(401);
    expect((await call(base, 'GET', '/portal/tickets', portal())).status).toBe(200);
  });

  it('shows a device with its last heartbeat', async () => {
    const answer = await call<S['PortalDevice']>(base, 'GET', `/portal/devices/${deviceId}`, portal());
    expect(answer.body).toMatchObject({ deviceId, tokenRevoked: false, lastHeartbeat: heartbeatBody() });
    expect((await call(base, 'GET', '/portal/devices/dev_nope', portal())).status).toBe(404);
  });

  it('makes enrolment codes that work, for the tenant named', async () => {
    const made = await call<S['EnrollmentCode']>(base, 'POST', '/portal/enrollment-codes', { ...portal(), body: { tenantName: 'Bakkerij Jansen' } });
    expect(made.status).toBe(201);
    const other = await enrol(base, made.body.code, 'PC-BAKKERIJ');
    expect(other.tenant.name).toBe('Bakkerij Jansen');
  });

  it('revokes a token: the next call gets 401 and the open stream ends', async () => {
    const other = await enrol(base, api.enrollmentCode, 'PC-REVOKE');
    const stream = await openEvents(base, other.deviceToken);
    expect((await call(base, 'DELETE', `/portal/devices/${other.deviceId}/token`, portal())).status).toBe(204);
    await stream.ended;
    const answer = await call<S['Problem']>(base, 'POST', '/heartbeat', { token: other.deviceToken, body: heartbeatBody() });
    expect(answer.status).toBe(401);
    expect(answer.body.type).toMatch(/invalid-token$/);
    expect((await call(base, 'GET', '/policy', { token })).status).toBe(200); // others unaffected
  });

  it('answers 404 problems for paths it does not know', async () => {
    const answer = await call<S['Problem']>(base, 'GET', '/nothing-here', { token });
    expect(answer.status).toBe(404);
    expect(answer.headers.get('content-type')).toBe('application/problem+json');
  });
});
