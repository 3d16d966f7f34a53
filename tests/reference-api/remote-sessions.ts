import { ulid } from 'ulid';
import type { components } from '../../electron/agent/hallo-api/openapi';
import { shortCode } from '../../electron/agent/remote/short-code';
import { problem, type Ctx, type Handler, type Reply } from './http';
import { claimsFor, REQUEST_LIFETIME_SECONDS, type Signer } from './remote';
import type { SessionRecord, Store } from './store';

type S = components['schemas'];
type State = SessionRecord['state'];

/** States after which nothing more happens: the console's long poll answers at once. */
const OVER: ReadonlySet<State> = new Set(['denied', 'expired', 'cancelled', 'ended']);
/** States in which the view engine's signals are relayed both ways. */
export const SIGNALLING: ReadonlySet<State> = new Set(['granted', 'running']);

/** The built-in view engine on the reference server: no ICE servers, so host candidates only (fine on one machine or a LAN). */
const VIEW_CONNECTION: S['RemoteConnection'] = { engine: 'view', iceServers: [] };

/** A pending request past its expiry reads as expired; everything else reads as stored. */
export function viewState(session: SessionRecord, now: number): State {
  return session.state === 'pending' && now > Date.parse(session.expiresAt) ? 'expired' : session.state;
}

export function isOver(session: SessionRecord, now: number): boolean {
  return OVER.has(viewState(session, now));
}

/** The one way a session record changes: the change, then every long poll waiting on it wakes. */
export function change(session: SessionRecord, patch: Partial<Pick<SessionRecord, 'state' | 'consent' | 'startedAt' | 'ended'>>): void {
  Object.assign(session, patch);
  wake(session);
}

export function wake(session: SessionRecord): void {
  for (const watcher of session.watchers) watcher();
}

export function sessionView(session: SessionRecord, now: number): S['PortalRemoteSessionView'] {
  return {
    sessionId: session.sessionId,
    code: session.code,
    technician: session.technician,
    reason: session.reason,
    ...(session.ticketNumber !== undefined ? { ticketNumber: session.ticketNumber } : {}),
    modeRequested: session.modeRequested,
    requestedAt: session.requestedAt,
    expiresAt: session.expiresAt,
    state: viewState(session, now),
    consent: session.consent,
    startedAt: session.startedAt,
    ended: session.ended,
  };
}

/** The session of the path, when it is the calling device's (another device's reads as unknown). */
export function deviceSession({ store, params, device }: Ctx): SessionRecord | Reply {
  const session = store.sessions.get(params.sessionId!);
  if (!session || session.deviceId !== device!.deviceId) return problem(404, 'unknown-session', `No session ${params.sessionId}`);
  return session;
}

/** The session of the path, for the portal. */
export function portalSession({ store, params }: Ctx): SessionRecord | Reply {
  return store.sessions.get(params.sessionId!) ?? problem(404, 'unknown-session', `No session ${params.sessionId}`);
}

export function isReply(found: SessionRecord | Reply): found is Reply {
  return 'status' in found;
}

/** POST /portal/remote-sessions: sign the request and send it to the device's event stream. */
export function requestSession(signer: Signer): Handler {
  return async ({ store, streams, body }) => {
    const ask = body as S['PortalRemoteSessionRequest'];
    if (!store.devices.has(ask.deviceId)) return problem(404, 'unknown-device', `No device ${ask.deviceId}`);
    const sessionId = `rs_${ulid()}`;
    const iat = Math.floor(store.now() / 1000);
    const request = await signer.sign(claimsFor(ask, sessionId, iat));
    const session = newSession(store, ask, sessionId, request, iat);
    streams.emit(ask.deviceId, 'remote-session.requested', { request });
    const reply: S['PortalRemoteSession'] = { sessionId, request, code: session.code, expiresAt: session.expiresAt };
    return { status: 201, body: reply };
  };
}

function newSession(store: Store, ask: S['PortalRemoteSessionRequest'], sessionId: string, request: string, iat: number): SessionRecord {
  const session: SessionRecord = {
    sessionId,
    deviceId: ask.deviceId,
    technician: ask.technician,
    reason: ask.reason,
    ...(ask.ticketNumber !== undefined ? { ticketNumber: ask.ticketNumber } : {}),
    modeRequested: ask.mode,
    request,
    code: shortCode(request),
    requestedAt: new Date(iat * 1000).toISOString(),
    expiresAt: new Date((iat + REQUEST_LIFETIME_SECONDS) * 1000).toISOString(),
    state: 'pending',
    consent: null,
    startedAt: null,
    ended: null,
    signals: [],
    watchers: new Set(),
  };
  store.sessions.set(sessionId, session);
  return session;
}

/**
 * DELETE /portal/remote-sessions/{sessionId}: a pending request is withdrawn (cancelled at once);
 * a granted or running session is ended: the device hears remote-session.cancelled and the session
 * ends when the device reports `ended`. One that is over already (expired included) stays as it
 * is, and the device hears nothing (204 again).
 */
export const cancelSession: Handler = (ctx) => {
  const session = portalSession(ctx);
  if (isReply(session)) return session;
  const state = viewState(session, ctx.store.now());
  if (state === 'pending') change(session, { state: 'cancelled' });
  else if (!SIGNALLING.has(state)) return { status: 204 };
  ctx.streams.emit(session.deviceId, 'remote-session.cancelled', { sessionId: session.sessionId });
  return { status: 204 };
};

/**
 * POST /remote-sessions/{sessionId}/consent: one answer per request (409 after an answer, a cancel
 * or once granted too late). A late "no" past the expiry is kept as it is: it opens nothing, and
 * its reason is what hallo, wants to know.
 */
export const consent: Handler = (ctx) => {
  const session = deviceSession(ctx);
  if (isReply(session)) return session;
  const { store } = ctx;
  const answer = ctx.body as S['ConsentRequest'];
  store.received.consents.push({ deviceId: session.deviceId, sessionId: session.sessionId, body: answer });
  if (session.state !== 'pending') return problem(409, 'session-not-pending', `The session is ${session.state}`);
  if (answer.decision === 'granted' && viewState(session, store.now()) === 'expired') {
    change(session, { state: 'expired' });
    return problem(409, 'session-not-pending', 'The request expired before it was granted');
  }
  change(session, { state: answer.decision, consent: answer });
  const reply: S['ConsentResponse'] = answer.decision === 'granted' ? { connection: VIEW_CONNECTION } : {};
  return { status: 200, body: reply };
};

/**
 * POST /remote-sessions/{sessionId}/events: `started` makes a granted session running, `ended`
 * ends a granted or running one (with its by and reason). A repeat (the device's outbox after a
 * lost answer) or an event that fits no state is kept in `received` and changes nothing: 204.
 */
export const sessionEvent: Handler = (ctx) => {
  const session = deviceSession(ctx);
  if (isReply(session)) return session;
  const event = ctx.body as S['SessionEventRequest'];
  ctx.store.received.sessionEvents.push({ deviceId: session.deviceId, sessionId: session.sessionId, body: event });
  if (event.type === 'started' && session.state === 'granted') change(session, { state: 'running', startedAt: event.at });
  if (event.type === 'ended' && SIGNALLING.has(session.state)) change(session, { state: 'ended', ended: event });
  return { status: 204 };
};
