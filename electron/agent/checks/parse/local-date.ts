/*
 * A date and time as Windows prints it in the user's regional format (w32tm, Get-MpComputerStatus
 * in list form): `5/30/2025 09:06:45`, `9/16/2023 12:47:56 PM`, `28.09.2026 07:26:42`,
 * `25/09/2020 17:14:58`, `18-10-2022 09:18:29 AM`, `2011-12-05 23:25:18`. The tools print local
 * time, and the parser runs on the same machine, so it is read in this process's time zone.
 */

const DATE = /^(\d{1,4})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{1,4})\.?(?=\s|$)/;
const TIME = /(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?:[.,]\d+)?/;
// The 12-hour markers of the regional formats that use one (en, es, nl "a.m.", ja, zh, ko).
const AM = /^(am|a\.\s?m\.|午前|上午|오전)$/i;
const PM = /^(pm|p\.\s?m\.|午後|下午|오후)$/i;
// Windows prints a FILETIME of 0 ("never") as 1/1/1601, or 12/31/1600 west of UTC.
const FIRST_REAL_YEAR = 1970;

/**
 * The date as RFC 3339 (UTC), or null when it is not a date (`unspecified`, `nicht angegeben`,
 * a 12-hour marker we do not know). When day and month could be either way round (`12/6/2026`),
 * the reading that is not after `now` wins, and of two such the nearer: a last sync or scan is past.
 */
export function parseLocalDateTime(text: string, now: number): string | null {
  const value = text.trim();
  const date = DATE.exec(value);
  if (!date) return null;
  const [first, second, third] = [date[1], date[2], date[3]].map(Number) as [number, number, number];
  const rest = value.slice(date[0].length);
  const time = TIME.exec(rest);
  if (!time) return null;
  let hour = Number(time[1]);
  const marker = (rest.slice(0, time.index) + rest.slice(time.index + time[0].length)).trim();
  if (marker && hour > 12) return null;
  if (AM.test(marker)) hour %= 12;
  else if (PM.test(marker)) hour = (hour % 12) + 12;
  else if (marker) return null;
  const clock = [hour, Number(time[2]), Number(time[3] ?? 0)] as const;

  // Year first (ISO, East Asian), or year last with day and month in either order.
  const [, yearFirst = '', , yearLast = ''] = date;
  const orders: [number, number, number][] =
    yearFirst.length === 4 ? [[first, second, third]] : yearLast.length === 4 ? [[third, second, first], [third, first, second]] : [];
  const candidates = orders.map(([year, month, day]) => localTime(year, month, day, ...clock)).filter((t): t is number => t !== null);
  if (!candidates.length) return null;
  const past = candidates.filter((t) => t <= now);
  const chosen = past.length ? Math.max(...past) : Math.min(...candidates);
  return new Date(chosen).toISOString();
}

function localTime(year: number, month: number, day: number, hour: number, minute: number, second: number): number | null {
  if (year < FIRST_REAL_YEAR || hour > 23 || minute > 59 || second > 59) return null;
  const at = new Date(year, month - 1, day, hour, minute, second);
  // Date rolls 31/02 over into March: a day or month out of range is not this date.
  return at.getFullYear() === year && at.getMonth() === month - 1 && at.getDate() === day ? at.getTime() : null;
}
