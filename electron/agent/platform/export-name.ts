import { zone } from './zoned-time';

/**
 * The names an export is offered under (the lead's decision for issue 14):
 * `hallo-diagnose-<hostname>-<yyyymmdd-hhmm>.zip` and `hallo-rapport-<hostname>-<yyyymmdd>.<ext>`,
 * the hostname reduced to [A-Za-z0-9-] so that the name is safe on every file system and in a
 * header. The time is the wall clock in `timeZone` (the policy's servicedesk zone, which the
 * admin's office keeps), UTC when that zone is unknown.
 */
export function diagnoseFileName(hostname: string, at: number, timeZone: string): string {
  const { date, time } = stamp(at, timeZone);
  return `hallo-diagnose-${hostPart(hostname)}-${date}-${time}.zip`;
}

export function reportFileName(hostname: string, at: number, timeZone: string, ext: 'pdf' | 'html'): string {
  return `hallo-rapport-${hostPart(hostname)}-${stamp(at, timeZone).date}.${ext}`;
}

function hostPart(hostname: string): string {
  const reduced = hostname.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63);
  return reduced === '' ? 'pc' : reduced;
}

function stamp(at: number, timeZone: string): { date: string; time: string } {
  const wall = zone(timeZone)?.wall(at);
  const utc = new Date(at);
  const [year, month, day, minute] = wall
    ? [wall.year, wall.month, wall.day, wall.minute]
    : [utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate(), utc.getUTCHours() * 60 + utc.getUTCMinutes()];
  const two = (n: number) => String(n).padStart(2, '0');
  return { date: `${year}${two(month)}${two(day)}`, time: `${two(Math.floor(minute / 60))}${two(minute % 60)}` };
}
