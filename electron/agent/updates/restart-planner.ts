import { minuteOfDay, type Zone } from '../platform/zoned-time';

// When to ask for a restart, when to stop asking and do it. Pure: every answer is a function of
// what it remembers (kept on disk by the caller), the policy's rules, the moment and the user's
// situation. The caller shows what it says and calls it again at `wakeAt` or when the situation
// changes (idle, lock, a call, a remote session, resume from sleep).

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * The planner runs at least this often (every `wakeAt` is capped to it), so a gap of OFF_GAP since
 * its last run means the agent was not running: the PC was off or asleep, and grace applies again.
 */
export const TICK = 10 * MINUTE;
const OFF_GAP = TICK + 5 * MINUTE;
/** How long a busy user (presenting, in a call) may hold off a due prompt before it comes anyway. */
export const BUSY_CAP = HOUR;
/** While busy, look again this often. */
const BUSY_RECHECK = 5 * MINUTE;
/** After the deadline: wait this long for the user to walk away before the forced countdown. */
export const AWAY_WAIT = 30 * MINUTE;
/** Closing the prompt without a choice brings it back this much later (no deferral used). */
export const REMIND = HOUR;
/** Whenever someone is logged on, the final countdown lasts at least this long. */
export const MIN_COUNTDOWN = 5 * MINUTE;
/** A "pick a time" sooner than this is no choice. */
const PICK_MIN_AHEAD = 15 * MINUTE;
const MAX_PICKS = 3;
const LOW_BATTERY_PERCENT = 30;

/** policy.restart with the agent's defaults filled in. */
export interface RestartRules {
  deadlineHours: number;
  deferralMinutes: number[];
  maxDeferrals: number;
  /** Local "HH:mm" to "HH:mm" in the zone; `to` before `from` runs past midnight. */
  quietHours: { from: string; to: string } | null;
  finalCountdownMinutes: number;
  /** A PC that was off or offline gets at least this long after it is back. */
  graceHours: number;
  /** Local "HH:mm" times offered as "pick a time" (e.g. lunch, end of the day). */
  pickTimes: string[];
}

/** What makes a restart needed: reasons found on this PC, or hallo,'s request (already checked at the edge). */
export interface RestartNeed {
  source: 'local' | 'hallo';
  requestId: string | null;
  reasons: string[];
  /** hallo,'s deadline (epoch ms); null: the policy's deadlineHours from when it was first seen. */
  deadline: number | null;
}

/** What the planner keeps between runs; the caller stores it on disk so a restarted app resets nothing. */
export interface PlannerMemory {
  need: RestartNeed;
  firstSeenAt: number;
  /** In effect: the need's deadline, moved later by grace when the PC was away. */
  deadline: number;
  deferralsUsed: number;
  /** No prompt before this (a deferral or a reminder). */
  snoozedUntil: number | null;
  /** The last run: a long gap means the PC was off; an earlier time means the clock went back. */
  lastSeenAt: number;
  /** Since when a due prompt has been held off because the user is busy. */
  busySince: number | null;
  countdownEndsAt: number | null;
  /**
   * When the prompt now showing was first shown: its "in N minutes" options count from then, so
   * the exact times it says ("Herinner me om 14:30") stay the times it accepts a minute later.
   */
  promptedAt?: number | null;
}

export interface Situation {
  now: number;
  loggedOn: boolean;
  /** Presenting, a full-screen app, in a call, or do-not-disturb. */
  busy: boolean;
  /** Idle long enough, or the screen is locked. */
  away: boolean;
  remoteSession: boolean;
  battery: { percent: number; charging: boolean } | null;
}

/** A way to put it off: `in` so many minutes, or a `pick`ed time of day; `at` is exact. */
export interface DeferOption {
  kind: 'in' | 'pick';
  at: number;
  minutes: number | null;
}

export type WaitReason = 'snoozed' | 'quiet-hours' | 'busy' | 'remote-session' | 'away-wait';

export type Plan =
  | { step: 'wait'; why: WaitReason; until: number | null }
  | { step: 'prompt'; deadline: number; deferralsLeft: number; options: DeferOption[]; plugIn: boolean }
  | { step: 'countdown'; endsAt: number; plugIn: boolean }
  | { step: 'restart'; by: 'deadline' | 'away' | 'nobody-logged-on' };

export interface Planned {
  memory: PlannerMemory;
  plan: Plan;
  /** When to run the planner again if nothing else happens: at the latest TICK from now. */
  wakeAt: number;
}

/** A new need: the deadline from hallo, or the policy, and never less than the grace period from now. */
export function beginNeed(need: RestartNeed, rules: RestartRules, now: number): PlannerMemory {
  const base = need.deadline ?? now + rules.deadlineHours * HOUR;
  return {
    need,
    firstSeenAt: now,
    deadline: Math.max(base, now + rules.graceHours * HOUR),
    deferralsUsed: 0,
    snoozedUntil: null,
    lastSeenAt: now,
    busySince: null,
    countdownEndsAt: null,
  };
}

/** What to do now, and when to look again. */
export function plan(previous: PlannerMemory, rules: RestartRules, situation: Situation, zone: Zone): Planned {
  const decided = decide(previous, rules, situation, zone);
  if (decided.plan.step !== 'prompt' && decided.memory.promptedAt) decided.memory = { ...decided.memory, promptedAt: null };
  return { ...decided, wakeAt: Math.max(situation.now + 1_000, Math.min(decided.wakeAt ?? Infinity, situation.now + TICK)) };
}

function decide(previous: PlannerMemory, rules: RestartRules, situation: Situation, zone: Zone): Omit<Planned, 'wakeAt'> & { wakeAt: number | null } {
  const { now } = situation;
  const memory = { ...observeTime(previous, rules, now), lastSeenAt: now };
  const countdownMs = Math.max(MIN_COUNTDOWN, rules.finalCountdownMinutes * MINUTE);
  const plugIn = situation.battery !== null && !situation.battery.charging && situation.battery.percent < LOW_BATTERY_PERCENT;
  const quiet = quietSpan(rules, zone, now);

  if (situation.remoteSession) {
    // Never during remote support: not even a countdown already running (it starts over afterwards).
    return { memory: { ...memory, countdownEndsAt: null }, plan: { step: 'wait', why: 'remote-session', until: null }, wakeAt: null };
  }
  if (memory.countdownEndsAt !== null) {
    if (now >= memory.countdownEndsAt) return { memory, plan: { step: 'restart', by: 'deadline' }, wakeAt: null };
    return { memory, plan: { step: 'countdown', endsAt: memory.countdownEndsAt, plugIn }, wakeAt: memory.countdownEndsAt };
  }

  if (now >= memory.deadline) {
    if (!situation.loggedOn) return { memory, plan: { step: 'restart', by: 'nobody-logged-on' }, wakeAt: null };
    if (situation.away) return { memory, plan: { step: 'restart', by: 'away' }, wakeAt: null };
    if (quiet) return { memory, plan: { step: 'wait', why: 'quiet-hours', until: quiet.endsAt }, wakeAt: quiet.endsAt };
    const awayWaitEnds = memory.deadline + AWAY_WAIT;
    if (now < awayWaitEnds) return { memory, plan: { step: 'wait', why: 'away-wait', until: awayWaitEnds }, wakeAt: awayWaitEnds };
    // A passed deadline overrides being busy: the deferrals and the wait for a break were the room.
    const endsAt = now + countdownMs;
    return { memory: { ...memory, busySince: null, countdownEndsAt: endsAt }, plan: { step: 'countdown', endsAt, plugIn }, wakeAt: endsAt };
  }

  if (memory.snoozedUntil !== null && now < memory.snoozedUntil) {
    const until = Math.min(memory.snoozedUntil, memory.deadline);
    return { memory, plan: { step: 'wait', why: 'snoozed', until }, wakeAt: until };
  }
  if (quiet) {
    const until = Math.min(quiet.endsAt, memory.deadline);
    return { memory, plan: { step: 'wait', why: 'quiet-hours', until }, wakeAt: until };
  }
  const held = holdForBusy(memory, situation, memory.deadline - BUSY_CAP);
  if (held) return held;
  const deferralsLeft = Math.max(0, rules.maxDeferrals - memory.deferralsUsed);
  const prompting = { ...memory, busySince: null, promptedAt: memory.promptedAt ?? now };
  return {
    memory: prompting,
    plan: { step: 'prompt', deadline: memory.deadline, deferralsLeft, options: deferOptions(prompting, rules, now, zone), plugIn },
    wakeAt: memory.deadline,
  };
}

/**
 * The ways to put it off that the prompt may offer now: each deferral length and each picked time
 * of day (today or tomorrow) that falls before the deadline, while deferrals are left.
 */
export function deferOptions(memory: PlannerMemory, rules: RestartRules, now: number, zone: Zone): DeferOption[] {
  if (rules.maxDeferrals - memory.deferralsUsed <= 0 || now >= memory.deadline) return [];
  const before = (at: number) => at < memory.deadline;
  const from = memory.promptedAt ?? now;
  const lengths = [...new Set(rules.deferralMinutes)]
    .sort((a, b) => a - b)
    .map((minutes): DeferOption => ({ kind: 'in', at: from + minutes * MINUTE, minutes }))
    .filter((option) => option.at > now && before(option.at));
  const today = zone.wall(now);
  const picks: DeferOption[] = [];
  for (let day = 0; day <= 1; day++) {
    for (const time of [...rules.pickTimes].sort()) {
      const minute = minuteOfDay(time);
      if (minute === null) continue;
      const at = zone.at(today.year, today.month, today.day + day, minute);
      if (at >= now + PICK_MIN_AHEAD && before(at) && ![...lengths, ...picks].some((o) => o.at === at)) picks.push({ kind: 'pick', at, minutes: null });
    }
  }
  return [...lengths, ...picks.slice(0, MAX_PICKS)];
}

/** The employee chose an option: it must be one offered now; it uses one deferral. */
export function defer(memory: PlannerMemory, rules: RestartRules, at: number, now: number, zone: Zone): PlannerMemory | 'not-offered' {
  if (!deferOptions(memory, rules, now, zone).some((option) => option.at === at)) return 'not-offered';
  return { ...memory, snoozedUntil: at, deferralsUsed: memory.deferralsUsed + 1, lastSeenAt: now, promptedAt: null };
}

/** The prompt was closed without a choice: it comes back later, no deferral used, never past the deadline. */
export function remindLater(memory: PlannerMemory, now: number): PlannerMemory {
  return { ...memory, snoozedUntil: Math.min(now + REMIND, memory.deadline), lastSeenAt: now, promptedAt: null };
}

/** After a long gap the PC gets its grace again; after the clock went back, no wait is longer than it could have been. */
function observeTime(memory: PlannerMemory, rules: RestartRules, now: number): PlannerMemory {
  const countdownMs = Math.max(MIN_COUNTDOWN, rules.finalCountdownMinutes * MINUTE);
  if (now < memory.lastSeenAt) {
    const longest = Math.max(REMIND, ...rules.deferralMinutes.map((m) => m * MINUTE));
    return {
      ...memory,
      snoozedUntil: memory.snoozedUntil === null ? null : Math.min(memory.snoozedUntil, now + longest),
      countdownEndsAt: memory.countdownEndsAt === null ? null : Math.min(memory.countdownEndsAt, now + countdownMs),
      busySince: null,
    };
  }
  if (now - memory.lastSeenAt > OFF_GAP) {
    // Back from off or sleep: a countdown nobody saw starts over, and the deadline is at least grace away.
    return { ...memory, deadline: Math.max(memory.deadline, now + rules.graceHours * HOUR), countdownEndsAt: null, busySince: null };
  }
  return memory;
}

/** Holds a due prompt or countdown while the user is busy, for at most BUSY_CAP and never past `latest`. */
function holdForBusy(memory: PlannerMemory, situation: Situation, latest: number): Planned | null {
  const { now } = situation;
  if (!situation.busy) return null;
  const busySince = memory.busySince ?? now;
  const until = Math.min(busySince + BUSY_CAP, Math.max(latest, busySince));
  if (now >= until) return null;
  return { memory: { ...memory, busySince }, plan: { step: 'wait', why: 'busy', until }, wakeAt: Math.min(now + BUSY_RECHECK, until) };
}

function quietSpan(rules: RestartRules, zone: Zone, now: number): { endsAt: number } | null {
  if (!rules.quietHours) return null;
  const from = minuteOfDay(rules.quietHours.from);
  const to = minuteOfDay(rules.quietHours.to);
  if (from === null || to === null || from === to) return null;
  const wall = zone.wall(now);
  const inside = from < to ? wall.minute >= from && wall.minute < to : wall.minute >= from || wall.minute < to;
  if (!inside) return null;
  const endsToday = wall.minute < to;
  return { endsAt: zone.at(wall.year, wall.month, wall.day + (endsToday ? 0 : 1), to) };
}
