import { describe, expect, it } from 'vitest';
import {
  answer,
  cancel,
  expire,
  IDLE,
  receive,
  type Answer,
  type ConsentState,
  type Decision,
  type Situation,
  type VerifiedRequest,
} from '../../../electron/agent/remote/consent-machine';
import { createFakeClock } from '../../doubles/fake-clock';

const request = (sessionId: string, more: Partial<VerifiedRequest> = {}): VerifiedRequest => ({
  sessionId,
  technicianName: 'Jan van hallo,',
  reason: 'Outlook start niet',
  ticketNumber: 4711,
  modeRequested: 'view',
  code: '482 913',
  ...more,
});

type Step =
  | { at: number; receive: VerifiedRequest; situation?: Partial<Situation> }
  | { at: number; answer: Answer; expect: string }
  | { at: number; expire: true }
  | { at: number; cancel: string };

/** Plays the steps on the fake clock (ms after the start) and collects what the agent would send, and the answers' outcomes. */
function play(steps: Step[]) {
  const clock = createFakeClock();
  const start = clock.now();
  let state: ConsentState = IDLE;
  const decisions: Decision[] = [];
  const outcomes: string[] = [];
  for (const step of steps) {
    const now = start + step.at;
    void clock.advance(now - clock.now());
    let next: { state: ConsentState; decision: Decision | null; outcome?: string };
    if ('receive' in step) {
      const situation: Situation = { now, sessionRunning: false, locked: false, userPresent: true, restarting: false, controlEngine: false, timeoutSeconds: 60, ...step.situation };
      next = receive(state, step.receive, situation);
    } else if ('answer' in step) {
      next = answer(state, step.answer, now);
      outcomes.push(next.outcome!);
      expect(next.outcome, `answer at ${step.at} ms`).toBe(step.expect);
    } else if ('expire' in step) next = expire(state, now);
    else next = cancel(state, step.cancel);
    state = next.state;
    if (next.decision) decisions.push(next.decision);
  }
  return { state, decisions, outcomes };
}

const allow = (sessionId = 'rs_1', mode?: 'view' | 'control'): Answer => ({ sessionId, answer: 'allow', ...(mode ? { mode } : {}) });

describe('the consent machine (fake clock)', () => {
  const table: [string, Step[], Partial<Decision>[], ConsentState['kind']][] = [
    ['allow after the guard', [{ at: 0, receive: request('rs_1') }, { at: 600, answer: allow(), expect: 'accepted' }], [{ decision: 'granted', mode: 'view', reason: null }], 'idle'],
    [
      'a click in the first 500 ms is ignored, the request stays',
      [{ at: 0, receive: request('rs_1') }, { at: 499, answer: allow(), expect: 'too-early' }, { at: 500, answer: allow(), expect: 'accepted' }],
      [{ decision: 'granted' }],
      'idle',
    ],
    ['deny', [{ at: 0, receive: request('rs_1') }, { at: 2000, answer: { sessionId: 'rs_1', answer: 'deny' }, expect: 'accepted' }], [{ decision: 'denied', reason: 'user' }], 'idle'],
    [
      '"Ik heb hier niet om gevraagd"',
      [{ at: 0, receive: request('rs_1') }, { at: 2000, answer: { sessionId: 'rs_1', answer: 'not-requested' }, expect: 'accepted' }],
      [{ decision: 'denied', reason: 'not-requested' }],
      'idle',
    ],
    ['timeout means denied', [{ at: 0, receive: request('rs_1') }, { at: 59_999, expire: true }, { at: 60_000, expire: true }], [{ decision: 'expired', reason: 'timeout' }], 'idle'],
    ['an answer after the timeout is not pending', [{ at: 0, receive: request('rs_1') }, { at: 60_000, answer: allow(), expect: 'not-pending' }], [], 'asking'],
    ['an answer after the end', [{ at: 0, receive: request('rs_1') }, { at: 600, answer: allow(), expect: 'accepted' }, { at: 700, answer: allow(), expect: 'not-pending' }], [{ decision: 'granted' }], 'idle'],
    ['an answer for another request', [{ at: 0, receive: request('rs_1') }, { at: 600, answer: allow('rs_2'), expect: 'not-pending' }], [], 'asking'],
    ['hallo, withdraws it: the window closes, nothing is sent', [{ at: 0, receive: request('rs_1') }, { at: 3000, cancel: 'rs_1' }, { at: 3600, answer: allow(), expect: 'not-pending' }], [{ decision: 'cancelled' }], 'idle'],
    ['a withdrawal of another request changes nothing', [{ at: 0, receive: request('rs_1') }, { at: 3000, cancel: 'rs_9' }], [], 'asking'],
    [
      'a second request while one is shown is busy; the first stays',
      [{ at: 0, receive: request('rs_1') }, { at: 100, receive: request('rs_2') }, { at: 600, answer: allow('rs_1'), expect: 'accepted' }],
      [{ sessionId: 'rs_2', decision: 'denied', reason: 'busy' }, { sessionId: 'rs_1', decision: 'granted' }],
      'idle',
    ],
    ['a request during a session is busy', [{ at: 0, receive: request('rs_2'), situation: { sessionRunning: true } }], [{ decision: 'denied', reason: 'busy' }], 'idle'],
    ['the screen is locked', [{ at: 0, receive: request('rs_1'), situation: { locked: true } }], [{ decision: 'denied', reason: 'locked' }], 'idle'],
    ['nobody is logged on', [{ at: 0, receive: request('rs_1'), situation: { userPresent: false } }], [{ decision: 'denied', reason: 'no-user' }], 'idle'],
    ['the final restart countdown runs', [{ at: 0, receive: request('rs_1'), situation: { restarting: true, locked: true } }], [{ decision: 'denied', reason: 'restarting' }], 'idle'],
    [
      'control narrowed to view',
      [{ at: 0, receive: request('rs_1', { modeRequested: 'control' }), situation: { controlEngine: true } }, { at: 600, answer: allow('rs_1', 'view'), expect: 'accepted' }],
      [{ decision: 'granted', mode: 'view' }],
      'idle',
    ],
    [
      'control granted where a control engine exists',
      [{ at: 0, receive: request('rs_1', { modeRequested: 'control' }), situation: { controlEngine: true } }, { at: 600, answer: allow('rs_1'), expect: 'accepted' }],
      [{ decision: 'granted', mode: 'control' }],
      'idle',
    ],
    [
      'view never widened to control',
      [{ at: 0, receive: request('rs_1') }, { at: 600, answer: allow('rs_1', 'control'), expect: 'invalid-mode' }, { at: 700, answer: allow('rs_1', 'view'), expect: 'accepted' }],
      [{ decision: 'granted', mode: 'view' }],
      'idle',
    ],
    [
      'control asked without a control engine: view only, control refused',
      [{ at: 0, receive: request('rs_1', { modeRequested: 'control' }) }, { at: 600, answer: allow('rs_1', 'control'), expect: 'invalid-mode' }, { at: 700, answer: allow('rs_1'), expect: 'accepted' }],
      [{ decision: 'granted', mode: 'view' }],
      'idle',
    ],
  ];

  it.each(table)('%s', (_name, steps, decisions, finalKind) => {
    const played = play(steps);
    expect(played.decisions).toHaveLength(decisions.length);
    played.decisions.forEach((decision, i) => expect(decision).toMatchObject(decisions[i]!));
    expect(played.state.kind).toBe(finalKind);
  });

  it('shows what the window needs: when it may be answered and when it expires', () => {
    const { state } = play([{ at: 0, receive: request('rs_1', { modeRequested: 'control' }), situation: { timeoutSeconds: 45 } }]);
    expect(state).toMatchObject({ kind: 'asking', request: { controlOffered: false, modeRequested: 'control', code: '482 913' } });
    if (state.kind !== 'asking') throw new Error('not asking');
    expect(state.answerableAt - state.shownAt).toBe(500);
    expect(state.expiresAt - state.shownAt).toBe(45_000);
  });
});
