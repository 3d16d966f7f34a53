import type { SupportState } from '../../contract';
import { urgentAdviceByImpact } from './advice';

/** The policy's `support` block, as the config layer hands it over. */
export interface PolicySupport {
  phone: string;
  email: string;
  portalUrl?: string | null;
  emergencyPhone?: string | null;
  slaTier: SupportState['slaTier'];
  hours: SupportState['hours'];
  timeZone: string;
}

const FALLBACK_ZONE = 'Europe/Amsterdam';
const DAY_MINUTES = 24 * 60;
const SEARCH_DAYS = 8;
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      return null; // RangeError: not a time zone this runtime knows
    }
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number; // 1..12
  day: number;
  weekday: number; // ISO, 1 = Monday
  minute: number; // of the day
  second: number;
}
function wallClock(f: Intl.DateTimeFormat, at: number): Wall {
  const p: Record<string, string> = {};
  for (const part of f.formatToParts(at)) p[part.type] = part.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    weekday: WEEKDAYS[p.weekday ?? ''] ?? 1,
    minute: Number(p.hour) * 60 + Number(p.minute),
    second: Number(p.second),
  };
}

/** "HH:mm" → minutes of the day; "24:00" closes at midnight; anything else is ignored. */
function minutes(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const value = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && value <= DAY_MINUTES ? value : null;
}

interface Span {
  days: number[];
  from: number;
  to: number;
}
function spans(hours: PolicySupport['hours']): Span[] {
  const out: Span[] = [];
  for (const h of hours) {
    const from = minutes(h.from);
    const to = minutes(h.to);
    if (from !== null && to !== null && from !== to) out.push({ days: h.days, from, to });
  }
  return out;
}

/** A span whose `to` is before its `from` runs past midnight into the next day (e.g. 22:00-06:00). */
function openAt(list: Span[], wall: Wall): boolean {
  const yesterday = wall.weekday === 1 ? 7 : wall.weekday - 1;
  return list.some((s) =>
    s.from < s.to
      ? s.days.includes(wall.weekday) && wall.minute >= s.from && wall.minute < s.to
      : (s.days.includes(wall.weekday) && wall.minute >= s.from) || (s.days.includes(yesterday) && wall.minute < s.to),
  );
}

/** The UTC instant at which the zone's clock shows this local date and minute (DST-aware). */
function instantOf(f: Intl.DateTimeFormat, year: number, month: number, day: number, minute: number): number {
  const asUtc = Date.UTC(year, month - 1, day, 0, minute);
  const offsetAt = (t: number) => {
    const w = wallClock(f, t);
    return Date.UTC(w.year, w.month - 1, w.day, 0, w.minute, w.second) - Math.floor(t / 1000) * 1000;
  };
  const first = asUtc - offsetAt(asUtc);
  const second = asUtc - offsetAt(first);
  return second;
}

/**
 * The servicedesk as the policy describes it, with whether it is open at `nowMs` and when that
 * next changes. Only the span edges can flip it, so those are the only moments looked at.
 */
export function supportState(policySupport: PolicySupport, nowMs: number): SupportState {
  let timeZone = policySupport.timeZone;
  let f = formatter(timeZone);
  if (!f) {
    timeZone = FALLBACK_ZONE;
    f = formatter(timeZone)!;
  }
  const base = {
    phone: policySupport.phone,
    email: policySupport.email,
    portalUrl: policySupport.portalUrl ?? null,
    emergencyPhone: policySupport.emergencyPhone ?? null,
    slaTier: policySupport.slaTier,
    hours: policySupport.hours,
    timeZone,
  };
  if (policySupport.slaTier === '24x7') return { ...base, openNow: true, nextChangeAt: null, urgentAdvice: urgentAdviceByImpact({ ...base, openNow: true }) };

  const list = spans(policySupport.hours);
  const now = Math.floor(nowMs / 60_000) * 60_000;
  const today = wallClock(f, now);
  const openNow = openAt(list, today);

  const edges = new Set<number>();
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    for (const s of list) {
      for (const m of [s.from, s.to]) {
        const at = instantOf(f, today.year, today.month, today.day + d, m);
        if (at > now) edges.add(at);
      }
    }
  }
  const next = [...edges].sort((a, b) => a - b).find((at) => openAt(list, wallClock(f, at)) !== openNow);
  return { ...base, openNow, nextChangeAt: next === undefined ? null : new Date(next).toISOString(), urgentAdvice: urgentAdviceByImpact({ ...base, openNow }) };
}
