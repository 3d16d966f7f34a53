import type { Language, SizeUnits } from '../../electron/contract';
import { gigabytes } from '../../electron/contract/sizes';

// Everything the popup shows as a number or a time goes through here, so that Dutch gets
// "4,2 GB" and "morgen om 08:00" and English gets "4.2 GB" and "tomorrow at 08:00".

const LOCALE: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };
const FALLBACK_ZONE = 'Europe/Amsterdam';

export function locale(language: Language): string {
  return LOCALE[language];
}

export function formatNumber(value: number, language: Language, maxFractionDigits = 1): string {
  return new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: maxFractionDigits }).format(value);
}

/** Bytes as the GB figure the agent's checklist shows too: `units` is the agent's `state.app.sizeUnits`. */
export function formatGb(bytes: number, units: SizeUnits, language: Language): string {
  return formatNumber(gigabytes(bytes, units), language, 1);
}

/** Message parameters as they should read in `language`: numbers localised, the rest as text. */
export function localizeParams(
  params: Record<string, string | number | boolean>,
  language: Language,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [key, typeof value === 'number' ? formatNumber(value, language) : String(value)]),
  );
}

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

export function formatDateTime(iso: string | null, language: Language): string | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeStyle: 'medium' }).format(at);
}

/** Calendar day number of an instant in a time zone, for "today" / "tomorrow" comparisons. */
function dayNumber(at: Date, timeZone: string): number {
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

/**
 * An uptime as the catalog's duration parts: days and hours from a day on, hours from an hour on,
 * minutes below that (so that 33 minutes never reads "0 uur").
 */
export function uptimeParts(seconds: number): { key: 'duration.days' | 'duration.hours' | 'duration.minutes'; count: number }[] {
  const minutes = Math.max(0, Math.floor(seconds / 60));
  const hours = Math.floor(minutes / 60);
  if (hours < 1) return [{ key: 'duration.minutes', count: minutes }];
  if (hours < 24) return [{ key: 'duration.hours', count: hours }];
  return [
    { key: 'duration.days', count: Math.floor(hours / 24) },
    { key: 'duration.hours', count: hours % 24 },
  ];
}

/** `tel:` target: digits and plus only; the Dutch "(0)" after a country code is not dialled. */
export function telHref(phone: string): string {
  return 'tel:' + phone.replace(/\(0\)/g, '').replace(/[^\d+]/g, '');
}
