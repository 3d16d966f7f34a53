// Wall-clock time in a named time zone (the policy's), daylight-saving changes included. Shared by
// the servicedesk's opening hours and the restart planner, so that both read a zone one way.

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

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

/** The zone by IANA name, or null when this runtime does not know it. Built once per name. */
export function zone(name: string): Zone | null {
  const known = zones.get(name);
  if (known) return known;
  let f: Intl.DateTimeFormat;
  try {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
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
  const wall = (at: number): Wall => {
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
  };
  const offsetAt = (t: number) => {
    const w = wall(t);
    return Date.UTC(w.year, w.month - 1, w.day, 0, w.minute, w.second) - Math.floor(t / 1000) * 1000;
  };
  const made: Zone = {
    name,
    wall,
    at(year, month, day, minute) {
      const asUtc = Date.UTC(year, month - 1, day, 0, minute);
      const first = asUtc - offsetAt(asUtc);
      return asUtc - offsetAt(first);
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
