import type { CAPTURE_STATUSES, CaptureSignal, REMOTE_END_REASONS, REMOTE_ENDED_BY, RemoteModeName, RemoteSessionView } from '../../contract';
import type { HalloApi } from '../hallo-api/client';
import type { RemoteConnection } from '../hallo-api/types';
import type { Logger } from '../log';
import type { CaptureHost, Clock } from '../ports';

// A granted session from the first command to the capture page until the capture is closed. The
// engine is the port (CaptureHost): this file only says start, relays signals, follows the page's
// status and ends. View mode has no input channel: input from the technician is dropped and
// audited. The consent, the bar and the audit never depend on which engine carries the session.

export type EndedBy = (typeof REMOTE_ENDED_BY)[number];
export type EndReason = (typeof REMOTE_END_REASONS)[number];
export type CaptureStatus = (typeof CAPTURE_STATUSES)[number];

/** The technician's side may drop for a moment (a network change): this long to come back before the session ends. */
export const RECONNECT_GRACE_MS = 10_000;
/** The policy's maximum length when it names none (hallo-agent-api.md: remote.maxSessionMinutes). */
export const DEFAULT_MAX_SESSION_MINUTES = 60;

export interface Grant {
  sessionId: string;
  technicianName: string;
  ticketNumber: number | null;
  mode: RemoteModeName;
  /** The consent POST's answer (validated by the client); absent: hallo, gave nothing to connect with. */
  connection: RemoteConnection | undefined;
  maxMinutes: number;
}

export interface Ended {
  session: RemoteSessionView;
  by: EndedBy;
  reason: EndReason;
  at: number;
}

export interface SessionDeps {
  clock: Clock;
  log: Logger;
  capture: CaptureHost | undefined;
  api(): HalloApi | null;
  /** The session view changed (null: none runs). */
  publish(view: RemoteSessionView | null): void;
  /** The first frame reached the technician, or the page connected: `started`, once. */
  onStarted(session: RemoteSessionView, at: number): Promise<void>;
  /** The session is over and its capture is being closed. */
  onEnded(ended: Ended): Promise<void>;
  /** Input from the technician that a view session drops. */
  onInputDropped(sessionId: string, from: 'technician' | 'capture'): void;
}

export interface SessionRunner {
  start(grant: Grant): Promise<void>;
  current(): RemoteSessionView | null;
  /** A signal from the technician's console (remote-session.signal). */
  fromTechnician(sessionId: string, signal: CaptureSignal): void;
  /** A signal from the capture page (remote.captureSignal) for the technician. */
  fromCapture(sessionId: string, signal: CaptureSignal): Promise<void>;
  /** The capture page's status (remote.captureStatus). */
  status(sessionId: string, status: CaptureStatus, detail?: string): void;
  end(by: EndedBy, reason: EndReason): Promise<'ended' | 'no-session'>;
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createSessionRunner(deps: SessionDeps): SessionRunner {
  const { clock, log } = deps;
  let view: RemoteSessionView | null = null;
  let maxTimer: unknown = null;
  let graceTimer: unknown = null;

  const set = (next: RemoteSessionView | null) => {
    view = next;
    deps.publish(next);
  };
  const clearTimers = () => {
    for (const timer of [maxTimer, graceTimer]) if (timer !== null) clock.clearTimeout(timer);
    maxTimer = graceTimer = null;
  };
  const mine = (sessionId: string) => view !== null && view.sessionId === sessionId && view.phase !== 'ending';
  const endInBackground = (by: EndedBy, reason: EndReason) =>
    void end(by, reason).catch((error: unknown) => log.error('remote: ending the session failed', { error: String(error) }));

  async function end(by: EndedBy, reason: EndReason): Promise<'ended' | 'no-session'> {
    if (view === null || view.phase === 'ending') return 'no-session';
    clearTimers();
    const session = view;
    set({ ...session, phase: 'ending' });
    const at = clock.now();
    // The capture stops first (tracks stopped with the page), the bookkeeping after.
    if (deps.capture) {
      deps.capture.send({ command: 'stop', sessionId: session.sessionId });
      void deps.capture.close(session.sessionId).catch((error: unknown) => log.error('remote: closing the capture failed', { error: String(error) }));
    }
    try {
      await deps.onEnded({ session, by, reason, at });
    } finally {
      set(null);
    }
    return 'ended';
  }

  return {
    async start(grant) {
      const now = clock.now();
      clearTimers();
      set({
        sessionId: grant.sessionId,
        technicianName: grant.technicianName,
        ticketNumber: grant.ticketNumber,
        mode: grant.mode,
        phase: 'connecting',
        grantedAt: iso(now),
        startedAt: null,
        endsAt: iso(now + grant.maxMinutes * 60_000),
      });
      maxTimer = clock.setTimeout(() => endInBackground('timeout', 'max-length'), grant.maxMinutes * 60_000);
      const capture = deps.capture;
      if (!capture || grant.connection?.engine !== 'view') {
        log.warn('remote: no engine for this session', { engine: grant.connection?.engine ?? null, capture: capture !== undefined });
        await end('agent', 'capture-failed');
        return;
      }
      try {
        await capture.open(grant.sessionId);
      } catch (error) {
        log.error('remote: the capture could not open', { error: String(error) });
        await end('agent', 'capture-failed');
        return;
      }
      if (!mine(grant.sessionId)) return; // ended while the page opened
      capture.send({ command: 'start', sessionId: grant.sessionId, iceServers: grant.connection.iceServers ?? [] });
    },
    current: () => view,
    fromTechnician(sessionId, signal) {
      if (!mine(sessionId)) return;
      if (signal.kind === 'input') {
        deps.onInputDropped(sessionId, 'technician'); // a view session has no input channel
        return;
      }
      if (signal.kind === 'bye') {
        endInBackground('technician', 'ended');
        return;
      }
      deps.capture?.send({ command: 'signal', sessionId, signal });
    },
    async fromCapture(sessionId, signal) {
      const api = deps.api();
      if (!mine(sessionId) || !api || signal.kind === 'input') return; // the device never sends input
      const { input: _input, ...toTechnician } = signal;
      try {
        await api.sendRemoteSignal(sessionId, toTechnician);
      } catch (error) {
        // WebRTC recovers from a lost candidate; a session whose signalling is gone ends by its status.
        log.warn('remote: a signal did not reach hallo,', { kind: signal.kind, error: String(error) });
      }
    },
    status(sessionId, status, detail) {
      if (!mine(sessionId) || view === null) return;
      const session = view;
      if (status === 'connected' || status === 'first-frame') {
        if (graceTimer !== null) clock.clearTimeout(graceTimer);
        graceTimer = null;
        if (session.startedAt === null) {
          const at = clock.now();
          const live: RemoteSessionView = { ...session, phase: 'live', startedAt: iso(at) };
          set(live);
          void deps.onStarted(live, at).catch((error: unknown) => log.error('remote: started could not be recorded', { error: String(error) }));
        } else if (session.phase !== 'live') set({ ...session, phase: 'live' });
      } else if (status === 'disconnected') {
        graceTimer ??= clock.setTimeout(() => endInBackground('agent', 'connection-lost'), RECONNECT_GRACE_MS);
      } else if (status === 'failed') {
        log.warn('remote: the capture failed', { detail: detail ?? null });
        endInBackground('agent', session.startedAt === null ? 'capture-failed' : 'connection-lost');
      } else if (status === 'stopped') {
        endInBackground('agent', 'capture-failed'); // the page stopped by itself (the OS ended the share)
      } else if (status === 'input-dropped') {
        deps.onInputDropped(sessionId, 'capture');
      }
    },
    end,
  };
}
