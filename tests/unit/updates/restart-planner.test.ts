import { describe, expect, it } from 'vitest';
import { zone } from '../../../electron/agent/platform/zoned-time';
import {
  AWAY_WAIT,
  BUSY_CAP,
  beginNeed,
  defer,
  deferOptions,
  plan,
  remindLater,
  type PlannerMemory,
  type RestartRules,
  type Situation,
} from '../../../electron/agent/updates/restart-planner';

// The restart planner as tables: each row a moment and a situation, each expectation written as the
// UTC instant a person in Amsterdam would check on a calendar (never computed with the code under test).

const amsterdam = zone('Europe/Amsterdam')!;
const MIN = 60_000;
const HOUR = 60 * MIN;
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const rules: RestartRules = {
  deadlineHours: 72,
  deferralMinutes: [60, 240, 480],
  maxDeferrals: 3,
  quietHours: null,
  finalCountdownMinutes: 10,
  graceHours: 4,
  pickTimes: ['12:30', '18:00'],
};
const local = { source: 'local' as const, requestId: null, reasons: ['windows-update'], deadline: null };
const at = (now: number, over: Partial<Situation> = {}): Situation => ({
  now,
  loggedOn: true,
  busy: false,
  away: false,
  remoteSession: false,
  battery: null,
  ...over,
});
/** Runs the planner again a minute later and so on, as the capability would while nothing changes. */
const run = (memory: PlannerMemory, situation: Situation, r = rules) => plan(memory, r, situation, amsterdam);
/** Runs it every `wakeAt` up to `until`, as the capability does while the agent runs, and returns the last run. */
const runUntil = (memory: PlannerMemory, until: number, over: Partial<Situation> = {}, r = rules) => {
  let last = run(memory, at(memory.lastSeenAt, over), r);
  while (last.wakeAt < until) last = run(last.memory, at(last.wakeAt, over), r);
  return run(last.memory, at(until, over), r);
};

describe('the deadline', () => {
  it('is the policy’s hours after the need was first seen (Monday 10:00 → Thursday 10:00 local)', () => {
    const memory = beginNeed(local, rules, t('2026-03-23T09:00:00Z'));
    expect(iso(memory.deadline)).toBe('2026-03-26T09:00:00.000Z');
    const { plan: p } = run(memory, at(t('2026-03-23T09:00:00Z')));
    expect(p).toMatchObject({ step: 'prompt', deadline: t('2026-03-26T09:00:00Z'), deferralsLeft: 3 });
  });

  it('from hallo, is kept, but a deadline already passed still gives the grace period', () => {
    const now = t('2026-03-23T09:00:00Z');
    expect(iso(beginNeed({ ...local, source: 'hallo', deadline: t('2026-03-24T16:00:00Z') }, rules, now).deadline)).toBe('2026-03-24T16:00:00.000Z');
    expect(iso(beginNeed({ ...local, source: 'hallo', deadline: t('2026-03-20T16:00:00Z') }, rules, now).deadline)).toBe('2026-03-23T13:00:00.000Z');
  });
});

describe('deferrals', () => {
  const monday10 = t('2026-03-23T09:00:00Z'); // 10:00 in Amsterdam (CET)

  it('each option says its exact time: 11:00, 14:00, 18:00 in so many minutes, and 12:30 picked; 18:00 once', () => {
    const memory = beginNeed(local, rules, monday10);
    const options = deferOptions(memory, rules, monday10, amsterdam).map((o) => [o.kind, o.minutes, iso(o.at)]);
    expect(options).toEqual([
      ['in', 60, '2026-03-23T10:00:00.000Z'],
      ['in', 240, '2026-03-23T13:00:00.000Z'],
      ['in', 480, '2026-03-23T17:00:00.000Z'],
      ['pick', null, '2026-03-23T11:30:00.000Z'], // 12:30 today
      ['pick', null, '2026-03-24T11:30:00.000Z'], // 12:30 tomorrow (18:00 today is the 480 above)
      ['pick', null, '2026-03-24T17:00:00.000Z'], // 18:00 tomorrow
    ]);
  });

  it('a deferral moves the next prompt to its time and uses one; the last one leaves none', () => {
    let memory = beginNeed(local, rules, monday10);
    for (let used = 1; used <= 3; used++) {
      const now = memory.snoozedUntil ?? monday10;
      const next = defer(memory, rules, now + 60 * MIN, now, amsterdam);
      expect(next).not.toBe('not-offered');
      memory = next as PlannerMemory;
      expect(memory.deferralsUsed).toBe(used);
      expect(run(memory, at(now + 30 * MIN)).plan).toEqual({ step: 'wait', why: 'snoozed', until: now + 60 * MIN });
    }
    const last = run(memory, at(memory.snoozedUntil!)).plan;
    expect(last).toMatchObject({ step: 'prompt', deferralsLeft: 0, options: [] });
    expect(defer(memory, rules, memory.snoozedUntil! + HOUR, memory.snoozedUntil!, amsterdam)).toBe('not-offered');
  });

  it('the times a prompt shows are the times it accepts a while later (counted from when it was first shown)', () => {
    const shown = run(beginNeed(local, rules, monday10), at(monday10));
    const later = run(shown.memory, at(monday10 + 2 * MIN));
    expect(later.plan).toMatchObject({ step: 'prompt' });
    const inAnHour = (later.plan as { options: { minutes: number | null; at: number }[] }).options.find((o) => o.minutes === 60)!;
    expect(iso(inAnHour.at)).toBe('2026-03-23T10:00:00.000Z'); // still 11:00, as the button said
    const moved = defer(later.memory, rules, inAnHour.at, monday10 + 3 * MIN, amsterdam);
    expect(moved).toMatchObject({ snoozedUntil: inAnHour.at, deferralsUsed: 1, promptedAt: null });
  });

  it('offers nothing past the deadline, and only what was offered', () => {
    const memory = { ...beginNeed(local, rules, monday10), deadline: monday10 + 5 * HOUR };
    const options = deferOptions(memory, rules, monday10, amsterdam);
    expect(options.map((o) => iso(o.at))).toEqual(['2026-03-23T10:00:00.000Z', '2026-03-23T13:00:00.000Z', '2026-03-23T11:30:00.000Z']);
    expect(defer(memory, rules, monday10 + 480 * MIN, monday10, amsterdam)).toBe('not-offered');
  });

  it('closing the prompt reminds an hour later, never after the deadline, and uses no deferral', () => {
    const memory = beginNeed(local, rules, monday10);
    expect(remindLater(memory, monday10)).toMatchObject({ snoozedUntil: monday10 + HOUR, deferralsUsed: 0 });
    const near = { ...memory, deadline: monday10 + 20 * MIN };
    expect(remindLater(near, monday10).snoozedUntil).toBe(monday10 + 20 * MIN);
  });
});

describe('quiet hours across midnight (22:00–07:00)', () => {
  const quiet = { ...rules, quietHours: { from: '22:00', to: '07:00' } };
  it.each([
    ['before midnight', '2026-03-23T22:30:00Z', '2026-03-24T06:00:00.000Z'], // 23:30 → 07:00 tomorrow
    ['after midnight', '2026-03-24T04:00:00Z', '2026-03-24T06:00:00.000Z'], // 05:00 → 07:00 today
  ])('%s: no prompt until 07:00', (_, now, until) => {
    const memory = beginNeed(local, quiet, t('2026-03-23T09:00:00Z'));
    expect(run({ ...memory, lastSeenAt: t(now) }, at(t(now)), quiet).plan).toEqual({ step: 'wait', why: 'quiet-hours', until: t(until) });
  });
  it('prompts at 07:00', () => {
    const memory = beginNeed(local, quiet, t('2026-03-23T09:00:00Z'));
    expect(run(memory, at(t('2026-03-24T06:00:00Z')), quiet).plan.step).toBe('prompt');
  });
});

describe('the clock changes of Europe/Amsterdam', () => {
  const quiet = { ...rules, quietHours: { from: '22:00', to: '07:00' } };
  it('March: the night loses an hour; 07:00 and 12:30 are summer time, four hours stay four hours', () => {
    const saturday23 = t('2026-03-28T22:00:00Z'); // 23:00 CET
    const memory = beginNeed(local, quiet, t('2026-03-28T09:00:00Z'));
    expect(run(memory, at(saturday23), quiet).plan).toMatchObject({ until: t('2026-03-29T05:00:00Z') }); // 07:00 CEST
    const options = deferOptions(memory, quiet, saturday23, amsterdam);
    expect(options.find((o) => o.minutes === 240)?.at).toBe(saturday23 + 4 * HOUR);
    expect(options.filter((o) => o.kind === 'pick').map((o) => iso(o.at))).toEqual(['2026-03-29T10:30:00.000Z', '2026-03-29T16:00:00.000Z']);
  });
  it('October: the night gains an hour; 07:00 and 12:30 are winter time', () => {
    const saturday23 = t('2026-10-24T21:00:00Z'); // 23:00 CEST
    const memory = beginNeed(local, quiet, t('2026-10-24T09:00:00Z'));
    expect(run(memory, at(saturday23), quiet).plan).toMatchObject({ until: t('2026-10-25T06:00:00Z') }); // 07:00 CET
    const picks = deferOptions(memory, quiet, saturday23, amsterdam).filter((o) => o.kind === 'pick');
    expect(picks.map((o) => iso(o.at))).toEqual(['2026-10-25T11:30:00.000Z', '2026-10-25T17:00:00.000Z']);
  });
});

describe('a busy user (presenting, in a call)', () => {
  const start = t('2026-03-23T09:00:00Z');
  it('is not prompted for up to an hour, looked at again every five minutes, and keeps every deferral', () => {
    let memory = beginNeed(local, rules, start);
    const first = run(memory, at(start, { busy: true }));
    expect(first).toMatchObject({ plan: { step: 'wait', why: 'busy', until: start + BUSY_CAP }, wakeAt: start + 5 * MIN });
    memory = first.memory;
    expect(runUntil(memory, start + 30 * MIN, { busy: true }).plan.step).toBe('wait');
    const asked = runUntil(memory, start + BUSY_CAP, { busy: true });
    expect(asked.plan).toMatchObject({ step: 'prompt', deferralsLeft: 3 });
    expect(asked.memory.busySince).toBeNull();
  });
  it('is asked at once within the last hour before the deadline', () => {
    const memory = { ...beginNeed(local, rules, start), deadline: start + 50 * MIN };
    expect(run(memory, at(start, { busy: true })).plan.step).toBe('prompt');
  });
});

describe('after the deadline', () => {
  const start = t('2026-03-23T09:00:00Z');
  const past = start + HOUR + MIN;
  const due = { ...beginNeed(local, rules, start), deadline: start + HOUR, lastSeenAt: past - MIN };
  it('restarts at once when nobody is logged on or the user is away', () => {
    expect(run(due, at(past, { loggedOn: false })).plan).toEqual({ step: 'restart', by: 'nobody-logged-on' });
    expect(run(due, at(past, { away: true })).plan).toEqual({ step: 'restart', by: 'away' });
  });
  it('waits half an hour for a break, then counts down at least five minutes, then restarts', () => {
    expect(run(due, at(past)).plan).toEqual({ step: 'wait', why: 'away-wait', until: due.deadline + AWAY_WAIT });
    const short = { ...rules, finalCountdownMinutes: 0 };
    const counting = runUntil(due, due.deadline + AWAY_WAIT, { busy: true }, short);
    expect(counting.plan).toEqual({ step: 'countdown', endsAt: due.deadline + AWAY_WAIT + 5 * MIN, plugIn: false });
    expect(run(counting.memory, at(due.deadline + AWAY_WAIT + 2 * MIN), short).plan.step).toBe('countdown');
    expect(runUntil(counting.memory, due.deadline + AWAY_WAIT + 5 * MIN, {}, short).plan).toEqual({ step: 'restart', by: 'deadline' });
  });
  it('in quiet hours waits for their end unless the user walks away', () => {
    const quiet = { ...rules, quietHours: { from: '08:00', to: '18:00' } };
    expect(run(due, at(past), quiet).plan).toEqual({ step: 'wait', why: 'quiet-hours', until: t('2026-03-23T17:00:00Z') });
    expect(run(due, at(past, { away: true }), quiet).plan).toEqual({ step: 'restart', by: 'away' });
  });
  it('asks to plug in on a low battery that is not charging', () => {
    const counting = { ...due, countdownEndsAt: past + 5 * MIN };
    expect(run(counting, at(past, { battery: { percent: 20, charging: false } })).plan).toMatchObject({ step: 'countdown', plugIn: true });
    expect(run(counting, at(past, { battery: { percent: 20, charging: true } })).plan).toMatchObject({ plugIn: false });
  });
});

describe('never during remote support', () => {
  it('waits, and a countdown that was running starts over afterwards', () => {
    const start = t('2026-03-23T09:00:00Z');
    const counting = { ...beginNeed(local, rules, start), deadline: start, countdownEndsAt: start + 10 * MIN };
    const during = run(counting, at(start + MIN, { remoteSession: true }));
    expect(during).toMatchObject({ plan: { step: 'wait', why: 'remote-session', until: null }, wakeAt: start + 11 * MIN });
    expect(during.memory.countdownEndsAt).toBeNull();
    expect(run(during.memory, at(start + 2 * MIN, { away: true })).plan).toEqual({ step: 'restart', by: 'away' });
  });
});

describe('the clock and the PC being off', () => {
  const start = t('2026-03-23T09:00:00Z');
  it('a PC that was off past its deadline gets the grace period from when it is back', () => {
    const memory = { ...beginNeed(local, rules, start), deadline: start + 2 * HOUR };
    const back = start + 3 * 24 * HOUR;
    const after = run(memory, at(back));
    expect(iso(after.memory.deadline)).toBe(iso(back + 4 * HOUR));
    expect(after.plan.step).toBe('prompt');
  });
  it('a clock jumping forward counts as time away: grace, and a countdown nobody saw starts over', () => {
    const memory = { ...beginNeed(local, rules, start), deadline: start + HOUR, countdownEndsAt: start + HOUR + 5 * MIN, lastSeenAt: start + HOUR };
    const jumped = run(memory, at(start + 5 * HOUR));
    expect(jumped.memory.countdownEndsAt).toBeNull();
    expect(jumped.memory.deadline).toBe(start + 9 * HOUR);
  });
  it('a clock jumping back makes no wait longer than the longest deferral', () => {
    const memory = { ...beginNeed(local, rules, start), snoozedUntil: start + 8 * HOUR, lastSeenAt: start };
    const back = start - 24 * HOUR;
    expect(run(memory, at(back)).memory.snoozedUntil).toBe(back + 480 * MIN);
  });
});
