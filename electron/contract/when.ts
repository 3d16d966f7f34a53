/** The catalog languages (state.ts's `Language`, kept here without zod). */
export type Language = 'nl' | 'en';

// Days and times as people say them, in a given time zone ("morgen om 08:00", "uiterlijk
// donderdag om 17:00"): zod-free, for the renderer and the shell's tray alike. Intl does the
// daylight-saving arithmetic of the zone, so a deadline reads right on both sides of a change.

export const LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
const FALLBACK_ZONE = 'Europe/Amsterdam';

/** A policy's time zone is untrusted: an unknown one falls back to the house zone. */
export function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return FALLBACK_ZONE;
  }
}

export function formatTime(at: Date, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALE[language], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    ...(timeZone ? { timeZone: safeTimeZone(timeZone) } : {}),
  }).format(at);
}

// Making an Intl formatter costs far more than using one (a conversation of 200 messages formats
// 200 times): one per language and style.
const dateTimes = new Map<string, Intl.DateTimeFormat>();

/** `timeStyle: 'short'` where seconds say nothing (a message in a conversation). */
export function formatDateTime(iso: string | null, language: Language, timeStyle: 'medium' | 'short' = 'medium'): string | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const key = `${language}:${timeStyle}`;
  let made = dateTimes.get(key);
  if (!made) dateTimes.set(key, (made = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeStyle })));
  return made.format(at);
}

/** Calendar day number of an instant in a time zone, for "today" / "tomorrow" comparisons. */
export function dayNumber(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at)
    .reduce<Record<string, number>>((acc, part) => ({ ...acc, [part.type]: Number(part.value) }), {});
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1) / 86_400_000;
}

export type When =
  | { key: 'when.today'; params: { time: string } }
  | { key: 'when.tomorrow'; params: { time: string } }
  | { key: 'when.weekday'; params: { day: string; time: string } }
  | { key: 'when.date'; params: { date: string; time: string } };

/** An RFC 3339 time read in a (checked) zone, with its clock time; null when missing or not a date. */
function zoned(iso: string | null, timeZone: string, language: Language): { at: Date; zone: string; time: string } | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const zone = safeTimeZone(timeZone);
  return { at, zone, time: formatTime(at, language, zone) };
}

/**
 * When the servicedesk opens (or closes) next, in words relative to now, in the servicedesk's
 * own time zone (its hours are kept there). Null when `iso` is missing or not a date.
 */
export function describeWhen(iso: string | null, now: Date, timeZone: string, language: Language): When | null {
  const instant = zoned(iso, timeZone, language);
  if (!instant) return null;
  const { at, zone, time } = instant;
  const days = dayNumber(at, zone) - dayNumber(now, zone);
  if (days <= 0) return { key: 'when.today', params: { time } };
  if (days === 1) return { key: 'when.tomorrow', params: { time } };
  if (days < 7) {
    const day = new Intl.DateTimeFormat(LOCALE[language], { weekday: 'long', timeZone: zone }).format(at);
    return { key: 'when.weekday', params: { day, time } };
  }
  const date = new Intl.DateTimeFormat(LOCALE[language], { day: 'numeric', month: 'long', timeZone: zone }).format(at);
  return { key: 'when.date', params: { date, time } };
}

/** When something happened, for "Laatst gecontroleerd …": the time alone today, else the date too. */
export function describeSince(iso: string | null, now: Date, timeZone: string, language: Language): When | null {
  const instant = zoned(iso, timeZone, language);
  if (!instant) return null;
  const { at, zone, time } = instant;
  if (dayNumber(at, zone) >= dayNumber(now, zone)) return { key: 'when.today', params: { time } };
  const date = new Intl.DateTimeFormat(LOCALE[language], { day: 'numeric', month: 'long', timeZone: zone }).format(at);
  return { key: 'when.date', params: { date, time } };
}
