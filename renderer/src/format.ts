import type { Language, SizeUnits } from '../../electron/contract';
import { dayNumber, LOCALE, safeTimeZone } from '../../electron/contract/when';
import { gigabytes, sizeParts } from '../../electron/contract/sizes';

// Everything the popup shows as a number or a time goes through here, so that Dutch gets
// "4,2 GB" and "morgen om 08:00" and English gets "4.2 GB" and "tomorrow at 08:00".

// Times and days in a zone live in the contract (when.ts): the tray's tooltip says them too.
export { describeSince, describeWhen, formatDateTime, formatTime, safeTimeZone, type When } from '../../electron/contract/when';

export function locale(language: Language): string {
  return LOCALE[language];
}

// Making an Intl formatter costs far more than using one (a conversation of 200 messages formats
// hundreds of times, `npm run bench` threadRenderMs): the few kinds used per item are made once.
type Formatter = Intl.NumberFormat | Intl.DateTimeFormat | Intl.RelativeTimeFormat;
const formatters = new Map<string, Formatter>();
function formatter<F extends Formatter>(key: string, make: () => F): F {
  let made = formatters.get(key) as F | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

export function formatNumber(value: number, language: Language, maxFractionDigits = 1): string {
  return formatter(`n:${language}:${maxFractionDigits}`, () => new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: maxFractionDigits })).format(value);
}

/** Bytes as the GB figure the agent's checklist shows too: `units` is the agent's `state.app.sizeUnits`. */
export function formatGb(bytes: number, units: SizeUnits, language: Language): string {
  return formatNumber(gigabytes(bytes, units), language, 1);
}

/** Bytes as the catalog's size words (`size.gb`, `size.mb`, ...), counted as the PC's file manager does. */
export function sizeText(bytes: number, units: SizeUnits, language: Language): { key: `size.${string}`; params: { value: string } } {
  const { unit, value } = sizeParts(bytes, units);
  return { key: `size.${unit}`, params: { value: formatNumber(value, language, 1) } };
}

/**
 * How many calendar days ago, in words ("vandaag", "gisteren", "3 dagen geleden"), counted in
 * `timeZone`; null when `iso` is not a date. The exact time goes beside it (formatDateTime).
 */
export function describeAgo(iso: string, now: Date, timeZone: string, language: Language): string | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const zone = safeTimeZone(timeZone);
  const days = Math.max(0, dayNumber(now, zone) - dayNumber(at, zone));
  return formatter(`r:${language}`, () => new Intl.RelativeTimeFormat(LOCALE[language], { numeric: 'auto' })).format(-days, 'day');
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
