import type { components } from '../../electron/agent/hallo-api/openapi';
import { problem, type Handler, type Reply } from './http';
import { deviceSession, isOver, isReply, portalSession, sessionView, SIGNALLING, wake } from './remote-sessions';
import type { SessionRecord } from './store';

type S = components['schemas'];

// The view engine's signalling relay: the device POSTs its signals into a queue per session that
// the technician's console long-polls; the console POSTs its signals, which reach the device as
// remote-session.signal on its event stream. The relay does not judge what it carries: an
// `input` signal goes to the device like any other, and a view session drops it there.

/** The session found, when it is granted or running; else 409 (or the 404 of the lookup). */
function signalling(found: SessionRecord | Reply): SessionRecord | Reply {
  if (isReply(found) || SIGNALLING.has(found.state)) return found;
  return problem(409, 'session-not-running', `The session is ${found.state}: only a granted or running session is signalled`);
}

/** POST /remote-sessions/{sessionId}/signal: the device's signal, queued for the console. */
export const deviceSignal: Handler = (ctx) => {
  const session = signalling(deviceSession(ctx));
  if (isReply(session)) return session;
  const signal = ctx.body as S['RemoteSignal'];
  ctx.store.received.signals.push({ sessionId: session.sessionId, from: 'device', signal });
  session.signals.push(signal);
  wake(session);
  return { status: 204 };
};

/** POST /portal/remote-sessions/{sessionId}/signal: the console's signal, to the device's stream. */
export const technicianSignal: Handler = (ctx) => {
  const session = signalling(portalSession(ctx));
  if (isReply(session)) return session;
  const signal = ctx.body as S['RemoteSignal'];
  ctx.store.received.signals.push({ sessionId: session.sessionId, from: 'technician', signal });
  ctx.streams.emit(session.deviceId, 'remote-session.signal', { sessionId: session.sessionId, signal });
  return { status: 204 };
};

/**
 * GET /portal/remote-sessions/{sessionId}/signals?after=&waitMs=: the device's signals after seq
 * `after`, and the session. Answers at once when there are some or the session is over; else at
 * the session's next change (a signal, granted, started, ended: so that the console sees an end
 * as it happens, not a poll later), or after `waitMs` (0 by default: no waiting) with none.
 */
export const listSignals: Handler = async (ctx) => {
  const session = portalSession(ctx);
  if (isReply(session)) return session;
  const after = Number(ctx.query.after ?? 0);
  const waitMs = Number(ctx.query.waitMs ?? 0);
  if (session.signals.length <= after && !isOver(session, ctx.store.now()) && waitMs > 0) {
    await new Promise<void>((done) => {
      const finish = () => {
        clearTimeout(timer);
        session.watchers.delete(finish);
        ctx.res.off('close', finish);
        done();
      };
      const timer = setTimeout(finish, waitMs);
      session.watchers.add(finish);
      ctx.res.on('close', finish); // the console gave up, or the server stops
    });
    if (ctx.res.destroyed) return 'streaming'; // nobody left to answer
  }
  const page: S['PortalSignalPage'] = {
    signals: session.signals.slice(after).map((signal, i) => ({ seq: after + i + 1, signal })),
    session: sessionView(session, ctx.store.now()),
  };
  return { status: 200, body: page };
};
