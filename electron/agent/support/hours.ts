import type { SupportState } from '../../contract';
import { urgentAdviceByImpact } from './advice';
import { minuteOfDay, zone, type Wall } from '../platform/zoned-time';

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
const SEARCH_DAYS = 8;
interface Span {
  days: number[];
  from: number;
  to: number;
}
function spans(hours: PolicySupport['hours']): Span[] {
  const out: Span[] = [];
  for (const h of hours) {
    const from = minuteOfDay(h.from);
    const to = minuteOfDay(h.to);
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

/**
 * The servicedesk as the policy describes it, with whether it is open at `nowMs` and when that
 * next changes. Only the span edges can flip it, so those are the only moments looked at.
 */
export function supportState(policySupport: PolicySupport, nowMs: number): SupportState {
  let timeZone = policySupport.timeZone;
  let z = zone(timeZone);
  if (!z) {
    timeZone = FALLBACK_ZONE;
    z = zone(timeZone)!;
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
  const today = z.wall(now);
  const openNow = openAt(list, today);

  const edges = new Set<number>();
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    for (const s of list) {
      for (const m of [s.from, s.to]) {
        const at = z.at(today.year, today.month, today.day + d, m);
        if (at > now) edges.add(at);
      }
    }
  }
  const next = [...edges].sort((a, b) => a - b).find((at) => openAt(list, z.wall(at)) !== openNow);
  return { ...base, openNow, nextChangeAt: next === undefined ? null : new Date(next).toISOString(), urgentAdvice: urgentAdviceByImpact({ ...base, openNow }) };
}
