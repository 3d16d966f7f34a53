import type { Language } from '../../electron/contract';
import { dayNumber, LOCALE, safeTimeZone } from '../../electron/contract/when';
import { formatter } from '../../electron/contract/numbers';

// Everything the popup shows as a number or a time goes through here, so that Dutch gets
// "4,2 GB" and "morgen om 08:00" and English gets "4.2 GB" and "tomorrow at 08:00".

// Times and days in a zone live in the contract (when.ts): the tray's tooltip says them too.
// Numbers and sizes too (numbers.ts): the health report says them as the popup does.
export { formatGb, formatNumber, localizeParams, sizeText } from '../../electron/contract/numbers';
export { describeSince, describeWhen, formatDateTime, formatTime, safeTimeZone, type When } from '../../electron/contract/when';

export function locale(language: Language): string {
  return LOCALE[language];
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
