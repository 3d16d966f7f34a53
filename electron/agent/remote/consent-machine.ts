import type { REMOTE_DENIALS, RemoteModeName } from '../../contract';

// The employee's consent, pure: one request at a time, shown for the policy's timeout, answered
// only after the first 500 ms, narrowed but never widened. Every function takes the state and the
// moment and returns the next state with the decision to send, if any; the capability does the
// sending, the audit and the window. Table-tested with a fake clock (consent-machine.test.ts).

export type RemoteDenial = (typeof REMOTE_DENIALS)[number];

/** Clicks and keys in the first moments after the window shows are ignored (a remote click, a typed space). */
export const ANSWER_GUARD_MS = 500;

/** A verified request, as the consent window shows it. */
export interface VerifiedRequest {
  sessionId: string;
  technicianName: string;
  reason: string;
  ticketNumber: number | null;
  modeRequested: RemoteModeName;
  code: string;
}

export interface AskedRequest extends VerifiedRequest {
  /** Control was asked and a control engine exists; otherwise the window offers view only and says why. */
  controlOffered: boolean;
}

export type ConsentState =
  | { kind: 'idle' }
  | { kind: 'asking'; request: AskedRequest; shownAt: number; answerableAt: number; expiresAt: number };

export const IDLE: ConsentState = { kind: 'idle' };

/** What hallo, is told (ConsentRequest), or that hallo, withdrew it (`cancelled`: nothing to send). */
export interface Decision {
  sessionId: string;
  decision: 'granted' | 'denied' | 'expired' | 'cancelled';
  reason: RemoteDenial | null;
  /** Granted: the mode granted; otherwise the widest mode that was on offer. */
  mode: RemoteModeName;
}

/** What else is going on when a verified request arrives. */
export interface Situation {
  now: number;
  /** A session runs (the capability's own); a request is already shown is seen from the state. */
  sessionRunning: boolean;
  locked: boolean;
  userPresent: boolean;
  /** The final restart countdown runs, or the restart is under way. */
  restarting: boolean;
  controlEngine: boolean;
  timeoutSeconds: number;
}

type Step = { state: ConsentState; decision: Decision | null };

/**
 * A verified request: shown, or denied at once, without a prompt: `busy` while another is shown
 * or a session runs, `restarting` in the final restart countdown (the PC goes down within
 * minutes), `locked`, `no-user`. The busy check comes first: the one already shown stays.
 */
export function receive(state: ConsentState, request: VerifiedRequest, situation: Situation): Step {
  const controlOffered = request.modeRequested === 'control' && situation.controlEngine;
  const offered: RemoteModeName = controlOffered ? 'control' : 'view';
  const deny = (reason: RemoteDenial): Step => ({ state, decision: { sessionId: request.sessionId, decision: 'denied', reason, mode: offered } });
  if (state.kind === 'asking' || situation.sessionRunning) return deny('busy');
  if (situation.restarting) return deny('restarting');
  if (situation.locked) return deny('locked');
  if (!situation.userPresent) return deny('no-user');
  const { now } = situation;
  return {
    state: { kind: 'asking', request: { ...request, controlOffered }, shownAt: now, answerableAt: now + ANSWER_GUARD_MS, expiresAt: now + situation.timeoutSeconds * 1000 },
    decision: null,
  };
}

export interface Answer {
  sessionId: string;
  answer: 'allow' | 'deny' | 'not-requested';
  mode?: RemoteModeName | undefined;
}
export type AnswerOutcome = 'accepted' | 'too-early' | 'not-pending' | 'invalid-mode';

/** The employee's answer from the consent window. */
export function answer(state: ConsentState, given: Answer, now: number): Step & { outcome: AnswerOutcome } {
  if (state.kind !== 'asking' || state.request.sessionId !== given.sessionId || now >= state.expiresAt) {
    return { state, decision: null, outcome: 'not-pending' };
  }
  if (now < state.answerableAt) return { state, decision: null, outcome: 'too-early' };
  const { request } = state;
  const offered: RemoteModeName = request.controlOffered ? 'control' : 'view';
  const decided = (decision: Decision['decision'], reason: RemoteDenial | null, mode: RemoteModeName) => ({
    state: IDLE,
    decision: { sessionId: request.sessionId, decision, reason, mode },
    outcome: 'accepted' as const,
  });
  if (given.answer === 'deny') return decided('denied', 'user', offered);
  if (given.answer === 'not-requested') return decided('denied', 'not-requested', offered);
  const mode = given.mode ?? offered;
  if (mode === 'control' && !request.controlOffered) return { state, decision: null, outcome: 'invalid-mode' }; // never wider
  return decided('granted', null, mode);
}

/** The timeout: nobody answered, so it is denied (`expired`, reason `timeout`). */
export function expire(state: ConsentState, now: number): Step {
  if (state.kind !== 'asking' || now < state.expiresAt) return { state, decision: null };
  const mode: RemoteModeName = state.request.controlOffered ? 'control' : 'view';
  return { state: IDLE, decision: { sessionId: state.request.sessionId, decision: 'expired', reason: 'timeout', mode } };
}

/** hallo, withdrew the request (remote-session.cancelled): the window closes, nothing is sent. */
export function cancel(state: ConsentState, sessionId: string): Step {
  if (state.kind !== 'asking' || state.request.sessionId !== sessionId) return { state, decision: null };
  const mode: RemoteModeName = state.request.controlOffered ? 'control' : 'view';
  return { state: IDLE, decision: { sessionId, decision: 'cancelled', reason: null, mode } };
}
