import type { Parsed } from '../types';
import { NOT_BUSY, type BusyReading } from './reading';

// `pmset -g assertions` (macOS): who holds a power assertion now. Nudge, Renew and Installomator
// treat an app that keeps the display awake as busy: Zoom, Teams and Webex in a call, Keynote and
// PowerPoint presenting, a video playing. Its lines, under "Listed by owning process:":
//   pid 41392(WWDC): [0x0001f84b00059c04] 00:03:36 PreventUserIdleDisplaySleep named: "Playing WWDC session video"
// `NoDisplaySleepAssertion` is the older name of the same assertion (Chromium's "Video Wake Lock").

const DISPLAY_ASSERTIONS = new Set(['PreventUserIdleDisplaySleep', 'NoDisplaySleepAssertion']);
/**
 * Holders that say nothing about the employee: the system's own (powerd, coreaudiod) and tools
 * people run to keep a Mac awake (Renew ignores caffeinate and Amphetamine for the same reason).
 */
const NOT_THE_EMPLOYEE = new Set(['powerd', 'coreaudiod', 'caffeinate', 'amphetamine']);
const HOLDER = /^\s*pid\s+\d+\((.+?)\):\s+\[0x[0-9a-f]+\]\s+(?:\d+:\d\d:\d\d\s+)?(\w+)\s+named:/i;

export function parsePmsetAssertions(text: string): Parsed<BusyReading> {
  const lines = text.split(/\r?\n/);
  const listed = lines.findIndex((line) => /^\s*Listed by owning process:/.test(line));
  if (listed < 0 && !lines.some((line) => /^\s*Assertion status system-wide:/.test(line))) {
    return { unreadable: 'not an output of pmset -g assertions (no "Listed by owning process:")' };
  }
  for (const line of lines.slice(listed + 1)) {
    const holder = HOLDER.exec(line);
    if (!holder) continue;
    const [, app, assertion] = holder as unknown as [string, string, string];
    if (DISPLAY_ASSERTIONS.has(assertion) && !NOT_THE_EMPLOYEE.has(app.toLowerCase())) return { value: { busy: true, reason: 'display-awake', app } };
  }
  return { value: NOT_BUSY };
}
