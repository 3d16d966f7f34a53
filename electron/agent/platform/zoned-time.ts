import { zoneClock } from './zone-clock';

// Wall-clock time in a named time zone (the policy's), daylight-saving changes included. Shared by
// the servicedesk's opening hours and the restart planner, so that both read a zone one way: by
// tzdata's rules (zone-clock.ts), never Intl, whose first use pages in about 8 MB of ICU data.

export interface Wall {
  year: number;
  month: number; // 1..12
  day: number;
  weekday: number; // ISO, 1 = Monday
  minute: number; // of the day
  second: number;
}

export interface Zone {
  readonly name: string;
  /** What a clock in the zone shows at `at` (epoch ms). */
  wall(at: number): Wall;
  /**
   * The instant at which the zone's clock shows this local date and minute. `day` and `minute` may
   * overflow (day 32, minute 1500) and roll over as Date.UTC does. A minute that does not exist (the
   * hour skipped in spring) gives the instant the clock jumps past it.
   */
  at(year: number, month: number, day: number, minute: number): number;
}

const zones = new Map<string, Zone>();

/** The zone by IANA name, or null when tzdata does not know it. Built once per name. */
export function zone(name: string): Zone | null {
  const known = zones.get(name);
  if (known) return known;
  const clock = zoneClock(name);
  if (!clock) return null;
  const made: Zone = {
    name,
    wall(at) {
      const local = new Date(at + clock.offsetAt(at));
      return {
        year: local.getUTCFullYear(),
        month: local.getUTCMonth() + 1,
        day: local.getUTCDate(),
        weekday: local.getUTCDay() || 7,
        minute: local.getUTCHours() * 60 + local.getUTCMinutes(),
        second: local.getUTCSeconds(),
      };
    },
    at(year, month, day, minute) {
      const asUtc = Date.UTC(year, month - 1, day, 0, minute);
      const first = asUtc - clock.offsetAt(asUtc);
      return asUtc - clock.offsetAt(first);
    },
  };
  zones.set(name, made);
  return made;
}

/** "HH:mm" → minutes of the day; "24:00" is the end of the day; anything else is null. */
export function minuteOfDay(hhmm: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return null;
  const value = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && value <= 24 * 60 ? value : null;
}
