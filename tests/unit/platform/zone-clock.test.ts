import { describe, expect, it } from 'vitest';
import { zoneClock } from '../../../electron/agent/platform/zone-clock';
import { TZDATA_VERSION, ZONE_RULES } from '../../../electron/agent/platform/zone-rules';

// The agent's zone offsets (tzdata's POSIX rules, platform/zone-clock.ts) against Intl's (ICU's own
// tzdata) for every zone, over 2026 and 2027: each week (no zone changes twice within one), and
// each change to the second.

const FROM = Date.UTC(2026, 0, 1);
const TO = Date.UTC(2028, 0, 1);
const WEEK = 7 * 86_400_000;

function intlOffset(format: Intl.DateTimeFormat, at: number): number {
  const p: Record<string, number> = {};
  for (const part of format.formatToParts(at)) p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(at / 1000) * 1000;
}

/** The first second in (from, to] at which the offset is no longer what it was at `from`. */
function changeWithin(offsetAt: (at: number) => number, from: number, to: number): number {
  const before = offsetAt(from);
  let lo = from;
  let hi = to;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetAt(mid) === before) lo = mid;
    else hi = mid;
  }
  return hi;
}

const zones = Object.values(ZONE_RULES).flat();

describe(`zone clocks from tzdata ${TZDATA_VERSION}`, () => {
  it('know the zones a policy names, and not a made-up one', () => {
    expect(zones.length).toBeGreaterThan(400);
    for (const name of ['Europe/Amsterdam', 'Europe/Brussels', 'UTC', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata']) expect(zoneClock(name), name).not.toBeNull();
    expect(zoneClock('Mars/Olympus_Mons')).toBeNull();
  });

  it('Europe/Amsterdam: +1 in winter, +2 from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of October', () => {
    const ams = zoneClock('Europe/Amsterdam')!;
    const hours = (iso: string) => ams.offsetAt(Date.parse(iso)) / 3_600_000;
    expect([hours('2026-03-29T00:59:59Z'), hours('2026-03-29T01:00:00Z'), hours('2026-10-25T00:59:59Z'), hours('2026-10-25T01:00:00Z')]).toEqual([1, 2, 2, 1]);
  });

  it('agree with Intl for every zone Intl knows, each week and at each change, over 2026 and 2027', () => {
    const disagree: string[] = [];
    for (const name of zones) {
      let format: Intl.DateTimeFormat;
      try {
        format = new Intl.DateTimeFormat('en-US', { timeZone: name, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
      } catch {
        continue; // a name only tzdata knows
      }
      const ours = zoneClock(name)!;
      const theirs = (at: number) => intlOffset(format, at);
      for (let at = FROM; at < TO; at += WEEK) {
        const [a, b] = [ours.offsetAt(at), theirs(at)];
        if (a !== b) {
          disagree.push(`${name} at ${new Date(at).toISOString()}: ${a / 60_000} min, Intl ${b / 60_000}`);
          break;
        }
        if (ours.offsetAt(at + WEEK) !== a || theirs(at + WEEK) !== b) {
          const [ca, cb] = [changeWithin((t) => ours.offsetAt(t), at, at + WEEK), changeWithin(theirs, at, at + WEEK)];
          if (ca !== cb) {
            disagree.push(`${name} changes at ${new Date(ca).toISOString()}, Intl at ${new Date(cb).toISOString()}`);
            break;
          }
        }
      }
    }
    expect(disagree).toEqual([]);
  }, 60_000);
});
