import { firstWords, lines } from '../../updates/parse/lines';
import type { Parsed, TimeFinding } from '../types';

/*
 * systemd's `timedatectl` (its labels are not translated: systemd ships translations only for its
 * polkit messages). Whether the kernel's clock is synchronised, in every wording seen:
 *   status, systemd < 235:   `NTP synchronized: yes`
 *   status, systemd 235-238: `System clock synchronized: yes` beside `systemd-timesyncd.service active: yes`
 *   status, systemd ≥ 239:   `System clock synchronized: yes`
 *   show (key=value):        `NTPSynchronized=yes`
 * The source and offset appear only in `timedatectl timesync-status` (`Server: 1.2.3.4 (ntp.example)`,
 * `Offset: -1.029ms`) or `show-timesync` (`ServerName=`): read when pasted with it, else null. The
 * last sync time is never printed: null. Without systemd (containers, other inits) it can say nothing.
 */
const SYNCED = /^\s*(?:NTP synchronized|System clock synchronized)\s*:\s*(yes|no)\s*$/i;
const SHOW_SYNCED = /^NTPSynchronized=(yes|no)$/;
const SERVER = /^\s*Server\s*:\s*(\S+)(?:\s+\(([^()]+)\))?\s*$/;
const SHOW_SERVER = /^ServerName=(\S+)$/;
const OFFSET = /^\s*Offset\s*:\s*([+-]?[\d.]+\s*(?:us|µs|ms|s|min)(?:\s*[\d.]+\s*(?:us|µs|ms|s))*)\s*$/;
const NO_SYSTEMD = /not been booted with systemd|Failed to (?:connect to|create) bus|System has not been booted/i;
const SECONDS: Record<string, number> = { us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, min: 60 };

/** systemd's timespan (`-1.029ms`, `+2min 3.5s`) in seconds. */
function seconds(span: string): number {
  const sign = span.trim().startsWith('-') ? -1 : 1;
  let total = 0;
  for (const [, amount, unit] of span.matchAll(/([\d.]+)\s*(us|µs|ms|min|s)/g)) total += Number(amount) * SECONDS[unit!]!;
  return sign * total;
}

export function parseTimedatectl(text: string, _now: number): Parsed<TimeFinding> {
  const all = lines(text);
  if (all.some((line) => NO_SYSTEMD.test(line))) return { unknown: 'unsupported', detail: firstWords(text) };
  const synced = all.map((line) => SYNCED.exec(line) ?? SHOW_SYNCED.exec(line.trim())).find(Boolean);
  if (!synced) return { unknown: 'unreadable', detail: firstWords(text) };
  const server = all.map((line) => SERVER.exec(line)).find(Boolean);
  const shown = all.map((line) => SHOW_SERVER.exec(line.trim())).find(Boolean);
  const offset = all.map((line) => OFFSET.exec(line)).find(Boolean);
  return {
    value: {
      synchronised: synced[1]!.toLowerCase() === 'yes',
      source: server ? (server[2] ?? server[1]!) : (shown?.[1] ?? null),
      lastSyncAt: null,
      offsetSeconds: offset ? seconds(offset[1]!) : null,
    },
  };
}
