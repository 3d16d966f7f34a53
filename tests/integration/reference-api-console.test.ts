import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { shortCode } from '../../electron/agent/remote/short-code';
import { startReferenceApi, type ReferenceApi } from '../reference-api/server';
import { call, enrol } from '../reference-api/testing';
import { CONSOLE_CSP } from '../reference-api/console-route';
import { describeSession } from '../reference-api/console/view';

type S = components['schemas'];

// The technician's console page on the reference server: what a technician's browser gets.

let api: ReferenceApi;
let session: S['PortalRemoteSession'];
const origin = () => new URL(api.url).origin;

beforeAll(async () => {
  api = await startReferenceApi({ port: 0, keepAliveMs: 200 });
  const { deviceId } = await enrol(api.url, api.enrollmentCode);
  const asked = await call<S['PortalRemoteSession']>(api.url, 'POST', '/portal/remote-sessions', {
    token: api.portalToken,
    body: { deviceId, technician: { id: 't1', name: 'Jan <van> hallo,' }, reason: 'Outlook start niet', mode: 'view', ticketNumber: 1042 },
  });
  session = asked.body;
});
afterAll(async () => {
  expect(api.received.serverErrors).toEqual([]);
  await api.close();
});

describe('the technician console', () => {
  it('is one page with the short code, no inline script, under a strict CSP; the token stays in the fragment', async () => {
    const url = api.consoleUrl(session.sessionId);
    expect(new URL(url).hash).toBe(`#token=${encodeURIComponent(api.portalToken)}`);
    const res = await fetch(url); // fetch, like a browser, never sends the fragment
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONSOLE_CSP);
    expect(CONSOLE_CSP).not.toContain('unsafe-inline');
    expect(html).toContain(`<span class="code" id="code">${shortCode(session.request)}</span>`);
    expect(html).not.toContain(api.portalToken);
    expect(html).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>/); // every script has a src
    expect(html).toContain('data-frames="0"');
    expect(html).toContain('>Beëindigen</button>');
  });

  it('serves its script, bundled, and its style', async () => {
    const script = await fetch(`${origin()}/portal/console/console.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    const text = await script.text();
    expect(text).toContain('RTCPeerConnection');
    expect(text).not.toMatch(/^import /m); // one file: the browser loads nothing else
    expect((await fetch(`${origin()}/portal/console/console.css`)).status).toBe(200);
  });

  it('a session it does not know is 404; the API itself is unchanged beside it', async () => {
    expect((await fetch(`${origin()}/portal/console/rs_unknown`)).status).toBe(404);
    expect((await fetch(`${origin()}/portal/console/${session.sessionId}`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${origin()}/elsewhere`)).status).toBe(404);
  });
});

describe('what the console says about a session', () => {
  const view = (over: Partial<S['PortalRemoteSessionView']>): S['PortalRemoteSessionView'] => ({
    sessionId: 'rs_1',
    code: '482 913',
    technician: { id: 't1', name: 'Jan' },
    reason: 'Outlook',
    modeRequested: 'view',
    requestedAt: '2026-12-07T13:20:00Z',
    expiresAt: '2026-12-07T13:25:00Z',
    state: 'pending',
    consent: null,
    startedAt: null,
    ended: null,
    ...over,
  });
  const say = (over: Partial<S['PortalRemoteSessionView']>, frames = 0) => describeSession(view(over), { frames, timeZone: 'Europe/Amsterdam' });

  it.each([
    [{ state: 'pending' as const }, 0, 'pending', 'Wacht op toestemming'],
    [{ state: 'running' as const }, 0, 'running', 'Verbinden…'],
    [{ state: 'running' as const }, 12, 'live', 'Live'],
    [{ state: 'ended' as const, ended: { type: 'ended' as const, by: 'user' as const, at: '2026-12-07T13:32:00Z', reason: 'ended' as const } }, 40, 'ended', 'Beëindigd door de gebruiker om 14:32'],
    [
      { state: 'ended' as const, ended: { type: 'ended' as const, by: 'agent' as const, at: '2026-12-07T13:33:00Z', reason: 'connection-lost' as const } },
      0,
      'ended',
      'Beëindigd door de agent om 14:33 (verbinding verbroken)',
    ],
    [
      { state: 'ended' as const, ended: { type: 'ended' as const, by: 'technician' as const, at: '2026-12-07T13:34:00Z', reason: 'cancelled' as const } },
      0,
      'ended',
      'Beëindigd door de technicus om 14:34',
    ],
    [{ state: 'denied' as const, consent: { decision: 'denied' as const, mode: 'view' as const, decidedAt: '2026-12-07T13:21:00Z', reason: 'not-requested' as const } }, 0, 'denied', 'Geweigerd: de gebruiker had hier niet om gevraagd'],
    [{ state: 'expired' as const }, 0, 'expired', 'Verlopen: geen antwoord'],
  ])('%o with %i frames: %s, "%s"', (over, frames, state, text) => {
    expect(say(over, frames)).toMatchObject({ state, text });
  });
});
