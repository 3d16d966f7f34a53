import type { SupportState } from '../../contract';
import { urgentAdviceByImpact } from './advice';
import { zoneClock, type ZoneClock } from './zone-clock';

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

interface Wall {
  year: number;
  month: number; // 1..12
  day: number;
  weekday: number; // ISO, 1 = Monday
  minute: number; // of the day
}
function wallClock(zone: ZoneClock, at: number): Wall {
  const local = new Date(at + zone.offsetAt(at));
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    weekday: local.getUTCDay() || 7,
    minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
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
function instantOf(zone: ZoneClock, year: number, month: number, day: number, minute: number): number {
  const asUtc = Date.UTC(year, month - 1, day, 0, minute);
  const first = asUtc - zone.offsetAt(asUtc);
  return asUtc - zone.offsetAt(first);
}

/**
 * The servicedesk as the policy describes it, with whether it is open at `nowMs` and when that
 * next changes. Only the span edges can flip it, so those are the only moments looked at.
 */
export function supportState(policySupport: PolicySupport, nowMs: number): SupportState {
  let timeZone = policySupport.timeZone;
  let zone = zoneClock(timeZone);
  if (!zone) {
    timeZone = FALLBACK_ZONE;
    zone = zoneClock(timeZone)!;
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
  const today = wallClock(zone, now);
  const openNow = openAt(list, today);

  const edges = new Set<number>();
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    for (const s of list) {
      for (const m of [s.from, s.to]) {
        const at = instantOf(zone, today.year, today.month, today.day + d, m);
        if (at > now) edges.add(at);
      }
    }
  }
  const next = [...edges].sort((a, b) => a - b).find((at) => openAt(list, wallClock(zone, at)) !== openNow);
  return { ...base, openNow, nextChangeAt: next === undefined ? null : new Date(next).toISOString(), urgentAdvice: urgentAdviceByImpact({ ...base, openNow }) };
}
