import { ZONE_CHANGES, ZONE_RULES } from './zone-rules';

// A time zone's offset from UTC, from its POSIX TZ rule (RFC 8536 §3.3, the rule each tzdata file
// ends with), not from Intl: the first Intl.DateTimeFormat in a process makes V8 list every locale
// ICU has, which pages in about 8 MB of ICU data that then stay, for one servicedesk's hours.
// The rules are tzdata's current ones (zone-rules.ts): right for now and the days ahead, which
// is all the opening hours and the restart planner are asked about; tests/unit/platform/zone-clock.test.ts holds them to Intl.

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** A date rule: `Mm.w.d` (month, week 1-5 where 5 is the last, weekday 0 = Sunday), `Jn`, or `n`. */
type DateRule = { kind: 'M'; month: number; week: number; weekday: number } | { kind: 'J' | 'n'; day: number };
interface Change {
  date: DateRule;
  /** Local time of the change, in ms after midnight (may be negative or past 24 h). */
  timeMs: number;
}
interface Rule {
  stdMs: number; // offset east of UTC
  dst: { offsetMs: number; start: Change; end: Change } | null;
}

export interface ZoneClock {
  /** ms to add to a UTC instant to get this zone's wall clock at that instant. */
  offsetAt(utcMs: number): number;
}

const byName = new Map<string, string>(Object.entries(ZONE_RULES).flatMap(([rule, names]) => names.map((name) => [name, rule] as const)));
const clocks = new Map<string, ZoneClock>();

/** The zone's clock, or null for a name tzdata does not know. */
export function zoneClock(name: string): ZoneClock | null {
  const known = clocks.get(name);
  if (known) return known;
  const text = byName.get(name);
  if (text === undefined) return null;
  const rule = parseRule(text);
  const changes = ZONE_CHANGES[name] ?? [];
  const clock: ZoneClock = {
    offsetAt(utcMs) {
      // Changes by decree ([UTC second, offset second], zone-rules.ts) hold until the rule takes over.
      const seconds = utcMs / 1000;
      if (changes.length && seconds >= changes[0]![0] && seconds < changes[changes.length - 1]![0]) {
        let offset = 0;
        for (const [at, to] of changes) if (at <= seconds) offset = to;
        return offset * 1000;
      }
      return ruleOffset(rule, utcMs);
    },
  };
  clocks.set(name, clock);
  return clock;
}

/** For build/zone-rules.ts: the offset a rule gives at an instant. */
export function offsetByRule(text: string, utcMs: number): number {
  return ruleOffset(parseRule(text), utcMs);
}

function ruleOffset(rule: Rule, utcMs: number): number {
  if (!rule.dst) return rule.stdMs;
  const year = new Date(utcMs + rule.stdMs).getUTCFullYear();
  // The start is said in standard time, the end in daylight time.
  const start = localMs(year, rule.dst.start) - rule.stdMs;
  const end = localMs(year, rule.dst.end) - rule.dst.offsetMs;
  const inDst = start < end ? utcMs >= start && utcMs < end : !(utcMs >= end && utcMs < start);
  return inDst ? rule.dst.offsetMs : rule.stdMs;
}

/** The change's moment in the year, as ms since the epoch on the zone's wall clock. */
function localMs(year: number, change: Change): number {
  const d = change.date;
  let day: number;
  if (d.kind === 'M') {
    const firstWeekday = new Date(Date.UTC(year, d.month - 1, 1)).getUTCDay();
    const daysInMonth = new Date(Date.UTC(year, d.month, 0)).getUTCDate();
    let date = 1 + ((d.weekday - firstWeekday + 7) % 7) + (d.week - 1) * 7;
    while (date > daysInMonth) date -= 7; // week 5: the last one
    day = Date.UTC(year, d.month - 1, date);
  } else if (d.kind === 'J') {
    // 1..365, February 29 never counted
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    day = Date.UTC(year, 0, 1) + (d.day - 1 + (leap && d.day >= 60 ? 1 : 0)) * DAY_MS;
  } else {
    day = Date.UTC(year, 0, 1) + d.day * DAY_MS; // 0..365, February 29 counted
  }
  return day + change.timeMs;
}

// `CET-1CEST,M3.5.0,M10.5.0/3`, `<+1030>-10:30<+11>-11,M10.1.0,M4.1.0`, `GMT0`. POSIX offsets
// count west of UTC, hence the minus signs.
const RULE = /^(?:[A-Za-z]{3,}|<[^>]+>)([+-]?[\d:]+)(?:(?:[A-Za-z]{3,}|<[^>]+>)([+-]?[\d:]+)?(?:,([^,]+),([^,]+))?)?$/;

function parseRule(text: string): Rule {
  const m = RULE.exec(text);
  if (!m) throw new Error(`not a POSIX TZ rule: ${text}`);
  const stdMs = -clockMs(m[1]!);
  if (m[3] === undefined || m[4] === undefined) return { stdMs, dst: null };
  const offsetMs = m[2] === undefined ? stdMs + HOUR_MS : -clockMs(m[2]);
  return { stdMs, dst: { offsetMs, start: parseChange(m[3]), end: parseChange(m[4]) } };
}

function parseChange(text: string): Change {
  const [date = '', time = '2'] = text.split('/');
  const mDate = /^M(\d+)\.(\d)\.(\d)$/.exec(date);
  const parsed: DateRule = mDate
    ? { kind: 'M', month: Number(mDate[1]), week: Number(mDate[2]), weekday: Number(mDate[3]) }
    : date.startsWith('J')
      ? { kind: 'J', day: Number(date.slice(1)) }
      : { kind: 'n', day: Number(date) };
  return { date: parsed, timeMs: clockMs(time) };
}

/** `[+-]hh[:mm[:ss]]` → ms. */
function clockMs(text: string): number {
  const sign = text.startsWith('-') ? -1 : 1;
  const [h = 0, min = 0, s = 0] = text.replace(/^[+-]/, '').split(':').map(Number);
  return sign * ((h * 60 + min) * 60 + s) * 1000;
}
