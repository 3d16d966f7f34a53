import type { RemoteAuditLine, RemoteHistoryEntry, RemoteModeName, RemoteState } from '../../contract';
import { defineCapability } from '../capability';
import type { Policy } from '../hallo-api/types';
import type { AuditParams } from './audit-chain';
import { createAuditLog, type AuditKind } from './audit-log';
import { createAuditOutbox } from './audit-outbox';
import { createCallOutbox } from './call-outbox';
import * as consent from './consent-machine';
import { createHistory } from './history';
import { createJtiStore } from './jti-store';
import { createSessionRunner, DEFAULT_MAX_SESSION_MINUTES, type Ended } from './session';

export const INITIAL_REMOTE: RemoteState = {
  request: null,
  session: null,
  receipt: null,
  history: [],
  audit: { lines: [], chain: 'intact', brokenAtSeq: null, unsent: 0 },
};

/** The popup lists the newest lines; the diagnostics carry fewer (DIAGNOSTICS_AUDIT_LINES). */
const STATE_AUDIT_LINES = 100;
export const DIAGNOSTICS_AUDIT_LINES = 20;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Remote support: a technician's signed request, verified before anything is shown (verify.ts);
 * the employee's consent in a window of its own (consent-machine.ts); the view session
 * (session.ts, through the CaptureHost port); the audit log (audit-log.ts), sent once per entry
 * (audit-outbox.ts); consent and session events that may go late (call-outbox.ts); the history.
 * Requests are handled one at a time, in the order they arrived.
 */
export const remoteCapability = defineCapability({
  name: 'remote',
  slices: ['remote'],
  initial: () => ({ remote: INITIAL_REMOTE }),
  create(ctx, store) {
    const log = ctx.log.child('remote');
    const { clock } = ctx;
    const dataDir = ctx.dataDir;
    const audit = createAuditLog({ dataDir, clock, log });
    const history = createHistory({ dataDir, log });
    const jti = createJtiStore(dataDir, (detail) => log.error('remote: the list of seen requests is damaged', { detail }));
    const calls = createCallOutbox({ dataDir, clock, log, api: () => ctx.api() });
    const auditOutbox = createAuditOutbox({ dataDir, clock, log, api: () => ctx.api(), entries: () => audit.entries(), onChange: () => render() });
    let asking: consent.ConsentState = consent.IDLE;
    let expiryTimer: unknown = null;
    let receipt: RemoteState['receipt'] = null;
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    let queue: Promise<unknown> = Promise.resolve();
    /** One request, answer or end at a time, in order: the jti check and its write cannot interleave. */
    const serial = <T>(fn: () => Promise<T>): Promise<T> => {
      const next = queue.then(fn, fn);
      queue = next.catch(() => undefined);
      return next;
    };

    const session = createSessionRunner({
      clock,
      log,
      capture: ctx.ports.remote?.capture,
      api: () => ctx.api(),
      publish: () => render(),
      async onStarted(view, at) {
        await record('session-started', view.sessionId, { mode: view.mode });
        await calls.add({ kind: 'event', sessionId: view.sessionId, body: { type: 'started', by: 'user', at: iso(at) } });
        await history.put(view.sessionId, (previous) => ({ ...(previous ?? entryFor(view)), startedAt: iso(at) }));
        render();
      },
      onEnded: (ended) => finish(ended),
      onInputDropped(sessionId, from) {
        void record('input-dropped', sessionId, { from }).catch(() => undefined);
      },
    });

    /** A history entry made now (a request, or a session whose request the history no longer has). */
    function entryFor(view: { sessionId: string; technicianName: string; ticketNumber: number | null }): RemoteHistoryEntry {
      return {
        sessionId: view.sessionId,
        technicianName: view.technicianName,
        reason: '',
        ticketNumber: view.ticketNumber,
        requestedAt: iso(clock.now()),
        outcome: 'granted',
        denial: null,
        mode: null,
        startedAt: null,
        endedAt: null,
        endedBy: null,
        minutes: null,
      };
    }

    function render(): void {
      if (stopped) return;
      const lines: RemoteAuditLine[] = audit
        .entries()
        .slice(-STATE_AUDIT_LINES)
        .reverse()
        .map((entry) => ({ seq: entry.seq, at: entry.at, kind: entry.kind, sessionId: entry.sessionId ?? null, params: entry.params }));
      store.set('remote', {
        request: asking.kind === 'asking' ? requestView(asking) : null,
        session: session.current(),
        receipt,
        history: [...history.entries()],
        audit: { lines, ...audit.chain(), unsent: auditOutbox.unsent() },
      });
    }

    function requestView(state: Extract<consent.ConsentState, { kind: 'asking' }>): RemoteState['request'] {
      const { request } = state;
      const ticket = request.ticketNumber === null ? undefined : store.get().tickets.list.find((t) => t.number === request.ticketNumber);
      return {
        sessionId: request.sessionId,
        technicianName: request.technicianName,
        reason: request.reason,
        ticketNumber: request.ticketNumber,
        ticketId: ticket?.ticketId ?? null,
        modeRequested: request.modeRequested,
        controlOffered: request.controlOffered,
        code: request.code,
        shownAt: iso(state.shownAt),
        answerableAt: iso(state.answerableAt),
        expiresAt: iso(state.expiresAt),
      };
    }

    /** An audit entry, on disk before it counts, then on its way to hallo,. */
    async function record(kind: AuditKind, sessionId: string | null, params: AuditParams): Promise<void> {
      await audit.append(kind, sessionId, params);
      auditOutbox.kick();
      render();
    }

    /** A decision of the consent machine: told to hallo, (granted at once, the rest through the outbox), audited, in the history. */
    async function decide(decision: consent.Decision): Promise<void> {
      const { sessionId, reason, mode } = decision;
      const at = clock.now();
      if (decision.decision === 'cancelled') {
        await record('request-cancelled', sessionId, {});
        await history.put(sessionId, (previous) => ({ ...previous!, outcome: 'cancelled' }));
        return;
      }
      await record('consent', sessionId, { decision: decision.decision, mode, ...(reason ? { reason } : {}) });
      await history.put(sessionId, (previous) => ({
        ...previous!,
        outcome: decision.decision === 'granted' ? 'granted' : decision.decision,
        denial: reason,
        mode: decision.decision === 'granted' ? mode : null,
      }));
      if (decision.decision !== 'granted') {
        const body = { decision: decision.decision, mode, decidedAt: iso(at), ...(reason ? { reason } : {}) };
        await calls.add({ kind: 'consent', sessionId, body });
        return;
      }
      await grant(sessionId, mode, at);
    }

    async function grant(sessionId: string, mode: RemoteModeName, at: number): Promise<void> {
      const entry = history.entries().find((e) => e.sessionId === sessionId)!;
      const maxMinutes = ctx.policy().remote.maxSessionMinutes ?? DEFAULT_MAX_SESSION_MINUTES;
      const api = ctx.api();
      let connection;
      let failed = false;
      try {
        if (!api) throw new Error('not enrolled');
        ({ connection } = await api.consent(sessionId, { decision: 'granted', mode, decidedAt: iso(at) }));
      } catch (error) {
        // hallo, did not take the grant (offline, refused): nothing can connect; the session ends at once.
        log.warn('remote: the grant did not reach hallo,', { error: String(error) });
        failed = true;
      }
      const start = session.start({ sessionId, technicianName: entry.technicianName, ticketNumber: entry.ticketNumber, mode, connection, maxMinutes });
      if (failed) {
        await start;
        await session.end('agent', 'connection-lost');
      } else await start;
    }

    /** The session is over: hallo, hears it (outbox), the audit, the history and the receipt. */
    async function finish({ session: view, by, reason, at }: Ended): Promise<void> {
      const since = Date.parse(view.startedAt ?? view.grantedAt);
      const minutes = Math.max(0, Math.round((at - since) / 60_000));
      await calls.add({ kind: 'event', sessionId: view.sessionId, body: { type: 'ended', by, at: iso(at), reason } });
      await record('session-ended', view.sessionId, { by, reason, minutes });
      await history.put(view.sessionId, (previous) => ({ ...(previous ?? entryFor(view)), endedAt: iso(at), endedBy: by, minutes }));
      // The shell tells the employee from this receipt (notice `remote-ended`), as it does for a waiting request.
      receipt = { sessionId: view.sessionId, technicianName: view.technicianName, endedAt: iso(at), minutes, by, reason };
    }

    function restarting(): boolean {
      const kind = store.get().updates.restart.step?.kind;
      return kind === 'countdown' || kind === 'restarting';
    }

    async function onRequest(token: unknown): Promise<void> {
      const policy: Policy = ctx.policy();
      const { verifyRequest, rememberUntil } = await import('./verify');
      const verdict = await verifyRequest(token, {
        deviceId: store.get().connection.deviceId,
        signingKeys: policy.remote.signingKeys,
        now: clock.now(),
        jti,
      });
      if (!verdict.ok) {
        log.warn('remote: a request was refused', { reason: verdict.reason, detail: verdict.detail });
        await record('request-refused', verdict.sessionId ?? null, { reason: verdict.reason, detail: verdict.detail });
        return;
      }
      const { claims } = verdict;
      await jti.remember(claims.jti, rememberUntil(claims), clock.now()); // before anything shows: a restart does not reopen the door
      const { shortCode } = await import('./short-code');
      const request: consent.VerifiedRequest = {
        sessionId: claims.jti,
        technicianName: claims.technician.name,
        reason: claims.reason,
        ticketNumber: claims.ticketNumber ?? null,
        modeRequested: claims.mode,
        code: shortCode(token as string),
      };
      await record('request-received', claims.jti, {
        technician: claims.technician.name,
        technicianId: claims.technician.id,
        mode: claims.mode,
        ...(claims.ticketNumber !== undefined ? { ticketNumber: claims.ticketNumber } : {}),
      });
      const now = clock.now();
      await history.put(claims.jti, () => ({
        ...entryFor({ sessionId: claims.jti, technicianName: claims.technician.name, ticketNumber: claims.ticketNumber ?? null }),
        reason: claims.reason,
        outcome: 'pending',
      }));
      const step = consent.receive(asking, request, {
        now,
        sessionRunning: session.current() !== null,
        locked: ctx.ports.idle.locked?.() ?? false,
        userPresent: ctx.ports.remote?.userPresent?.() ?? true,
        restarting: restarting(),
        controlEngine: ctx.ports.remote?.controlEngine ?? false,
        timeoutSeconds: policy.remote.consentTimeoutSeconds,
      });
      if (step.decision) {
        await decide(step.decision);
        render();
        return;
      }
      asking = step.state;
      if (asking.kind === 'asking') {
        const expiresAt = asking.expiresAt;
        expiryTimer = clock.setTimeout(() => void serial(() => onExpiry()), expiresAt - now);
      }
      render();
    }

    async function onExpiry(): Promise<void> {
      expiryTimer = null;
      const step = consent.expire(asking, clock.now());
      asking = step.state;
      if (step.decision) await decide(step.decision);
      render();
    }

    function clearExpiry(): void {
      if (expiryTimer !== null) clock.clearTimeout(expiryTimer);
      expiryTimer = null;
    }

    /** What the last run left behind: a session that ran (ended by `agent-stopped`), a request never answered (expired). */
    async function recover(): Promise<void> {
      for (const entry of history.entries()) {
        if (entry.outcome === 'granted' && entry.endedAt === null) {
          const at = clock.now();
          const view = {
            sessionId: entry.sessionId,
            technicianName: entry.technicianName,
            ticketNumber: entry.ticketNumber,
            mode: entry.mode ?? 'view',
            phase: 'ending' as const,
            grantedAt: entry.requestedAt,
            startedAt: entry.startedAt,
            endsAt: iso(at),
          };
          await finish({ session: view, by: 'agent', reason: 'agent-stopped', at });
        } else if (entry.outcome === 'pending') {
          await decide({ sessionId: entry.sessionId, decision: 'expired', reason: 'timeout', mode: 'view' });
        }
      }
    }

    const log_ = (what: string) => (error: unknown) => log.error(`remote: ${what} failed`, { error: String(error) });

    return {
      actions: {
        'remote.answer': (request) =>
          serial(async () => {
            const step = consent.answer(asking, request, clock.now());
            asking = step.state;
            if (step.decision) {
              clearExpiry();
              render(); // the window closes now; hallo, hears it next
              await decide(step.decision);
            }
            render();
            return { outcome: step.outcome };
          }),
        'remote.end': () => session.end('user', 'ended').then((outcome) => ({ outcome })),
        'remote.acknowledge': () => {
          receipt = null;
          render();
        },
        'remote.captureSignal': ({ sessionId, signal }) => session.fromCapture(sessionId, signal),
        'remote.captureStatus': ({ sessionId, status, detail }) => session.status(sessionId, status, detail),
      },
      async start() {
        await Promise.all([audit.load(), history.load()]);
        await Promise.all([calls.start(), auditOutbox.start()]);
        await serial(recover);
        render();
        unsubscribe = store.subscribe((patch) => {
          if (patch.connection && store.get().connection.status === 'online') {
            calls.kick();
            auditOutbox.kick();
          }
        });
      },
      async stop() {
        clearExpiry();
        await serial(async () => {
          await session.end('agent', 'agent-stopped');
        }).catch(log_('ending the session at stop'));
        stopped = true;
        unsubscribe?.();
        await Promise.all([calls.stop(), auditOutbox.stop()]);
      },
      onServerEvent(event) {
        if (stopped) return;
        if (event.type === 'remote-session.requested') void serial(() => onRequest(event.data.request)).catch(log_('a request'));
        else if (event.type === 'remote-session.cancelled') {
          const { sessionId } = event.data;
          void serial(async () => {
            const step = consent.cancel(asking, sessionId);
            asking = step.state;
            if (step.decision) {
              clearExpiry();
              await decide(step.decision);
            } else if (session.current()?.sessionId === sessionId) await session.end('technician', 'cancelled');
            render();
          }).catch(log_('a withdrawal'));
        } else if (event.type === 'remote-session.signal') session.fromTechnician(event.data.sessionId, event.data.signal);
      },
      /** The audit's chain and newest lines for a ticket, checked again now (an edit since the start shows here). */
      async diagnostics(mask) {
        await audit.recheck();
        render();
        const lines = audit
          .entries()
          .slice(-DIAGNOSTICS_AUDIT_LINES)
          .reverse()
          .map(({ seq, at, kind, sessionId, params }) => ({
            seq,
            at,
            kind,
            ...(sessionId !== undefined ? { sessionId } : {}),
            params: Object.fromEntries(Object.entries(params).map(([key, value]) => [key, typeof value === 'string' ? mask(value) : value])),
          }));
        return { remote: { ...audit.chain(), lines } };
      },
    };
  },
});
